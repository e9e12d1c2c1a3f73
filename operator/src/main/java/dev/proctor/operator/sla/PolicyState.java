package dev.proctor.operator.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.proctor.core.alert.AlertJson;
import dev.proctor.core.alert.DispatchLimits;
import dev.proctor.core.alert.DispatchState;
import dev.proctor.core.alert.DispatchStateCodec;
import dev.proctor.core.incident.IncidentBook;
import dev.proctor.core.incident.IncidentBookCodec;
import dev.proctor.core.sla.RunHistoryCodec;
import dev.proctor.core.sla.RunHistoryRing;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a policy remembers between reconciles, as it sits in its state ConfigMap. Each part is bounded by
 * core (ring capacity, incident caps, dispatch limits) and the outbox by {@link #MAX_OUTBOX}; reading is total.
 *
 * @param acknowledged the last acknowledge annotation value handled, so it is handled once
 */
public record PolicyState(RunHistoryRing ring, IncidentBook book, DispatchState dispatch, List<Pending> outbox,
                          String acknowledged) {
    /** Notifications waiting beyond this are dropped oldest first and counted: the ConfigMap must stay small. */
    public static final int MAX_OUTBOX = 200;
    private static final TypeReference<List<Pending>> OUTBOX = new TypeReference<>() {};

    public PolicyState {
        outbox = outbox == null ? List.of() : List.copyOf(outbox.subList(Math.max(0, outbox.size() - MAX_OUTBOX), outbox.size()));
        acknowledged = acknowledged == null ? "" : acknowledged;
    }

    public static PolicyState read(Map<String, String> data, int capacity) {
        Map<String, String> d = data == null ? Map.of() : data;
        return new PolicyState(RunHistoryCodec.decode(d.get(SlaNames.RUNS_KEY), capacity),
                IncidentBookCodec.decode(d.get(SlaNames.INCIDENTS_KEY)),
                DispatchStateCodec.decode(d.get(SlaNames.DISPATCH_KEY), DispatchLimits.defaults()),
                outbox(d.get(SlaNames.OUTBOX_KEY)), d.get(SlaNames.HANDLED_ACK_KEY));
    }

    public Map<String, String> data() {
        Map<String, String> data = new TreeMap<>();
        data.put(SlaNames.RUNS_KEY, RunHistoryCodec.encode(ring));
        data.put(SlaNames.INCIDENTS_KEY, IncidentBookCodec.encode(book));
        data.put(SlaNames.DISPATCH_KEY, DispatchStateCodec.encode(dispatch));
        try {
            data.put(SlaNames.OUTBOX_KEY, AlertJson.mapper().writeValueAsString(outbox));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notifications are strings, numbers and times; they always serialize", e);
        }
        data.put(SlaNames.HANDLED_ACK_KEY, acknowledged);
        return data;
    }

    public PolicyState withOutbox(List<Pending> next) {
        return new PolicyState(ring, book, dispatch, next, acknowledged);
    }

    private static List<Pending> outbox(String json) {
        if (json == null || json.isBlank()) return List.of();
        try {
            List<Pending> read = AlertJson.mapper().readValue(json, OUTBOX);
            return read == null ? List.of() : read.stream().filter(Objects::nonNull)
                    .filter(p -> p.receiver() != null && (p.notification() != null && p.notification().id() != null
                            || p.acknowledge() != null || p.resolve() != null))
                    .toList();
        } catch (JsonProcessingException | RuntimeException e) {
            return List.of();
        }
    }
}
