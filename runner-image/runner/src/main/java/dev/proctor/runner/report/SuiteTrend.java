package dev.proctor.runner.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.core.state.Decoded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's last runs, {@code <prefix>/<namespace>/_suites/<suite>/trend.json}: {@code {"v":1,"runs":[…]}}, oldest
 * first, at most {@link #MAX_RUNS}. Each reporter reads it, adds its run (replacing an entry of the same run, so a
 * reporter that ran twice counts once) and writes it back. Two runs of one suite whose reporters do this at the same
 * moment can lose one of the two entries: the trend is a picture, not a record (the runs' statuses are).
 */
public final class SuiteTrend {
    public static final int MAX_RUNS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run: its verdict, counts and how long it took. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Point(String run, String finished, String verdict, int tests, int failures, int errors, int skipped,
                        int flaky, long seconds) {}

    private SuiteTrend() {}

    /** The stored runs; an unreadable file reads as none, with why (never quoting it). */
    public static Decoded<List<Point>> read(byte[] stored) {
        if (stored == null || stored.length == 0) return Decoded.read(List.of());
        try {
            JsonNode node = JSON.readTree(stored);
            if (node == null || !node.path("runs").isArray()) return Decoded.unreadable(List.of(), "the suite's trend file has no runs list");
            return Decoded.read(JSON.convertValue(node.get("runs"), new TypeReference<List<Point>>() {}));
        } catch (IOException | IllegalArgumentException e) {
            return Decoded.unreadable(List.of(), "the suite's trend file is " + Decoded.notJson(e));
        }
    }

    /** {@code runs} with {@code point} as the newest (an older entry of the same run dropped), the last 30 kept. */
    public static List<Point> add(List<Point> runs, Point point) {
        List<Point> out = new ArrayList<>();
        for (Point p : runs) if (!p.run().equals(point.run())) out.add(p);
        out.add(point);
        return List.copyOf(out.subList(Math.max(0, out.size() - MAX_RUNS), out.size()));
    }

    public static byte[] write(List<Point> runs) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.set("runs", JSON.valueToTree(runs));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
