package dev.proctor.operator.delivery;

/** How one delivery attempt ended, retries included. */
public sealed interface DeliveryOutcome {
    record Delivered(int retries) implements DeliveryOutcome {}

    /** @param message masked */
    record Failed(String reason, String message, boolean retryable) implements DeliveryOutcome {}

    /** The receiver's circuit is open: not tried at all. */
    record CircuitOpen() implements DeliveryOutcome {}

    default boolean delivered() {
        return this instanceof Delivered;
    }
}
