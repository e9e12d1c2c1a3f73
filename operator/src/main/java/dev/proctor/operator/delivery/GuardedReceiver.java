package dev.proctor.operator.delivery;

import dev.proctor.core.alert.Notification;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Retries, backoff and one circuit breaker around every receiver with the same key (namespace/route/receiver),
 * with SmallRye Fault Tolerance. The receiver object itself is built per call, because its Secret may change.
 */
public final class GuardedReceiver {
    private final Guard guard;

    /** @param circuitChanged told the new state whenever the circuit opens, half-opens or closes */
    public GuardedReceiver(String key, DeliveryPolicy policy, BiConsumer<String, CircuitBreakerState> circuitChanged) {
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

    public DeliveryOutcome send(Receiver receiver, Notification notification) {
        AtomicInteger calls = new AtomicInteger();
        try {
            guard.call(() -> {
                calls.incrementAndGet();
                receiver.send(notification);
                return Boolean.TRUE;
            }, Boolean.class);
            return new DeliveryOutcome.Delivered(calls.get() - 1);
        } catch (CircuitBreakerOpenException e) {
            return new DeliveryOutcome.CircuitOpen();
        } catch (DeliveryException e) {
            return new DeliveryOutcome.Failed(e.reason(), e.getMessage(), e.retryable());
        } catch (Exception e) {
            return new DeliveryOutcome.Failed("Error", e.getClass().getSimpleName(), true);
        }
    }
}
