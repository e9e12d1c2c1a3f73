package dev.proctor.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.core.state.Decoded;
import java.nio.charset.StandardCharsets;

/**
 * The reporter's termination message: {@code {"v":"report-v1","tests":N,"failures":N,"errors":N,"skipped":N,
 * "flaky":N,"millis":N,"reason":"…","error":"…"}}, always valid JSON within the 4096 bytes kubelet keeps (the error
 * is cut to {@link #MAX_ERROR_CHARS}). Decoding never throws: a message that is missing, not JSON or of another
 * schema comes back unreadable with a reason that never quotes it.
 */
public final class ReportSummaryCodec {
    public static final String SCHEMA = "report-v1";
    static final int MAX_ERROR_CHARS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReportSummary NONE = new ReportSummary(0, 0, 0, 0, 0, 0, null, null);

    private ReportSummaryCodec() {}

    public static byte[] encode(ReportSummary summary) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", SCHEMA);
        node.put("tests", summary.tests());
        node.put("failures", summary.failures());
        node.put("errors", summary.errors());
        node.put("skipped", summary.skipped());
        node.put("flaky", summary.flaky());
        node.put("millis", summary.millis());
        if (summary.reason() != null) node.put("reason", summary.reason());
        if (summary.error() != null) node.put("error", cut(summary.error()));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static Decoded<ReportSummary> decode(String message) {
        if (message == null || message.isBlank()) return Decoded.unreadable(NONE, "the reporter wrote no summary");
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (Exception e) {
            return Decoded.unreadable(NONE, "the reporter's summary is " + Decoded.notJson(e));
        }
        if (node == null || !node.isObject() || !SCHEMA.equals(node.path("v").asText(null))) {
            return Decoded.unreadable(NONE, "the reporter's summary is not of schema " + SCHEMA);
        }
        for (String count : new String[] {"tests", "failures", "errors", "skipped", "flaky"}) {
            if (!node.path(count).canConvertToInt() || node.path(count).asInt() < 0) {
                return Decoded.unreadable(NONE, "the reporter's summary has no valid count '" + count + "'");
            }
        }
        return Decoded.read(new ReportSummary(node.get("tests").asInt(), node.get("failures").asInt(),
                node.get("errors").asInt(), node.get("skipped").asInt(), node.get("flaky").asInt(),
                node.path("millis").asLong(0), text(node, "reason"), text(node, "error")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String cut(String text) {
        if (text.length() <= MAX_ERROR_CHARS) return text;
        int end = MAX_ERROR_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }
}
