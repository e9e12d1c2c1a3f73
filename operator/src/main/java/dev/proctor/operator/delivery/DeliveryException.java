package dev.proctor.operator.delivery;

import java.time.Duration;

/**
 * A failed send. {@link #reason} is a short word for metrics and status (Unreachable, Timeout, Http500,
 * RateLimited, Rejected…); the message is masked before it gets here.
 */
public class DeliveryException extends Exception {
    private final String reason;
    private final boolean retryable;
    private final Duration retryAfter;

    public DeliveryException(String reason, String maskedMessage, boolean retryable, Duration retryAfter) {
        super(maskedMessage, null, false, false);
        this.reason = reason;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static DeliveryException retryable(String reason, String maskedMessage) {
        return new DeliveryException(reason, maskedMessage, true, null);
    }

    public static DeliveryException permanent(String reason, String maskedMessage) {
        return new DeliveryException(reason, maskedMessage, false, null);
    }

    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }

    /** What the receiver asked for with 429 Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
