package dev.proctor.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** helm/proctor/files/prometheus-rules.yaml, read as data. */
public record RulesFile(Path path, List<Rule> rules) {
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** An alerting rule (alert set) or a recording rule (record set). */
    public record Rule(String group, String alert, String record, String expr) {}

    public static Path defaultPath() {
        return OperatorStack.repoRoot().resolve("helm/proctor/files/prometheus-rules.yaml");
    }

    public static RulesFile load() {
        return load(defaultPath());
    }

    public static RulesFile load(Path path) {
        try {
            JsonNode root = YAML.readTree(path.toFile());
            List<Rule> rules = new ArrayList<>();
            for (JsonNode group : root.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    rules.add(new Rule(group.path("name").asText(), text(rule, "alert"), text(rule, "record"), rule.path("expr").asText()));
                }
            }
            return new RulesFile(path, rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    public Set<String> alertNames() {
        Set<String> names = new LinkedHashSet<>();
        rules.stream().filter(r -> r.alert() != null).forEach(r -> names.add(r.alert()));
        return names;
    }

    public Set<String> recordedNames() {
        Set<String> names = new LinkedHashSet<>();
        rules.stream().filter(r -> r.record() != null).forEach(r -> names.add(r.record()));
        return names;
    }
}
