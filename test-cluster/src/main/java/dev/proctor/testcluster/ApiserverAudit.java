package dev.proctor.testcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads kube-apiserver's audit log, which — unlike {@code apiserver_request_total} — names the client of each
 * request (its user agent), so a test can say exactly which requests the operator made and when.
 */
public final class ApiserverAudit {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One completed request. {@code subresource} is empty for the object itself. */
    public record Request(Instant at, String userAgent, String verb, String resource, String subresource, String namespace, String name) {
        public boolean isWrite() {
            return switch (verb) {
                case "create", "update", "patch", "delete", "deletecollection" -> true;
                default -> false;
            };
        }

        public String kind() {
            return verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource);
        }
    }

    private ApiserverAudit() {}

    /**
     * Requests that completed in [{@code from}, {@code to}) and match {@code which}, from the audit log and the files
     * kube-apiserver rotated it into (at 100 MB: {@code audit-<time>.log} beside it; a benchmark fills several).
     */
    public static List<Request> between(ControlPlane plane, Instant from, Instant to, Predicate<Request> which) {
        List<Request> requests = new ArrayList<>();
        for (Path log : logs(plane.auditLog())) {
            try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Request request = parse(line);
                    if (request != null && !request.at().isBefore(from) && request.at().isBefore(to) && which.test(request)) {
                        requests.add(request);
                    }
                }
            } catch (java.nio.file.NoSuchFileException rotatedAway) {
                // rotated between the listing and the read: its lines are in the newest rotated file, listed before it
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + log, e);
            }
        }
        return requests;
    }

    /** The rotated files, oldest first (their names sort by time), then the live log. */
    private static List<Path> logs(Path live) {
        String base = live.getFileName().toString().replaceFirst("\\.log$", "");
        List<Path> logs = new ArrayList<>();
        try (var siblings = Files.list(live.getParent())) {
            siblings.filter(p -> p.getFileName().toString().startsWith(base + "-") && p.getFileName().toString().endsWith(".log"))
                    .sorted().forEach(logs::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + live.getParent(), e);
        }
        logs.add(live);
        return logs;
    }

    /** Counts per {@link Request#kind()}. */
    public static Map<String, Long> countByKind(List<Request> requests) {
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach(r -> counts.merge(r.kind(), 1L, Long::sum));
        return counts;
    }

    private static Request parse(String line) {
        try {
            JsonNode event = JSON.readTree(line);
            JsonNode ref = event.path("objectRef");
            return new Request(Instant.parse(event.path("stageTimestamp").asText()), event.path("userAgent").asText(""),
                    event.path("verb").asText(""), ref.path("resource").asText(""), ref.path("subresource").asText(""),
                    ref.path("namespace").asText(""), ref.path("name").asText(""));
        } catch (IOException | RuntimeException e) {
            return null; // a line being written right now
        }
    }
}
