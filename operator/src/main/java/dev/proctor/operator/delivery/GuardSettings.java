package dev.proctor.operator.delivery;

import java.time.Duration;

/**
 * How hard a {@link GuardedReceiver} pushes one send (timeout, retries, backoff, circuit breaker): the values of
 * {@link DeliveryConfig} as a plain value, so tests can build guards with short timers.
 */
public record GuardSettings(Duration timeout, int maxRetries, Duration initialBackoff, Duration maxBackoff,
                             Duration maxAttemptDuration, int circuitRequestVolume, double circuitFailureRatio,
                             Duration circuitDelay) {
    public static GuardSettings of(DeliveryConfig c) {
        return new GuardSettings(c.timeout(), c.maxRetries(), c.initialBackoff(), c.maxBackoff(), c.maxAttemptDuration(),
                c.circuitRequestVolume(), c.circuitFailureRatio(), c.circuitDelay());
    }
}
