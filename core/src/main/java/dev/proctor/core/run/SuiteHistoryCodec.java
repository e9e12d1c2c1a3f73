package dev.proctor.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proctor.core.json.CanonicalJson;
import dev.proctor.core.state.Decoded;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * JSON form of {@link SuiteHistory}. Decoding is total: unreadable data gives an empty history, and {@link #read}
 * says why, so the operator can tell the user and keep the text aside before the next runs rebuild the history.
 *
 * <p>History only makes planning better, so starting afresh is safe: a ConfigMap that was edited into an
 * unreadable state, written by a newer schema, or copied from another suite reads as empty. Single bad entries (a
 * negative duration, a null) are dropped rather than the whole history.
 */
public final class SuiteHistoryCodec {
    private static final JsonMapper MAPPER = CanonicalJson.mapper();

    private SuiteHistoryCodec() {}

    public static String encode(SuiteHistory history) {
        Objects.requireNonNull(history, "history");
        try {
            return MAPPER.writeValueAsString(canonical(history, history.suite()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a history of strings and numbers always serializes", e);
        }
    }

    /** @param suite the suite whose ConfigMap this is; a history recorded for another suite is not used */
    public static SuiteHistory decode(String suite, String json) {
        return read(suite, json).value();
    }

    /** The history, or an empty one and why the stored text could not be used. */
    public static Decoded<SuiteHistory> read(String suite, String json) {
        if (json == null || json.isBlank()) return Decoded.read(SuiteHistory.empty(suite));
        try {
            SuiteHistory read = MAPPER.readValue(json, SuiteHistory.class);
            if (read == null) return Decoded.unreadable(SuiteHistory.empty(suite), "not a history object");
            if (!SuiteHistory.SCHEMA.equals(read.schema())) {
                return Decoded.unreadable(SuiteHistory.empty(suite), "schema " + read.schema() + " is not " + SuiteHistory.SCHEMA
                        + " (written by another version of Proctor?)");
            }
            if (read.suite() != null && !read.suite().equals(suite)) {
                return Decoded.unreadable(SuiteHistory.empty(suite), "it is the history of suite " + read.suite());
            }
            return Decoded.read(canonical(read, suite));
        } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
            return Decoded.unreadable(SuiteHistory.empty(suite), Decoded.notJson(e));
        }
    }

    private static SuiteHistory canonical(SuiteHistory history, String suite) {
        List<String> foldedRuns = history.foldedRuns() == null ? List.of()
                : history.foldedRuns().stream().filter(Objects::nonNull).toList();
        return new SuiteHistory(SuiteHistory.SCHEMA, suite, nonNegative(history.durations()),
                nonNegative(history.flaky()), foldedRuns, Math.max(0, history.runs()));
    }

    private static <N extends Number> Map<String, N> nonNegative(Map<String, N> values) {
        TreeMap<String, N> sorted = new TreeMap<>();
        if (values != null) {
            values.forEach((key, value) -> {
                if (key != null && value != null && value.longValue() >= 0) sorted.put(key, value);
            });
        }
        return Collections.unmodifiableSortedMap(sorted);
    }
}
