package dev.proctor.core.policy;

import java.time.Instant;

/**
 * What became of one outbox entry the delivery worker took, retries included: the one result of a send, from the
 * receiver's guard through the worker to the outbox and the AlertRoute's counts.
 *
 * @param key     the entry's {@link OutboxEntry#key()}
 * @param reason  for Failed and Dropped: one word (Http503, CircuitOpen, RouteDeleted…); null when Delivered
 * @param message masked detail, or null
 * @param retries for Delivered: the requests the retry policy repeated before the receiver took it
 * @param at      when the attempt ended
 */
public record DeliveryResult(String key, Kind kind, String reason, String message, int retries, Instant at) {
    public enum Kind {
        /** The receiver took it: it leaves the outbox. */
        Delivered,
        /** Still pending: tried again after {@code proctor.delivery.pending-retry}. */
        Failed,
        /** It can never be delivered (its AlertRoute or receiver is gone): it leaves the outbox. */
        Dropped
    }

    public static DeliveryResult delivered(String key, Instant at) {
        return delivered(key, 0, at);
    }

    public static DeliveryResult delivered(String key, int retries, Instant at) {
        return new DeliveryResult(key, Kind.Delivered, null, null, retries, at);
    }

    public static DeliveryResult failed(String key, String reason, String maskedMessage, Instant at) {
        return new DeliveryResult(key, Kind.Failed, reason, maskedMessage, 0, at);
    }

    public static DeliveryResult dropped(String key, String reason, String message, Instant at) {
        return new DeliveryResult(key, Kind.Dropped, reason, message, 0, at);
    }
}
