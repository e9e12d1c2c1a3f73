package dev.proctor.core.alert.payload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.Severity;
import dev.proctor.core.mask.Masker;
import java.util.Set;

/**
 * PagerDuty Events API v2 event ({@code POST https://events.pagerduty.com/v2/enqueue}).
 *
 * <p>Contract followed: {@code routing_key} and {@code event_action} (trigger, acknowledge, resolve) always;
 * {@code dedup_key} at most 255 characters, the incident id when the alerts belong to one (so PagerDuty keeps one
 * incident per Proctor incident), else the notification's dedup key; for trigger, {@code payload.summary} (at most
 * 1024 characters), {@code payload.source}, {@code payload.severity} (critical, error, warning or info: page →
 * critical, ticket → warning, info → info) and optional {@code timestamp}, {@code class}, {@code custom_details}.
 *
 * <p>The routing key is passed in as given (normally a placeholder the delivery layer replaces); it is the one
 * field the masker leaves alone.
 */
public final class PagerDutyPayload {
    static final int MAX_SUMMARY = 1024;
    static final int MAX_DEDUP_KEY = 255;
    private static final Set<String> UNMASKED = Set.of("routing_key");

    public enum Action { trigger, acknowledge, resolve }

    private PagerDutyPayload() {}

    /** Trigger while anything fires, resolve when the notification is all resolved. */
    public static ObjectNode render(Notification n, String routingKey, PayloadContext context, Masker masker) {
        String dedupKey = n.incidentId() != null ? n.incidentId() : n.dedupKey();
        if (n.status() == Notification.Status.Resolved) return event(routingKey, Action.resolve, dedupKey, masker);
        ObjectNode root = envelope(routingKey, Action.trigger, dedupKey);
        ObjectNode payload = root.putObject("payload");
        payload.put("summary", NotificationText.cut(NotificationText.title(n) + ": "
                + String.join("; ", NotificationText.lines(n)), MAX_SUMMARY));
        payload.put("source", context.source());
        payload.put("severity", severity(NotificationText.highest(n)));
        payload.put("timestamp", n.at().toString());
        String alertname = NotificationText.commonLabels(n).get("alertname");
        if (alertname != null) payload.put("class", alertname);
        ObjectNode details = payload.putObject("custom_details");
        details.put("receiver", n.receiver());
        details.put("group_key", n.groupKey());
        details.set("group_labels", Payloads.object(n.groupLabels()));
        details.put("firing", String.join("\n", NotificationText.lines(n)));
        root.put("client", "Proctor");
        if (context.externalUrl() != null) root.put("client_url", context.externalUrl());
        return (ObjectNode) masker.maskTree(root, UNMASKED);
    }

    /** An acknowledge or resolve event for an incident, which needs no payload. */
    public static ObjectNode event(String routingKey, Action action, String dedupKey, Masker masker) {
        return (ObjectNode) masker.maskTree(envelope(routingKey, action, dedupKey), UNMASKED);
    }

    static String severity(Severity severity) {
        return switch (severity) {
            case Page -> "critical";
            case Ticket -> "warning";
            case Info -> "info";
        };
    }

    private static ObjectNode envelope(String routingKey, Action action, String dedupKey) {
        ObjectNode root = Payloads.NODES.objectNode();
        root.put("routing_key", routingKey);
        root.put("event_action", action.name());
        root.put("dedup_key", dedupKey.length() <= MAX_DEDUP_KEY ? dedupKey : dedupKey.substring(0, MAX_DEDUP_KEY));
        return root;
    }
}
