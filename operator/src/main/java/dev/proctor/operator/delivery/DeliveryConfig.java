package dev.proctor.operator.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How notifications are sent, and how hard one is pushed before it waits in the outbox for its next attempt. */
@ConfigMapping(prefix = "proctor.delivery")
public interface DeliveryConfig {
    /** Connect and answer timeout of one request. */
    @WithDefault("10s")
    Duration timeout();

    /** Retries within one delivery attempt, with exponential backoff and jitter (or the receiver's Retry-After). */
    @WithDefault("3")
    int maxRetries();

    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** An attempt gives up after this long, retries included; the notification stays pending. */
    @WithDefault("60s")
    Duration maxAttemptDuration();

    /** Requests the circuit breaker looks at. */
    @WithDefault("10")
    int circuitRequestVolume();

    /** Share of failed requests among the last {@code circuitRequestVolume} that opens the circuit. */
    @WithDefault("0.6")
    double circuitFailureRatio();

    /** How long an open circuit stays open before one trial request. */
    @WithDefault("30s")
    Duration circuitDelay();

    /** How soon a pending notification is tried again after a failed attempt. */
    @WithDefault("30s")
    Duration pendingRetry();

    /**
     * Delivery threads, shared by all receivers (each receiver gets one request at a time). Reconciles never send:
     * a receiver that hangs holds at most one of these threads, up to {@code maxAttemptDuration}.
     */
    @WithDefault("4")
    int workers();
}
