package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Kubernetes object in the manifests people copy from {@code examples/} is accepted by the real API server
 * (server-side dry run, so the CRDs' schema and CEL rules, strict field validation and admission all apply) — an
 * example that drifted from the CRDs (a renamed field, a YAML 1.1 {@code on:} key) fails here. Objects of kinds
 * this control plane does not serve (Argo CD's Application, the Prometheus Operator's kinds) are listed, not
 * checked here; CI pipeline files are not Kubernetes objects.
 */
@WithControlPlane
class ExampleManifestsIT {
    private static final Path EXAMPLES = Path.of("../examples");
    /** Groups this control plane serves: core, batch, and Proctor's own. */
    private static final Set<String> SERVED = Set.of("v1", "batch/v1", "proctor.dev/v1alpha1");
    private static final ObjectMapper YAML = new YAMLMapper();

    @Test
    void everyExampleObjectIsAcceptedByTheApiServer(ControlPlane plane, TestNamespace ns) throws IOException {
        ProctorCrds.install(plane.client());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.toString().contains("/target/")).sorted().toList();
        }
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> notServed = new ArrayList<>();
        Path scratch = Files.createTempDirectory("examples-dry-run");
        for (Path file : files) {
            int index = 0;
            for (JsonNode doc : documents(file)) {
                index++;
                if (!doc.isObject() || !doc.hasNonNull("apiVersion") || !doc.hasNonNull("kind")) continue; // not a Kubernetes object
                String what = EXAMPLES.relativize(file) + "#" + index + " " + doc.get("kind").asText();
                if (!SERVED.contains(doc.get("apiVersion").asText())) {
                    notServed.add(what);
                    continue;
                }
                ObjectNode object = (ObjectNode) doc;
                ((ObjectNode) object.with("metadata")).remove("namespace"); // checked in the test's namespace
                Path single = scratch.resolve("doc-" + (accepted.size() + refused.size()) + ".yaml");
                YAML.writeValue(single.toFile(), object);
                ControlPlane.CommandResult result = plane.kubectl("create", "--dry-run=server", "--validate=strict",
                        "-n", ns.name(), "-f", single.toString());
                if (result.exitCode() == 0) accepted.add(what);
                else refused.add(what + ": " + result.stderr().trim());
            }
        }
        System.out.printf("%n### examples/ on the real API server (server-side dry run)%n%naccepted %d: %s%nnot served here %d: %s%n%n",
                accepted.size(), accepted, notServed.size(), notServed);
        assertThat(refused).as("example objects the API server refuses").isEmpty();
        assertThat(accepted).as("the TestSuiteRun, SLAPolicy and AlertRoute examples were all checked")
                .anyMatch(w -> w.endsWith("TestSuiteRun")).anyMatch(w -> w.endsWith("SLAPolicy"))
                .anyMatch(w -> w.endsWith("AlertRoute")).hasSizeGreaterThanOrEqualTo(9);
    }

    /** Every document of the file; an example that is not YAML fails the test (users copy these files as they are). */
    private static List<JsonNode> documents(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) docs.add(iterator.next());
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("examples/" + EXAMPLES.relativize(file) + " is not readable YAML: " + e.getMessage(), e);
        }
        return docs;
    }
}
