package dev.proctor.operator.delivery;

import dev.proctor.core.alert.Notification;

/**
 * One place notifications go. An implementation sends exactly one request per call and throws a
 * {@link DeliveryException} saying whether trying again can help; retries, timeouts and the circuit breaker are
 * the caller's ({@link GuardedReceiver}). Every message it produces is already masked.
 */
public interface Receiver {
    /** slack, pagerduty, teams, webhook, alertmanager or event: the metrics' {@code type} tag. */
    String type();

    void send(Notification notification) throws DeliveryException;
}
