package dev.proctor.operator.sla;

import dev.proctor.operator.naming.ProctorNames;

/** Names, labels and keys of what the SLAPolicy reconciler writes. */
public final class SlaNames {
    public static final String LABEL_POLICY = ProctorNames.PREFIX + "slapolicy";
    public static final String RUNS_KEY = "runs.json";
    public static final String INCIDENTS_KEY = "incidents.json";
    public static final String DISPATCH_KEY = "dispatch.json";
    public static final String OUTBOX_KEY = "outbox.json";
    public static final String HANDLED_ACK_KEY = "acknowledged";

    private SlaNames() {}

    /** The policy's state ConfigMap: run ring, incident book, dispatcher state and outbox. */
    public static String stateConfigMap(String policy) {
        return "proctor-sla-" + policy;
    }
}
