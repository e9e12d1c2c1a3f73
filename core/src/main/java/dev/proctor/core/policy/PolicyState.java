package dev.proctor.core.policy;

import dev.proctor.core.alert.DispatchState;
import dev.proctor.core.incident.IncidentBook;
import dev.proctor.core.sla.RunHistoryRing;
import java.util.List;

/**
 * Everything a policy remembers between reconciles ({@link PolicyStateCodec} is its form in the state ConfigMap).
 * Each part is bounded by core (ring capacity, incident caps, dispatch limits) and the outbox by {@link #MAX_OUTBOX}.
 *
 * @param acknowledged the last acknowledge annotation value handled, so it is handled once
 */
public record PolicyState(RunHistoryRing ring, IncidentBook book, DispatchState dispatch, List<OutboxEntry> outbox,
                          String acknowledged) {
    /** Notifications waiting beyond this are dropped oldest first and counted: the ConfigMap must stay small. */
    public static final int MAX_OUTBOX = 200;

    public PolicyState {
        outbox = outbox == null ? List.of() : List.copyOf(outbox.subList(Math.max(0, outbox.size() - MAX_OUTBOX), outbox.size()));
        acknowledged = acknowledged == null ? "" : acknowledged;
    }

    public PolicyState withOutbox(List<OutboxEntry> next) {
        return new PolicyState(ring, book, dispatch, next, acknowledged);
    }
}
