package dev.proctor.core.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.core.json.CanonicalJson;
import dev.proctor.core.run.RunPhase;
import dev.proctor.core.state.Decoded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact JSON for a {@link RunHistoryRing}: one short-keyed object per run, times in epoch seconds, so that 500
 * runs stay far below the size limit of a Kubernetes object. Decoding is total: an unreadable document gives an
 * empty ring, and a single unreadable record is dropped rather than the history.
 *
 * <pre>{"v":1,"cap":500,"dropped":3,"runs":[{"r":"smoke-1","u":"7f0c…","s":"shop","t":1700000000,"p":"Succeeded",
 *  "why":"AllTestsPassed","n":40,"ok":40,"f":0,"fl":1,"d":93,"ft":[],"fo":0,"flt":["a.B#c"]}]}</pre>
 * {@code u}, the run's uid, is absent from records written before it was kept; such records read with an empty uid.
 */
public final class RunHistoryCodec {
    static final int VERSION = 1;
    private static final JsonMapper MAPPER = CanonicalJson.mapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RunHistoryCodec() {}

    public static String encode(RunHistoryRing ring) {
        ObjectNode root = NODES.objectNode();
        root.put("v", VERSION);
        root.put("cap", ring.capacity());
        root.put("dropped", ring.dropped());
        ArrayNode runs = root.putArray("runs");
        for (RunRecord r : ring.records()) {
            ObjectNode o = runs.addObject();
            o.put("r", r.run());
            if (!r.uid().isEmpty()) o.put("u", r.uid());
            o.put("s", r.suite());
            o.put("t", r.finishedAt().getEpochSecond());
            o.put("p", r.phase().name());
            o.put("why", r.reason());
            o.put("n", r.tests());
            o.put("ok", r.passed());
            o.put("f", r.failed());
            o.put("fl", r.flaky());
            o.put("d", r.durationSeconds());
            r.failedTests().forEach(o.putArray("ft")::add);
            o.put("fo", r.failedTestsOmitted());
            r.flakyTests().forEach(o.putArray("flt")::add);
        }
        return root.toString();
    }

    /** @param capacity the cap the policy asks for now; a ring written with another cap is re-cut to it */
    public static RunHistoryRing decode(String json, int capacity) {
        return read(json, capacity).value();
    }

    /** The ring, or an empty one and why the stored text could not be used. */
    public static Decoded<RunHistoryRing> read(String json, int capacity) {
        if (json == null || json.isBlank()) return Decoded.read(RunHistoryRing.empty(capacity));
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) return Decoded.unreadable(RunHistoryRing.empty(capacity), "not a run history object");
            if (root.path("v").asInt(-1) != VERSION) {
                return Decoded.unreadable(RunHistoryRing.empty(capacity), "schema v" + root.path("v").asText("?") + " is not v" + VERSION
                        + " (written by another version of Proctor?)");
            }
            List<RunRecord> records = new ArrayList<>();
            for (JsonNode o : root.path("runs")) {
                RunRecord r = recordOrNull(o);
                if (r != null && records.stream().noneMatch(x -> x.sameRun(r))) records.add(r);
            }
            long dropped = root.path("dropped").canConvertToLong() ? root.path("dropped").asLong() : 0;
            return Decoded.read(new RunHistoryRing(capacity, records, dropped));
        } catch (Exception | StackOverflowError e) {
            return Decoded.unreadable(RunHistoryRing.empty(capacity), Decoded.notJson(e));
        }
    }

    private static RunRecord recordOrNull(JsonNode o) {
        try {
            return record(o);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static RunRecord record(JsonNode o) {
        if (!o.isObject() || !o.path("r").isTextual() || o.path("r").asText().isEmpty()
                || !o.path("t").isIntegralNumber() || !o.path("p").isTextual()) return null;
        RunPhase phase;
        try {
            phase = RunPhase.valueOf(o.path("p").asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!phase.isTerminal()) return null;
        return new RunRecord(o.path("r").asText(), o.path("u").isTextual() ? o.path("u").asText() : "", o.path("s").asText(""),
                Instant.ofEpochSecond(o.path("t").asLong()), phase, o.path("why").asText(""), count(o, "n"), count(o, "ok"),
                count(o, "f"), count(o, "fl"), o.path("d").isIntegralNumber() ? o.path("d").asLong() : 0, names(o.path("ft")), count(o, "fo"),
                names(o.path("flt")));
    }

    private static int count(JsonNode o, String field) {
        JsonNode n = o.path(field);
        return n.isIntegralNumber() && n.canConvertToInt() ? Math.max(0, n.asInt()) : 0;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        for (JsonNode n : array) if (n.isTextual()) names.add(n.asText());
        return names;
    }
}
