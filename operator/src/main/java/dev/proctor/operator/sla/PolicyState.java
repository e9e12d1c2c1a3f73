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
import dev.proctor.core.state.Decoded;
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

    /** Suffix of the key under which an unreadable part's text is kept when a fresh state is written over it. */
    public static final String UNREADABLE_SUFFIX = ".unreadable";

    /**
     * The state read from a ConfigMap's data, with every part that could not be read (key → why): such a part starts
     * afresh, and its text must be kept aside ({@link #withUnreadableKeptAside}) when the state is written.
     */
    public record Read(PolicyState state, Map<String, String> unreadable) {}

    public static PolicyState read(Map<String, String> data, int capacity) {
        return readChecked(data, capacity).state();
    }

    public static Read readChecked(Map<String, String> data, int capacity) {
        Map<String, String> d = data == null ? Map.of() : data;
        Map<String, String> unreadable = new TreeMap<>();
        Decoded<RunHistoryRing> ring = note(unreadable, SlaNames.RUNS_KEY, RunHistoryCodec.read(d.get(SlaNames.RUNS_KEY), capacity));
        Decoded<IncidentBook> book = note(unreadable, SlaNames.INCIDENTS_KEY, IncidentBookCodec.read(d.get(SlaNames.INCIDENTS_KEY)));
        Decoded<DispatchState> dispatch = note(unreadable, SlaNames.DISPATCH_KEY,
                DispatchStateCodec.read(d.get(SlaNames.DISPATCH_KEY), DispatchLimits.defaults()));
        Decoded<List<Pending>> outbox = note(unreadable, SlaNames.OUTBOX_KEY, outbox(d.get(SlaNames.OUTBOX_KEY)));
        return new Read(new PolicyState(ring.value(), book.value(), dispatch.value(), outbox.value(), d.get(SlaNames.HANDLED_ACK_KEY)),
                Map.copyOf(unreadable));
    }

    private static <T> Decoded<T> note(Map<String, String> unreadable, String key, Decoded<T> decoded) {
        if (!decoded.ok()) unreadable.put(key, decoded.unreadable());
        return decoded;
    }

    /**
     * The data to write, with the text of each part that could not be read kept under {@code <key>.unreadable}, and
     * such copies already in {@code stored} kept as they are.
     */
    public static Map<String, String> withUnreadableKeptAside(Map<String, String> data, Map<String, String> stored,
                                                              Map<String, String> unreadable) {
        Map<String, String> out = new TreeMap<>(data);
        if (stored == null) return out;
        stored.forEach((key, value) -> {
            if (key.endsWith(UNREADABLE_SUFFIX)) out.put(key, value);
        });
        unreadable.keySet().forEach(key -> out.put(key + UNREADABLE_SUFFIX, stored.get(key)));
        return out;
    }

    /** Keys of the unreadable copies in a state ConfigMap's data. */
    public static List<String> keptAside(Map<String, String> data) {
        return data == null ? List.of() : data.keySet().stream().filter(k -> k.endsWith(UNREADABLE_SUFFIX)).sorted().toList();
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

    private static Decoded<List<Pending>> outbox(String json) {
        if (json == null || json.isBlank()) return Decoded.read(List.of());
        try {
            List<Pending> read = AlertJson.mapper().readValue(json, OUTBOX);
            return Decoded.read(read == null ? List.of() : read.stream().filter(Objects::nonNull)
                    .filter(p -> p.receiver() != null && (p.notification() != null && p.notification().id() != null
                            || p.acknowledge() != null || p.resolve() != null))
                    .toList());
        } catch (JsonProcessingException | RuntimeException e) {
            return Decoded.unreadable(List.of(), Decoded.notJson(e));
        }
    }
}
