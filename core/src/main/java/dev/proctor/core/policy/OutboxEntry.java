package dev.proctor.core.policy;

import dev.proctor.core.alert.Notification;
import java.time.Instant;

/**
 * An entry of a policy's outbox: kept in its state ConfigMap from the moment it was produced until its receiver took
 * it, so a restart delivers it (with the same id and dedup key) rather than losing it. Either a notification, or an
 * acknowledgement or resolution of a Proctor incident for a receiver that tracks incidents (PagerDuty).
 *
 * @param receiver     the receiver's name, {@code <namespace>/<route>/<receiver>}
 * @param notification null for an acknowledgement or a resolution
 * @param acknowledge  incident id for an acknowledgement, else null
 * @param resolve      incident id for a resolution (the incident resolved while its alert still fired), else null
 * @param notBefore    not tried again before this (after a failed attempt)
 * @param lastReason   why the last attempt failed, one word (Http503, Unreachable, CircuitOpen, SecretNotFound…)
 * @param lastError    that reason with its masked detail
 */
public record OutboxEntry(String receiver, Notification notification, String acknowledge, String resolve, int attempts,
                          Instant notBefore, String lastReason, String lastError) {
    public static OutboxEntry of(Notification n, Instant now) {
        return new OutboxEntry(n.receiver(), n, null, null, 0, now, null, null);
    }

    public static OutboxEntry acknowledgement(String receiver, String incident, Instant now) {
        return new OutboxEntry(receiver, null, incident, null, 0, now, null, null);
    }

    public static OutboxEntry resolution(String receiver, String incident, Instant now) {
        return new OutboxEntry(receiver, null, null, incident, 0, now, null, null);
    }

    /** Identifies the entry within its policy's outbox, for the delivery worker and its results. */
    public String key() {
        return receiver + "|" + (notification != null ? notification.id() : acknowledge != null ? "ack:" + acknowledge : "resolve:" + resolve);
    }

    /** What the logs call it: the notification id, or the acknowledged or resolved incident. */
    public String describe() {
        return notification != null ? "notification " + notification.id()
                : acknowledge != null ? "acknowledgement of " + acknowledge : "resolution of " + resolve;
    }

    public boolean failedBefore() {
        return attempts > 0;
    }

    public OutboxEntry retryLater(Instant at, String reason, String error) {
        return new OutboxEntry(receiver, notification, acknowledge, resolve, attempts + 1, at, reason, error);
    }
}
