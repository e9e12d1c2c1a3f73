package dev.proctor.testcluster;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A snapshot of kube-apiserver's {@code apiserver_request_total} counter, summed per (verb, group, resource,
 * subresource), so that tests can state what an operator costs the API server. The counter has no user-agent
 * label: callers attribute requests by resource.
 */
public final class ApiserverRequests {
    private static final Pattern SAMPLE = Pattern.compile("^apiserver_request_total\\{([^}]*)}\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** What a request did to what; {@code subresource} is empty for the object itself. */
    public record Kind(String verb, String group, String resource, String subresource) implements Comparable<Kind> {
        public boolean isWrite() {
            return switch (verb) {
                case "POST", "PUT", "PATCH", "DELETE", "DELETECOLLECTION", "APPLY" -> true;
                default -> false;
            };
        }

        @Override
        public int compareTo(Kind other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (subresource.isEmpty() ? "" : "/" + subresource);
        }
    }

    private final Map<Kind, Long> counts;

    private ApiserverRequests(Map<Kind, Long> counts) {
        this.counts = counts;
    }

    /** Reads {@code /metrics} with the admin token. */
    public static ApiserverRequests scrape(ControlPlane plane) {
        InsecureHttp.Response response = plane.getRaw("/metrics");
        if (!response.ok()) throw new IllegalStateException("GET /metrics: " + response.status() + " " + response.body());
        return parse(response.body());
    }

    static ApiserverRequests parse(String text) {
        Map<Kind, Long> counts = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) continue;
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) labels.put(label.group(1), label.group(2));
            Kind kind = new Kind(labels.getOrDefault("verb", ""), labels.getOrDefault("group", ""),
                    labels.getOrDefault("resource", ""), labels.getOrDefault("subresource", ""));
            counts.merge(kind, (long) Double.parseDouble(sample.group(2)), Long::sum);
        }
        return new ApiserverRequests(counts);
    }

    /** Requests made between {@code earlier} and this snapshot, per kind, only kinds that moved. */
    public Map<Kind, Long> since(ApiserverRequests earlier) {
        Map<Kind, Long> delta = new TreeMap<>();
        counts.forEach((kind, count) -> {
            long d = count - earlier.counts.getOrDefault(kind, 0L);
            if (d != 0) delta.put(kind, d);
        });
        return delta;
    }

    public static long total(Map<Kind, Long> delta, Predicate<Kind> which) {
        return delta.entrySet().stream().filter(e -> which.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }
}
