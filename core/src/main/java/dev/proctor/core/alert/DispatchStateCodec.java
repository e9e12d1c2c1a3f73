package dev.proctor.core.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.proctor.core.state.Decoded;
import java.util.List;
import java.util.Objects;

/**
 * JSON form of {@link DispatchState}, for the ConfigMap the operator keeps it in. Decoding is total: unreadable
 * state reads as empty (the worst outcome is a group notified again after its groupWait), and a group or log
 * entry missing a required field is dropped on its own. The caps are applied again on reading, so a hand-edited
 * ConfigMap cannot make the state grow.
 */
public final class DispatchStateCodec {
    private DispatchStateCodec() {}

    public static String encode(DispatchState state) {
        try {
            return AlertJson.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dispatch state is strings, numbers and times; it always serializes", e);
        }
    }

    public static DispatchState decode(String json, DispatchLimits limits) {
        return read(json, limits).value();
    }

    /** The dispatch state, or an empty one and why the stored text could not be used. */
    public static Decoded<DispatchState> read(String json, DispatchLimits limits) {
        if (json == null || json.isBlank()) return Decoded.read(DispatchState.empty());
        try {
            DispatchState read = AlertJson.mapper().readValue(json, DispatchState.class);
            if (read == null) return Decoded.unreadable(DispatchState.empty(), "not a dispatch state");
            List<AggregationGroup> groups = read.groups().stream().filter(Objects::nonNull)
                    .filter(g -> g.key() != null && g.receiver() != null && g.groupWait() != null
                            && g.groupInterval() != null && !g.groupInterval().isZero() && !g.groupInterval().isNegative()
                            && g.repeatInterval() != null && g.createdAt() != null && g.nextFlush() != null)
                    .limit(limits.maxGroups())
                    .map(g -> g.with(g.nextFlush(), g.flushed(), g.alerts().stream().filter(Objects::nonNull)
                            .limit(limits.maxAlertsPerGroup()).toList()))
                    .filter(g -> !g.alerts().isEmpty())
                    .toList();
            List<NotificationLogEntry> log = read.log().stream().filter(Objects::nonNull)
                    .filter(e -> e.groupKey() != null && e.receiver() != null && e.sentAt() != null)
                    .limit(limits.maxLogEntries() + (long) limits.maxGroups())
                    .toList();
            return Decoded.read(new DispatchState(groups, log, read.droppedAlerts()));
        } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
            return Decoded.unreadable(DispatchState.empty(), Decoded.notJson(e));
        }
    }
}
