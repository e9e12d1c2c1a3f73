package dev.proctor.core.result;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proctor.core.json.CanonicalJson;
import dev.proctor.core.result.DecodeResult.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a summary from bytes that may be anything: a pod's termination message is written by whatever ran in
 * the container. Every failure becomes a {@link DecodeResult.Malformed} whose reason names the field and never
 * repeats more than a few characters of the input.
 */
final class SummaryReader {
    private static final JsonMapper JSON = CanonicalJson.mapper();
    private static final int MAX_ECHO = 20;

    private SummaryReader() {}

    /** Why the bytes are not a summary; cheap to throw, caught in {@link #read}. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Kind kind;

        Rejected(Kind kind, String reason) {
            super(reason, null, false, false);
            this.kind = kind;
        }
    }

    static DecodeResult read(byte[] bytes) {
        try {
            return new DecodeResult.Decoded(summary(bytes));
        } catch (Rejected rejected) {
            return new DecodeResult.Malformed(rejected.kind, rejected.getMessage());
        } catch (RuntimeException | StackOverflowError unexpected) {
            // The parser's limits should make this unreachable; a malformed summary must still not crash the operator.
            return new DecodeResult.Malformed(Kind.NOT_JSON, "summary could not be read");
        }
    }

    private static ShardSummary summary(byte[] bytes) {
        if (bytes == null || bytes.length == 0) throw new Rejected(Kind.EMPTY, "summary is empty");
        if (bytes.length > SummaryCodec.MAX_ACCEPTED_BYTES) {
            throw new Rejected(Kind.TOO_LARGE, "summary has " + bytes.length + " bytes, more than "
                    + SummaryCodec.MAX_ACCEPTED_BYTES);
        }
        JsonNode root = parse(bytes);
        if (root == null || root.isMissingNode()) throw new Rejected(Kind.EMPTY, "summary is blank");
        if (!root.isObject()) throw new Rejected(Kind.NOT_JSON, "summary is not a JSON object");
        checkSchema(root.get(SummaryFields.SCHEMA));

        ShardSummary summary = new ShardSummary(verdict(root), count(root, SummaryFields.TOTAL),
                count(root, SummaryFields.PASSED), count(root, SummaryFields.FAILED),
                count(root, SummaryFields.SKIPPED), count(root, SummaryFields.FLAKY), millis(root),
                strings(root, SummaryFields.FAILED_TESTS), strings(root, SummaryFields.FLAKY_TESTS),
                durations(root), error(root), truncated(root), running(root), store(root));
        checkCounts(summary);
        return summary;
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw new Rejected(Kind.NOT_JSON, "summary exceeds the JSON reader's limits (nesting depth "
                    + CanonicalJson.MAX_NESTING_DEPTH + ", number length " + CanonicalJson.MAX_NUMBER_LENGTH + ")");
        } catch (DatabindException e) {
            throw new Rejected(Kind.NOT_JSON, "summary has a duplicate field or data after the object" + at(e.getLocation()));
        } catch (JacksonException e) {
            throw new Rejected(Kind.NOT_JSON, "summary is not valid JSON" + at(e.getLocation()));
        } catch (IOException e) {
            throw new Rejected(Kind.NOT_JSON, "summary is not valid JSON");
        }
    }

    private static void checkSchema(JsonNode schema) {
        if (schema == null) throw new Rejected(Kind.WRONG_SCHEMA, "summary has no schema version \"v\"");
        if (!schema.isTextual() || !SummaryCodec.SCHEMA.equals(schema.textValue())) {
            throw new Rejected(Kind.WRONG_SCHEMA, "summary schema must be \"" + SummaryCodec.SCHEMA + "\", was "
                    + echo(schema));
        }
    }

    private static Verdict verdict(JsonNode root) {
        JsonNode node = root.get(SummaryFields.VERDICT);
        Verdict verdict = node != null && node.isTextual() ? SummaryFields.verdictOf(node.textValue()) : null;
        if (verdict == null) {
            throw invalid(SummaryFields.VERDICT + " must be passed, failed or error, was "
                    + (node == null ? "missing" : echo(node)));
        }
        return verdict;
    }

    /** Absent counts are zero: a minimal error summary ({@code {"v":"v1","verdict":"error",...}}) is valid. */
    private static int count(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return 0;
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw invalid(field + " must be a non-negative integer, was " + echo(node));
        }
        return node.intValue();
    }

    private static long millis(JsonNode root) {
        JsonNode node = root.get(SummaryFields.MILLIS);
        if (node == null || node.isNull()) return 0;
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw invalid(SummaryFields.MILLIS + " must be a non-negative integer, was " + echo(node));
        }
        return node.longValue();
    }

    private static List<String> strings(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw invalid(field + " must be an array of strings");
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual()) throw invalid(field + " must be an array of strings");
            values.add(element.textValue());
        }
        return values;
    }

    private static Map<String, Long> namedDurations(JsonNode root) {
        JsonNode node = root.get(SummaryFields.DURATIONS);
        if (node == null || node.isNull()) return Map.of();
        if (!node.isObject()) throw invalid(SummaryFields.DURATIONS + " must be an object of milliseconds");
        Map<String, Long> durations = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode millis = entry.getValue();
            if (!millis.isIntegralNumber() || !millis.canConvertToLong() || millis.longValue() < 0) {
                throw invalid(SummaryFields.DURATIONS + " values must be non-negative integers");
            }
            durations.put(entry.getKey(), millis.longValue());
        }
        return durations;
    }

    /** Durations by name and packed ones ({@code units}, by hashed key) together; a name wins over its hash. */
    private static Map<String, Long> durations(JsonNode root) {
        Map<String, Long> durations = namedDurations(root);
        JsonNode units = root.get(SummaryFields.UNITS);
        if (units == null || units.isNull()) return durations;
        if (!units.isTextual()) throw invalid(SummaryFields.UNITS + " must be a string");
        try {
            Map<String, Long> all = new HashMap<>(CompactDurations.decode(units.textValue()));
            all.putAll(durations);
            return all;
        } catch (IllegalArgumentException e) {
            throw invalid(SummaryFields.UNITS + " " + e.getMessage());
        }
    }

    private static String running(JsonNode root) {
        JsonNode node = root.get(SummaryFields.RUNNING);
        if (node == null || node.isNull()) return null;
        if (!node.isTextual()) throw invalid(SummaryFields.RUNNING + " must be a string");
        return node.textValue();
    }

    private static String error(JsonNode root) {
        JsonNode node = root.get(SummaryFields.ERROR);
        if (node == null || node.isNull()) return null;
        if (!node.isTextual()) throw invalid(SummaryFields.ERROR + " must be a string");
        return node.textValue();
    }

    private static StoreUpload store(JsonNode root) {
        JsonNode node = root.get(SummaryFields.STORE);
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) throw invalid(SummaryFields.STORE + " must be an object");
        int uploaded = count(node, SummaryFields.STORE_UPLOADED);
        int missing = count(node, SummaryFields.STORE_MISSING);
        JsonNode reason = node.get(SummaryFields.STORE_REASON);
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            throw invalid(SummaryFields.STORE + "." + SummaryFields.STORE_REASON + " must be a string");
        }
        return new StoreUpload(uploaded, missing, reason == null || reason.isNull() ? null : reason.textValue());
    }

    private static boolean truncated(JsonNode root) {
        JsonNode node = root.get(SummaryFields.TRUNCATED);
        if (node == null || node.isNull()) return false;
        if (!node.isBoolean()) throw invalid(SummaryFields.TRUNCATED + " must be true or false");
        return node.booleanValue();
    }

    private static void checkCounts(ShardSummary summary) {
        long counted = (long) summary.passed() + summary.failed() + summary.skipped();
        if (counted > summary.total()) {
            throw invalid("passed + failed + skipped (" + counted + ") exceeds total (" + summary.total() + ")");
        }
        if (summary.flaky() > summary.total()) {
            throw invalid("flaky (" + summary.flaky() + ") exceeds total (" + summary.total() + ")");
        }
    }

    private static Rejected invalid(String reason) {
        return new Rejected(Kind.INVALID_FIELD, reason);
    }

    /** A few characters of a JSON value, printable only. */
    private static String echo(JsonNode node) {
        String text = node.isTextual() ? "\"" + node.textValue() + "\""
                : node.isValueNode() ? node.asText()
                : "an " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        StringBuilder safe = new StringBuilder();
        text.codePoints().limit(MAX_ECHO).forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > MAX_ECHO ? safe.append("...").toString() : safe.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) return "";
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
