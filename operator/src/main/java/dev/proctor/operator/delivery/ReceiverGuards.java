package dev.proctor.operator.delivery;

import dev.proctor.core.alert.Notification;
import dev.proctor.core.policy.DeliveryResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link GuardedReceiver} (and so one circuit) per receiver for the operator's lifetime: sends one notification to
 * one receiver under that receiver's guard, and books the result in the {@link ReceiverLedger}.
 */
@ApplicationScoped
public class ReceiverGuards {
    private final ReceiverLedger ledger;
    private final GuardSettings settings;
    private final HttpPoster poster;
    private final Clock clock;
    private final Map<ReceiverKey, GuardedReceiver> guards = new ConcurrentHashMap<>();

    public ReceiverGuards(ReceiverLedger ledger, DeliveryConfig config, Clock clock) {
        this.ledger = ledger;
        this.settings = GuardSettings.of(config);
        this.poster = new HttpPoster(config.timeout());
        this.clock = clock;
    }

    public HttpPoster poster() {
        return poster;
    }

    /** @param entry the outbox entry's key, which the result carries */
    public DeliveryResult send(ReceiverKey key, String entry, Receiver receiver, Notification notification) {
        GuardedReceiver guard = guards.computeIfAbsent(key,
                k -> new GuardedReceiver(k.name(), settings, (name, state) -> ledger.circuit(k, state), clock));
        DeliveryResult result = guard.send(entry, receiver, notification);
        ledger.record(key, receiver.type(), result);
        return result;
    }

    /** Books a result that was not sent through a guard: the receiver's Secret is missing, or the receiver is gone. */
    public void book(ReceiverKey key, String type, DeliveryResult result) {
        ledger.record(key, type, result);
    }
}
