package dev.proctor.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Build step run after Quarkus generates the CRDs: Fabric8's generator sorts printer columns by JSON path,
 * but {@code kubectl get} shows them in CRD order, so we put them in the order a user reads them. Columns
 * not listed keep their place after the listed ones.
 *
 * <p>Usage: {@code PrinterColumnOrder <dir with *-v1.yml>}.
 */
public final class PrinterColumnOrder {
    static final Map<String, List<String>> ORDER = Map.of(
            "TestSuiteRun", List.of("Suite", "Phase", "Passed", "Failed", "Flaky", "Shards", "Duration", "Age"),
            "SLAPolicy", List.of("Compliant", "Budget", "Burn(1h)", "Incidents", "Age"),
            "AlertRoute", List.of("Receivers", "Ready", "Age"));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private PrinterColumnOrder() {}

    public static void main(String[] args) throws IOException {
        try (var files = Files.list(Path.of(args[0]))) {
            for (Path crd : files.filter(p -> p.getFileName().toString().endsWith("-v1.yml")).sorted().toList()) {
                Files.writeString(crd, reorder(Files.readString(crd)));
            }
        }
    }

    static String reorder(String yaml) throws IOException {
        JsonNode crd = YAML.readTree(yaml);
        List<String> order = ORDER.getOrDefault(crd.path("spec").path("names").path("kind").asText(), List.of());
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (!(version.get("additionalPrinterColumns") instanceof ArrayNode columns)) continue;
            List<JsonNode> sorted = new ArrayList<>();
            columns.forEach(sorted::add);
            sorted.sort(Comparator.comparingInt(c -> {
                int i = order.indexOf(c.path("name").asText());
                return i < 0 ? order.size() : i;
            }));
            ((ObjectNode) version).putArray("additionalPrinterColumns").addAll(sorted);
        }
        return "# Generated from the Java API classes by `./mvnw -pl operator -am package`; do not edit by hand.\n"
                + YAML.writeValueAsString(crd);
    }
}
