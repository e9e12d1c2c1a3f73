package dev.proctor.operator.sla;

import dev.proctor.operator.naming.ProctorNames;

/** Names, labels and keys of what the SLAPolicy reconciler writes. */
public final class SlaNames {
    public static final String LABEL_POLICY = ProctorNames.PREFIX + "slapolicy";

    private SlaNames() {}

    /** The policy's state ConfigMap: run ring, incident book, dispatcher state and outbox (keys in core's PolicyStateCodec). */
    public static String stateConfigMap(String policy) {
        return "proctor-sla-" + policy;
    }
}
