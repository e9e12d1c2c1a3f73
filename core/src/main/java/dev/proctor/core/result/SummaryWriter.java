package dev.proctor.core.result;

import static dev.proctor.core.result.SummaryCodec.MAX_BYTES;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.proctor.core.json.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Writes a summary within {@link SummaryCodec#MAX_BYTES}, dropping detail in the documented order.
 *
 * <p>Each stage keeps the longest prefix of one kind of detail that still fits, found by binary search over
 * real encodings (the encoded size grows with the prefix). Before searching, each name list is cut to what could
 * fit at all (an item takes at least its UTF-8 length), so one encoding costs a few KiB even when a shard
 * failed 5,000 tests, and a search costs about a dozen of them.
 */
final class SummaryWriter {
    /** Failed test names kept ahead of durations; the rest of the list is worth less than balancing. */
    static final int FAILED_NAMES_BEFORE_DURATIONS = 10;
    /** A checkpoint's running test name is cut to this many characters. */
    static final int MAX_RUNNING_CHARS = 300;

    private static final JsonFactory JSON = CanonicalJson.factory();

    private SummaryWriter() {}

    /**
     * The droppable parts of a summary; durations are ordered largest first, the order they are kept in.
     *
     * @param packed null, or the durations as packed units (same order): they go out as {@link CompactDurations}
     *               ({@code units}) instead of by name
     */
    private record Detail(List<String> failed, List<String> flaky, List<Map.Entry<String, Long>> durations,
                          long[] packed, String error, String running) {

        static Detail of(ShardSummary summary) {
            Map<String, Long> durations = new TreeMap<>();
            // Two keys can become one once unpaired surrogates are replaced; keep the larger duration.
            summary.classDurations().forEach((unit, millis) -> durations.merge(Utf8.wellFormed(unit), millis, Math::max));
            List<Map.Entry<String, Long>> largestFirst = new ArrayList<>(durations.entrySet());
            largestFirst.sort(Map.Entry.<String, Long>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()));
            String running = summary.running() == null ? null
                    : Utf8.prefix(Utf8.wellFormed(summary.running()), MAX_RUNNING_CHARS);
            return new Detail(wellFormed(summary.failedTests()), wellFormed(summary.flakyTests()), largestFirst, null,
                    summary.error() == null ? null : Utf8.wellFormed(summary.error()), running);
        }

        /** Only what could possibly fit: no name past the point where the raw text alone exceeds the budget. */
        Detail clipped() {
            return new Detail(clip(failed), clip(flaky), durations, packed,
                    error == null ? null : Utf8.prefix(error, MAX_BYTES), running);
        }

        /** Hashed and coded once, in the largest-first order: a prefix of it is the n largest. */
        Detail asPacked() {
            return new Detail(failed, flaky, durations, CompactDurations.units(durations), error, running);
        }

        Detail withDurations(int count) {
            return new Detail(failed, flaky, durations.subList(0, count), packed, error, running);
        }

        Detail withFlaky(int count) {
            return new Detail(failed, flaky.subList(0, count), durations, packed, error, running);
        }

        Detail withFailed(int count) {
            return new Detail(failed.subList(0, count), flaky, durations, packed, error, running);
        }

        Detail withError(int chars) {
            return new Detail(failed, flaky, durations, packed, error == null ? null : Utf8.prefix(error, chars), running);
        }

        /** Cheap: whether the names alone are past the budget, so the full form need not be written to know. */
        boolean durationNamesExceedBudget() {
            long bytes = 0;
            for (Map.Entry<String, Long> entry : durations) {
                bytes += entry.getKey().length() + 4;
                if (bytes > MAX_BYTES) return true;
            }
            return false;
        }

        int errorLength() {
            return error == null ? 0 : error.length();
        }
    }

    /**
     * The order: (1) durations by name become packed durations — nothing is lost but a little precision, so the
     * summary is not marked truncated; then, marked truncated, (2) flaky names from the tail, (3) failed names from
     * the tail down to {@link #FAILED_NAMES_BEFORE_DURATIONS}, (4) packed durations, shortest first, (5) the remaining
     * failed names, (6) the end of the error text.
     */
    static byte[] write(ShardSummary summary) {
        Detail full = Detail.of(summary);
        byte[] bytes;
        if (!full.durationNamesExceedBudget()) {
            bytes = write(summary, full, summary.truncated());
            if (bytes.length <= MAX_BYTES) return bytes;
        }

        Detail packed = full.clipped().asPacked();
        bytes = write(summary, packed, summary.truncated());
        if (bytes.length <= MAX_BYTES) return bytes;

        bytes = largestFitting(packed.flaky().size(), n -> write(summary, packed.withFlaky(n), true));
        if (bytes != null) return bytes;

        Detail noFlaky = packed.withFlaky(0);
        int keepFailed = Math.min(FAILED_NAMES_BEFORE_DURATIONS, noFlaky.failed().size());
        bytes = largestFitting(keepFailed, noFlaky.failed().size(), n -> write(summary, noFlaky.withFailed(n), true));
        if (bytes != null) return bytes;

        Detail fewFailed = noFlaky.withFailed(keepFailed);
        bytes = largestFitting(fewFailed.durations().size(), n -> write(summary, fewFailed.withDurations(n), true));
        if (bytes != null) return bytes;

        Detail noDurations = fewFailed.withDurations(0);
        bytes = largestFitting(keepFailed, n -> write(summary, noDurations.withFailed(n), true));
        if (bytes != null) return bytes;

        // Counts, verdict, a running name of at most 300 characters and an empty error take about 1.5 KiB at most.
        Detail onlyError = noDurations.withFailed(0);
        return largestFitting(onlyError.errorLength(), n -> write(summary, onlyError.withError(n), true));
    }

    private static byte[] largestFitting(int max, IntFunction<byte[]> encodeWith) {
        return largestFitting(0, max, encodeWith);
    }

    /** The encoding for the largest n in [min, max] that fits, or null when even n = min does not. */
    private static byte[] largestFitting(int min, int max, IntFunction<byte[]> encodeWith) {
        byte[] best = encodeWith.apply(min);
        if (best.length > MAX_BYTES) return null;
        int low = min;
        int high = max;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            byte[] candidate = encodeWith.apply(mid);
            if (candidate.length <= MAX_BYTES) {
                low = mid;
                best = candidate;
            } else {
                high = mid - 1;
            }
        }
        return best;
    }

    private static byte[] write(ShardSummary summary, Detail detail, boolean truncated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(SummaryFields.SCHEMA, SummaryCodec.SCHEMA);
            json.writeFieldName(SummaryFields.VERDICT);
            if (summary.verdict() == null) {
                json.writeNull();
            } else {
                json.writeString(SummaryFields.verdictName(summary.verdict()));
            }
            json.writeNumberField(SummaryFields.TOTAL, summary.total());
            json.writeNumberField(SummaryFields.PASSED, summary.passed());
            json.writeNumberField(SummaryFields.FAILED, summary.failed());
            json.writeNumberField(SummaryFields.SKIPPED, summary.skipped());
            json.writeNumberField(SummaryFields.FLAKY, summary.flaky());
            json.writeNumberField(SummaryFields.MILLIS, summary.durationMillis());
            writeStrings(json, SummaryFields.FAILED_TESTS, detail.failed());
            writeStrings(json, SummaryFields.FLAKY_TESTS, detail.flaky());
            if (detail.packed() != null) {
                if (!detail.durations().isEmpty()) {
                    json.writeStringField(SummaryFields.UNITS, CompactDurations.encode(detail.packed(), detail.durations().size()));
                }
            } else {
                writeDurations(json, detail.durations());
            }
            if (detail.error() != null) json.writeStringField(SummaryFields.ERROR, detail.error());
            if (detail.running() != null) json.writeStringField(SummaryFields.RUNNING, detail.running());
            if (summary.store() != null) {
                json.writeObjectFieldStart(SummaryFields.STORE);
                json.writeNumberField(SummaryFields.STORE_UPLOADED, summary.store().uploaded());
                json.writeNumberField(SummaryFields.STORE_MISSING, summary.store().missing());
                if (summary.store().reason() != null) json.writeStringField(SummaryFields.STORE_REASON, summary.store().reason());
                json.writeEndObject();
            }
            if (truncated) json.writeBooleanField(SummaryFields.TRUNCATED, true);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return out.toByteArray();
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        if (values.isEmpty()) return;
        json.writeArrayFieldStart(field);
        for (String value : values) json.writeString(value);
        json.writeEndArray();
    }

    private static void writeDurations(JsonGenerator json, List<Map.Entry<String, Long>> durations) throws IOException {
        if (durations.isEmpty()) return;
        List<Map.Entry<String, Long>> byKey = new ArrayList<>(durations);
        byKey.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        json.writeObjectFieldStart(SummaryFields.DURATIONS);
        for (Map.Entry<String, Long> entry : byKey) json.writeNumberField(entry.getKey(), entry.getValue());
        json.writeEndObject();
    }

    private static List<String> wellFormed(List<String> values) {
        return values.stream().map(Utf8::wellFormed).toList();
    }

    private static List<String> clip(List<String> values) {
        int budget = MAX_BYTES;
        for (int i = 0; i < values.size(); i++) {
            budget -= Utf8.length(values.get(i)) + 2;
            if (budget < 0) return values.subList(0, i);
        }
        return values;
    }
}
