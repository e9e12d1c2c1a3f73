package dev.proctor.deploy.rules;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A scrape in the Prometheus text format, as series names with their label names and values. Histograms appear
 * as the names Prometheus stores: {@code x_bucket}, {@code x_count}, {@code x_sum}.
 */
public record Exposition(Map<String, Map<String, Set<String>>> series) {
    public static Exposition parse(String text) {
        Map<String, Map<String, Set<String>>> series = new TreeMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int i = 0;
            while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') i++;
            Map<String, Set<String>> labels = series.computeIfAbsent(line.substring(0, i), k -> new TreeMap<>());
            if (i < line.length() && line.charAt(i) == '{') {
                i++;
                while (i < line.length() && line.charAt(i) != '}') {
                    int eq = line.indexOf('=', i);
                    String name = line.substring(i, eq).strip();
                    i = eq + 2; // ="
                    StringBuilder value = new StringBuilder();
                    while (line.charAt(i) != '"') {
                        if (line.charAt(i) == '\\') {
                            char next = line.charAt(++i);
                            value.append(next == 'n' ? '\n' : next);
                        } else {
                            value.append(line.charAt(i));
                        }
                        i++;
                    }
                    i++; // closing quote
                    if (i < line.length() && line.charAt(i) == ',') i++;
                    labels.computeIfAbsent(name, k -> new TreeSet<>()).add(value.toString());
                }
            }
        }
        return new Exposition(series);
    }

    public boolean has(String metric) {
        return series.containsKey(metric);
    }

    public Map<String, Set<String>> labels(String metric) {
        return series.getOrDefault(metric, Map.of());
    }
}
