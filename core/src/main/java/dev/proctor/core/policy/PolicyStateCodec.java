package dev.proctor.core.policy;

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
import java.util.TreeMap;

/**
 * A {@link PolicyState} as the data of its state ConfigMap, one key per part, each part through its own codec.
 * Reading is total and says which parts could not be read ({@link Read}): such a part starts afresh, and its text is
 * kept aside under {@code <key>.unreadable} ({@link #withUnreadableKeptAside}) when the fresh state is written.
 */
public final class PolicyStateCodec {
    public static final String RUNS_KEY = "runs.json";
    public static final String INCIDENTS_KEY = "incidents.json";
    public static final String DISPATCH_KEY = "dispatch.json";
    public static final String OUTBOX_KEY = "outbox.json";
    public static final String HANDLED_ACK_KEY = "acknowledged";
    /** Suffix of the key under which an unreadable part's text is kept when a fresh state is written over it. */
    public static final String UNREADABLE_SUFFIX = ".unreadable";

    private PolicyStateCodec() {}

    /**
     * The state read from a ConfigMap's data, with every part that could not be read (key → why): such a part starts
     * afresh, and its text must be kept aside ({@link #withUnreadableKeptAside}) when the state is written.
     */
    public record Read(PolicyState state, Map<String, String> unreadable) {
        public boolean ok() {
            return unreadable.isEmpty();
        }
    }

    public static Map<String, String> encode(PolicyState state) {
        Map<String, String> data = new TreeMap<>();
        data.put(RUNS_KEY, RunHistoryCodec.encode(state.ring()));
        data.put(INCIDENTS_KEY, IncidentBookCodec.encode(state.book()));
        data.put(DISPATCH_KEY, DispatchStateCodec.encode(state.dispatch()));
        data.put(OUTBOX_KEY, OutboxCodec.encode(state.outbox()));
        data.put(HANDLED_ACK_KEY, state.acknowledged());
        return data;
    }

    /** @param capacity the run history's cap the policy asks for now */
    public static PolicyState decode(Map<String, String> data, int capacity) {
        return read(data, capacity).state();
    }

    public static Read read(Map<String, String> data, int capacity) {
        Map<String, String> d = data == null ? Map.of() : data;
        Map<String, String> unreadable = new TreeMap<>();
        Decoded<RunHistoryRing> ring = note(unreadable, RUNS_KEY, RunHistoryCodec.read(d.get(RUNS_KEY), capacity));
        Decoded<IncidentBook> book = note(unreadable, INCIDENTS_KEY, IncidentBookCodec.read(d.get(INCIDENTS_KEY)));
        Decoded<DispatchState> dispatch = note(unreadable, DISPATCH_KEY,
                DispatchStateCodec.read(d.get(DISPATCH_KEY), DispatchLimits.defaults()));
        Decoded<List<OutboxEntry>> outbox = note(unreadable, OUTBOX_KEY, OutboxCodec.read(d.get(OUTBOX_KEY)));
        return new Read(new PolicyState(ring.value(), book.value(), dispatch.value(), outbox.value(), d.get(HANDLED_ACK_KEY)),
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
}
