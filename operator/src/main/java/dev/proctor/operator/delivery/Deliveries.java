package dev.proctor.operator.delivery;

import dev.proctor.core.alert.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends one notification to one receiver under that receiver's guard, and books the outcome. One guard (and so
 * one circuit) per receiver key for the operator's lifetime.
 */
@ApplicationScoped
public class Deliveries {
    private final DeliveryLedger ledger;
    private final DeliveryPolicy policy;
    private final HttpPoster poster;
    private final Map<String, GuardedReceiver> guards = new ConcurrentHashMap<>();

    public Deliveries(DeliveryLedger ledger, DeliveryConfig config) {
        this.ledger = ledger;
        this.policy = DeliveryPolicy.of(config);
        this.poster = new HttpPoster(config.timeout());
    }

    public HttpPoster poster() {
        return poster;
    }

    public DeliveryOutcome send(String key, Receiver receiver, Notification notification) {
        GuardedReceiver guard = guards.computeIfAbsent(key, k -> new GuardedReceiver(k, policy, ledger::circuit));
        DeliveryOutcome outcome = guard.send(receiver, notification);
        if (outcome instanceof DeliveryOutcome.Delivered d) ledger.delivered(key, receiver.type(), d.retries());
        else if (outcome instanceof DeliveryOutcome.Failed f) ledger.failed(key, receiver.type(), f.reason(), f.message());
        else ledger.failed(key, receiver.type(), "CircuitOpen", "circuit open: not tried");
        return outcome;
    }

    /** Books a notification that could not even be attempted (its Secret is missing). */
    public void unresolved(String key, String type, String reason, String maskedMessage) {
        ledger.failed(key, type, reason, maskedMessage);
    }
}
