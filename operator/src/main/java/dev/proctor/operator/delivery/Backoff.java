package dev.proctor.operator.delivery;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SmallRye's retry asks this for each delay: the receiver's Retry-After when it sent one (capped), else
 * exponential backoff with "equal jitter" (half fixed, half random) so that many operators do not retry in step.
 */
final class Backoff implements CustomBackoffStrategy {
    private final long maxMillis;
    private long initialMillis;
    private int attempt;

    Backoff(long maxMillis) {
        this.maxMillis = maxMillis;
    }

    @Override
    public void init(long initialDelayInMillis) {
        this.initialMillis = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        if (cause instanceof DeliveryException d && d.retryAfter() != null) {
            attempt++;
            return Math.min(maxMillis, d.retryAfter().toMillis());
        }
        long exponential = Math.min(maxMillis, initialMillis << Math.min(attempt++, 30));
        return exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
    }
}
