package dev.proctor.operator.delivery;

import dev.proctor.core.alert.Notification;
import dev.proctor.core.policy.DeliveryResult;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Retries, backoff and one circuit breaker around every receiver with the same key (namespace/route/receiver),
 * with SmallRye Fault Tolerance. The receiver object itself is built per call, because its Secret may change.
 */
public final class GuardedReceiver {
    /** The reason of a result the open circuit did not let through. */
    public static final String CIRCUIT_OPEN = "CircuitOpen";

    private final Guard guard;
    private final Clock clock;

    /** @param circuitChanged told the new state whenever the circuit opens, half-opens or closes */
    public GuardedReceiver(String key, GuardSettings policy, BiConsumer<String, CircuitBreakerState> circuitChanged) {
        this(key, policy, circuitChanged, Clock.systemUTC());
    }

    public GuardedReceiver(String key, GuardSettings policy, BiConsumer<String, CircuitBreakerState> circuitChanged, Clock clock) {
        this.clock = clock;
        this.guard = Guard.create()
                .withDescription("proctor receiver " + key)
                .withRetry()
                    .maxRetries(policy.maxRetries())
                    .delay(policy.initialBackoff().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(policy.maxAttemptDuration().toMillis(), ChronoUnit.MILLIS)
                    .whenException(GuardedReceiver::retryable)
                    .withCustomBackoff().strategy(() -> new Backoff(policy.maxBackoff().toMillis())).done()
                    .done()
                .withCircuitBreaker()
                    .name("proctor-receiver-" + key)
                    .requestVolumeThreshold(policy.circuitRequestVolume())
                    .failureRatio(policy.circuitFailureRatio())
                    .delay(policy.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .when(GuardedReceiver::retryable)
                    .onStateChange(state -> circuitChanged.accept(key, state))
                    .done()
                .build();
    }

    private static boolean retryable(Throwable t) {
        return t instanceof DeliveryException d && d.retryable();
    }

    /**
     * Sends under the guard and says what became of it: delivered (with the requests the retry policy repeated),
     * failed (the receiver's reason, or CircuitOpen when the circuit did not let it try). Never throws.
     *
     * @param entry the outbox entry's key, which the result carries
     */
    public DeliveryResult send(String entry, Receiver receiver, Notification notification) {
        AtomicInteger calls = new AtomicInteger();
        try {
            guard.call(() -> {
                calls.incrementAndGet();
                receiver.send(notification);
                return Boolean.TRUE;
            }, Boolean.class);
            return DeliveryResult.delivered(entry, calls.get() - 1, clock.instant());
        } catch (CircuitBreakerOpenException e) {
            return DeliveryResult.failed(entry, CIRCUIT_OPEN, "the receiver's circuit is open: not tried", clock.instant());
        } catch (DeliveryException e) {
            return DeliveryResult.failed(entry, e.reason(), e.getMessage(), clock.instant());
        } catch (Exception e) {
            return DeliveryResult.failed(entry, "Error", e.getClass().getSimpleName(), clock.instant());
        }
    }
}
