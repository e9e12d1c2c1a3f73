package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs on a real kube-apiserver: they install and become Established, every manifest under
 * {@code src/test/resources/invalid/} is refused with a message naming the field its {@code # expect:} line
 * gives, a valid run is accepted, and its spec cannot change afterwards. Prints the refusals as a Markdown table.
 */
@WithControlPlane
class CrdValidationIT {
    private static final Path INVALID = Path.of("src/test/resources/invalid");
    private static final String EXPECT = "# expect:";
    private static final Map<String, String> REFUSALS = new ConcurrentSkipListMap<>();

    @BeforeAll
    static void installCrds(KubernetesClient client) {
        assertThat(ProctorCrds.install(client)).extracting(c -> c.getMetadata().getName()).contains(ProctorCrds.TEST_SUITE_RUNS);
    }

    static List<Path> invalidManifests() throws IOException {
        try (Stream<Path> files = Files.list(INVALID)) {
            List<Path> manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(manifests).as("invalid manifests in %s", INVALID).hasSizeGreaterThanOrEqualTo(25);
            return manifests;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidManifests")
    void refusesWithAMessageNamingTheField(Path manifest, KubernetesClient client) throws IOException {
        String yaml = Files.readString(manifest);
        String expected = yaml.lines().filter(l -> l.startsWith(EXPECT)).map(l -> l.substring(EXPECT.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError(manifest + " has no '" + EXPECT + "' line"));

        GenericKubernetesResource object = parse(client, yaml);
        assertThatThrownBy(() -> client.genericKubernetesResources(object.getApiVersion(), object.getKind()).resource(object).create())
                .as("%s must be refused", manifest.getFileName())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).as("HTTP status").isEqualTo(422);
                    String message = e.getStatus().getMessage();
                    REFUSALS.put(manifest.getFileName().toString(), message);
                    assertThat(message).as("server message for %s", manifest.getFileName()).contains(expected);
                });
    }

    @Test
    void acceptsAValidRunAndKeepsItsSpecImmutable(KubernetesClient client) {
        GenericKubernetesResource created = runs(client).resource(parse(client, validRun("valid-run"))).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.get("spec", "sharding", "strategy").toString()).as("schema default").isEqualTo("DurationBalanced");

        // a merge patch carries no resourceVersion (as `kubectl patch` does), so the operator writing the run's
        // status at the same moment cannot turn the refusal into a conflict
        assertThatThrownBy(() -> runs(client).withName("valid-run")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"sharding\":{\"shards\":5}}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            REFUSALS.put("(update of valid-run: shards 2 -> 5)", e.getStatus().getMessage());
            assertThat(e.getStatus().getMessage()).contains("spec is immutable");
        });
    }

    static String validRun(String name) {
        return """
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteRun
                metadata:
                  name: %s
                spec:
                  suite: techshop
                  runner:
                    image: ghcr.io/proctor-dev/techshop-suite:0.1.0
                  sharding:
                    shards: 2
                """.formatted(name);
    }

    private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> runs(
            KubernetesClient client) {
        return client.genericKubernetesResources("proctor.dev/v1alpha1", "TestSuiteRun");
    }

    /** Kept generic: a typed TestSuiteRun could not even hold most of these mistakes. */
    private static GenericKubernetesResource parse(KubernetesClient client, String yaml) {
        return client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    }

    @AfterAll
    static void printTable(TestNamespace namespace) {
        StringBuilder table = new StringBuilder("\n### Invalid TestSuiteRun and TestSuiteSchedule manifests and the API server's answers (namespace ")
                .append(namespace).append(")\n\n| manifest | server message |\n|---|---|\n");
        REFUSALS.forEach((file, message) -> table.append("| `").append(file).append("` | ")
                .append(message.replace("|", "\\|").replace("\n", " ")).append(" |\n"));
        System.out.println(table);
    }
}
