package dev.proctor.operator.delivery;

import java.time.Duration;

/** The values of {@link DeliveryConfig} as a plain value, so tests can build guards with short timers. */
public record DeliveryPolicy(Duration timeout, int maxRetries, Duration initialBackoff, Duration maxBackoff,
                             Duration maxAttemptDuration, int circuitRequestVolume, double circuitFailureRatio,
                             Duration circuitDelay) {
    public static DeliveryPolicy of(DeliveryConfig c) {
        return new DeliveryPolicy(c.timeout(), c.maxRetries(), c.initialBackoff(), c.maxBackoff(), c.maxAttemptDuration(),
                c.circuitRequestVolume(), c.circuitFailureRatio(), c.circuitDelay());
    }
}
