package dev.proctor.core.alert.payload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.mask.Masker;

/**
 * Generic webhook body, the shape of Alertmanager's webhook receiver (version 4) so that existing consumers read
 * it: version, groupKey, truncatedAlerts, status, receiver, groupLabels, commonLabels, commonAnnotations,
 * externalURL, alerts[] (status, labels, annotations, startsAt, endsAt — {@code 0001-01-01T00:00:00Z} while
 * firing, as Alertmanager writes it — generatorURL, fingerprint), plus Proctor's {@code dedupKey} and
 * {@code notificationId} for idempotent consumers. Sign the serialized body with {@link WebhookSignature}.
 */
public final class WebhookPayload {
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private WebhookPayload() {}

    public static ObjectNode render(Notification n, PayloadContext context, Masker masker) {
        ObjectNode root = Payloads.NODES.objectNode();
        root.put("version", "4");
        root.put("groupKey", n.groupKey());
        root.put("truncatedAlerts", 0);
        root.put("status", n.status().label());
        root.put("receiver", n.receiver());
        root.set("groupLabels", Payloads.object(n.groupLabels()));
        root.set("commonLabels", Payloads.object(NotificationText.commonLabels(n)));
        root.set("commonAnnotations", Payloads.object(NotificationText.commonAnnotations(n)));
        root.put("externalURL", context.externalUrl() == null ? "" : context.externalUrl());
        ArrayNode alerts = root.putArray("alerts");
        for (Alert a : n.alerts()) {
            boolean resolved = a.resolvedAt(n.at());
            ObjectNode o = alerts.addObject();
            o.put("status", resolved ? "resolved" : "firing");
            o.set("labels", Payloads.object(a.labels()));
            o.set("annotations", Payloads.object(a.annotations()));
            o.put("startsAt", a.startsAt().toString());
            o.put("endsAt", resolved ? a.endsAt().toString() : ZERO_TIME);
            o.put("generatorURL", context.externalUrl() == null ? "" : context.externalUrl());
            o.put("fingerprint", a.fingerprint());
        }
        root.put("dedupKey", n.dedupKey());
        root.put("notificationId", n.id());
        return (ObjectNode) masker.maskTree(root);
    }
}
