package dev.proctor.operator.delivery;

import dev.proctor.core.policy.DeliveryResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What happened to each receiver since its AlertRoute's status was last written, and the delivery metrics
 * (proctor_notifications_sent_total{receiver_type,receiver}, proctor_notifications_failed_total{…,reason},
 * proctor_notification_retries_total). Messages stored here are already masked.
 */
@ApplicationScoped
public class ReceiverLedger {
    /** Changes of one receiver not yet in its AlertRoute's status. */
    public record Delta(long sent, long failed, String lastError, String lastErrorTime, String lastSentTime, String circuit) {
        Delta plus(Delta d) {
            return new Delta(sent + d.sent, failed + d.failed, d.lastError != null ? d.lastError : lastError,
                    d.lastErrorTime != null ? d.lastErrorTime : lastErrorTime,
                    d.lastSentTime != null ? d.lastSentTime : lastSentTime, d.circuit != null ? d.circuit : circuit);
        }
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<ReceiverKey, Delta> pending = new ConcurrentHashMap<>();
    private final Map<ReceiverKey, String> circuits = new ConcurrentHashMap<>();
    private volatile Consumer<ReceiverKey> changed = key -> { };

    public ReceiverLedger(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** @param listener told the receiver whenever it has news */
    public void onChange(Consumer<ReceiverKey> listener) {
        this.changed = listener;
    }

    /** Books what became of one send: delivered, or failed (not sent at all counts as failed). */
    public void record(ReceiverKey key, String type, DeliveryResult result) {
        if (result.kind() == DeliveryResult.Kind.Delivered) delivered(key, type, result.retries());
        else failed(key, type, result.reason(), result.message());
    }

    private void delivered(ReceiverKey key, String type, int retries) {
        Counter.builder("proctor.notifications.sent").tag("receiver_type", type).tag("receiver", key.name())
                .description("Notifications delivered").register(registry).increment();
        retried(key, type, retries);
        record(key, new Delta(1, 0, null, null, clock.instant().toString(), null));
    }

    private void failed(ReceiverKey key, String type, String reason, String maskedMessage) {
        Counter.builder("proctor.notifications.failed").tag("receiver_type", type).tag("receiver", key.name()).tag("reason", reason)
                .description("Delivery attempts that failed after their retries").register(registry).increment();
        record(key, new Delta(0, 1, reason + ": " + maskedMessage, clock.instant().toString(), null, null));
    }

    private void retried(ReceiverKey key, String type, int retries) {
        if (retries <= 0) return;
        Counter.builder("proctor.notification.retries").tag("receiver_type", type).tag("receiver", key.name())
                .description("Requests repeated by the retry policy").register(registry).increment(retries);
    }

    public void circuit(ReceiverKey key, CircuitBreakerState state) {
        String text = switch (state) {
            case CLOSED -> "closed";
            case OPEN -> "open";
            case HALF_OPEN -> "half-open";
        };
        circuits.put(key, text);
        record(key, new Delta(0, 0, null, null, null, text));
    }

    public String circuitOf(ReceiverKey key) {
        return circuits.getOrDefault(key, "closed");
    }

    /** Takes the changes of a receiver out, for its AlertRoute's status. */
    public Delta drain(ReceiverKey key) {
        Delta d = pending.remove(key);
        return d == null ? new Delta(0, 0, null, null, null, null) : d;
    }

    private void record(ReceiverKey key, Delta delta) {
        pending.merge(key, delta, Delta::plus);
        changed.accept(key);
    }
}
