package dev.proctor.deploy.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The objects {@code helm template} printed, parsed; small lookups for assertions. */
record Rendered(String yaml, List<JsonNode> objects) {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    static Rendered parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var docs = YAML.readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) objects.add(doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm printed invalid YAML", e);
        }
        return new Rendered(yaml, List.copyOf(objects));
    }

    static String kind(JsonNode o) {
        return o.path("kind").asText();
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asText("");
    }

    /** "Kind/namespace/name" (namespace empty for cluster-scoped objects), sorted. */
    Set<String> ids() {
        Set<String> ids = new TreeSet<>();
        objects.forEach(o -> ids.add(kind(o) + "/" + namespace(o) + "/" + name(o)));
        return ids;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }

    List<JsonNode> where(Predicate<JsonNode> which) {
        return objects.stream().filter(which).toList();
    }

    JsonNode one(String kind, String name) {
        List<JsonNode> found = objects.stream().filter(o -> kind.equals(kind(o)) && name.equals(name(o))).toList();
        if (found.size() != 1) throw new AssertionError("expected one " + kind + " " + name + ", found " + found.size() + " in " + ids());
        return found.get(0);
    }

    JsonNode one(String kind, String namespace, String name) {
        List<JsonNode> found = objects.stream()
                .filter(o -> kind.equals(kind(o)) && name.equals(name(o)) && namespace.equals(namespace(o))).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " " + namespace + "/" + name + ", found " + found.size() + " in " + ids());
        }
        return found.get(0);
    }

    JsonNode deployment() {
        List<JsonNode> found = ofKind("Deployment");
        if (found.size() != 1) throw new AssertionError("expected one Deployment, found " + ids());
        return found.get(0);
    }

    JsonNode operatorContainer() {
        return deployment().path("spec").path("template").path("spec").path("containers").get(0);
    }

    /** The operator container's plain env values by name (valueFrom entries map to null). */
    TreeMap<String, String> operatorEnv() {
        TreeMap<String, String> env = new TreeMap<>();
        operatorContainer().path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("value") ? e.path("value").asText() : null));
        return env;
    }

    /** Bindings (Role or Cluster) whose subjects include the ServiceAccount namespace/name. */
    List<JsonNode> bindingsOf(String saNamespace, String saName) {
        return objects.stream().filter(o -> kind(o).endsWith("Binding")).filter(b -> {
            for (JsonNode s : b.path("subjects")) {
                if ("ServiceAccount".equals(s.path("kind").asText()) && saName.equals(s.path("name").asText())
                        && saNamespace.equals(s.path("namespace").asText())) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    /** The (Cluster)Role a binding refers to; a RoleBinding's Role lives in the binding's namespace. */
    JsonNode roleOf(JsonNode binding) {
        String kind = binding.path("roleRef").path("kind").asText();
        String name = binding.path("roleRef").path("name").asText();
        return "ClusterRole".equals(kind) ? one(kind, name) : one(kind, namespace(binding), name);
    }

    /**
     * A (Cluster)Role's rules flattened to one line per (group, resource, resourceNames) with its sorted verbs,
     * e.g. {@code "batch jobs: create,delete,get,list,watch"} or {@code "coordination.k8s.io leases[proctor-operator]: get,patch,update"}.
     */
    static Set<String> ruleLines(JsonNode role) {
        TreeMap<String, TreeSet<String>> byKey = new TreeMap<>();
        for (JsonNode rule : role.path("rules")) {
            TreeSet<String> names = new TreeSet<>();
            rule.path("resourceNames").forEach(n -> names.add(n.asText()));
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    String key = (group.asText().isEmpty() ? "core" : group.asText()) + " " + resource.asText()
                            + (names.isEmpty() ? "" : names.toString().replace(" ", ""));
                    TreeSet<String> verbs = byKey.computeIfAbsent(key, k -> new TreeSet<>());
                    rule.path("verbs").forEach(v -> verbs.add(v.asText()));
                }
            }
        }
        Set<String> lines = new TreeSet<>();
        byKey.forEach((key, verbs) -> lines.add(key + ": " + String.join(",", verbs)));
        return lines;
    }
}
