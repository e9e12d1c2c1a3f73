package dev.proctor.operator.delivery;

import dev.proctor.operator.api.v1alpha1.sla.ReceiverSpec;

/** A receiver as its AlertRoute defines it now: where an outbox entry for {@link ReceiverKey#name()} goes. */
public record RouteReceiver(ReceiverKey key, ReceiverSpec spec) {}
