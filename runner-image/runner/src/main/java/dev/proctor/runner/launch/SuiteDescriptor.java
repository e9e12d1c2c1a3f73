package dev.proctor.runner.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a packaged suite says about itself, {@code proctor-suite.json} beside its {@code tests/} and {@code lib/}
 * (written by the {@code proctor:suite} Maven goal from the project's Surefire configuration):
 * <pre>{@code {"schema":"v1", "includes":[...], "excludes":[...], "configurationParameters":{"k":"v"},
 *  "junitPlatform":"1.13.4"}}</pre>
 * Its class patterns apply when the plan has none, so a suite runs what {@code mvn test} runs without the run
 * repeating the project's Surefire configuration.
 */
record SuiteDescriptor(List<String> includes, List<String> excludes, Map<String, String> configurationParameters) {
    static final String FILE = "proctor-suite.json";
    static final String ENV = "PROCTOR_SUITE_DESCRIPTOR";
    static final SuiteDescriptor NONE = new SuiteDescriptor(List.of(), List.of(), Map.of());

    SuiteDiscovery.ClassSelection classSelection() {
        return new SuiteDiscovery.ClassSelection(includes, excludes);
    }

    static SuiteDescriptor find(RunnerSettings settings) {
        Path file = location(settings);
        return file == null ? NONE : read(file);
    }

    static Path location(RunnerSettings settings) {
        String explicit = settings.env().get(ENV);
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        for (Path root : settings.testRoots()) {
            Path dir = root.toAbsolutePath().getParent();
            if (dir != null && dir.getParent() != null && Files.isRegularFile(dir.getParent().resolve(FILE))) {
                return dir.getParent().resolve(FILE);
            }
        }
        Path image = Path.of(RunnerSettings.DEFAULT_TEST_DIR).getParent().resolve(FILE);
        return Files.isRegularFile(image) ? image : null;
    }

    static SuiteDescriptor read(Path file) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(file.toFile());
        } catch (IOException e) {
            throw new RunnerError("the suite descriptor " + file + " is not readable JSON: " + e.getMessage(), e);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode params = root.path("configurationParameters");
        params.properties().forEach(entry -> parameters.put(entry.getKey(), entry.getValue().asText()));
        return new SuiteDescriptor(strings(root.path("includes")), strings(root.path("excludes")), parameters);
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
