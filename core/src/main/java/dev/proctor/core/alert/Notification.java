package dev.proctor.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * One message due to one receiver about one group.
 *
 * @param status   Firing while any alert in it fires, Resolved when all have
 * @param alerts   firing alerts, then resolved ones (the latter only for receivers that want them)
 * @param dedupKey stable for the group's episode at this receiver: receiver, group key and incident id. A
 *                 receiver that deduplicates (PagerDuty) keeps one incident per key
 * @param id       unique per notification: dedup key, status, alert sets and the time of the previous one to
 *                 this receiver. The same flush recomputed after a restart carries the same id (idempotent
 *                 receivers drop the second), a deliberate repeat a new one
 */
public record Notification(String receiver, String groupKey, SortedMap<String, String> groupLabels, Status status,
                           List<Alert> alerts, Instant at, String dedupKey, String id) {

    public enum Status {
        Firing, Resolved;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public List<Alert> firing() {
        return alerts.stream().filter(a -> !a.resolvedAt(at)).toList();
    }

    public List<Alert> resolved() {
        return alerts.stream().filter(a -> a.resolvedAt(at)).toList();
    }

    /** The incident the notification is about: the first incident annotation among its alerts, or null. */
    public String incidentId() {
        return alerts.stream().map(a -> a.annotations().get(Alert.INCIDENT)).filter(java.util.Objects::nonNull)
                .sorted().findFirst().orElse(null);
    }
}
