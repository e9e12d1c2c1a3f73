package dev.proctor.operator.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proctor.testcluster.Crds;
import dev.proctor.testcluster.WithControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SLAPolicy and AlertRoute CRDs on a real kube-apiserver: they install (CEL cost within budget), the
 * examples under examples/sla are accepted, and bad input is refused with a message naming the field.
 */
@WithControlPlane
class SlaCrdValidationIT {
    static final Path EXAMPLES = Path.of("../examples/sla");
    static final Map<String, String> REFUSALS = new ConcurrentSkipListMap<>();

    static final String POLICY = """
            apiVersion: proctor.dev/v1alpha1
            kind: SLAPolicy
            metadata: {name: %s}
            spec:
              selector: {matchLabels: {proctor.dev/suite: shop}}
              objectives: [%s]
            """;
    static final String ROUTE = """
            apiVersion: proctor.dev/v1alpha1
            kind: AlertRoute
            metadata: {name: %s}
            spec:
              receivers: [%s]
            """;

    @BeforeAll
    static void install(KubernetesClient client) {
        assertThat(Crds.installAll(client, Path.of("../crds"))).extracting(c -> c.getMetadata().getName())
                .contains("slapolicies.proctor.dev", "alertroutes.proctor.dev");
    }

    @AfterAll
    static void print() {
        StringBuilder t = new StringBuilder("\n| manifest | refused with |\n|---|---|\n");
        REFUSALS.forEach((k, v) -> t.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n"));
        System.out.println(t);
    }

    @Test
    void examplesAreAccepted(KubernetesClient client) throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (HasMetadata o : client.load(Files.newInputStream(f)).items()) {
                    client.resource(o).create();
                }
            }
        }
        assertThat(client.genericKubernetesResources("proctor.dev/v1alpha1", "AlertRoute").list().getItems()).hasSize(3);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("passRate above 1", POLICY.formatted("p1", "{passRate: 1.5, window: 7d}"), "passRate"),
                Arguments.of("passRate zero", POLICY.formatted("p2", "{passRate: 0, window: 7d}"), "passRate"),
                Arguments.of("two measures", POLICY.formatted("p3", "{passRate: 0.9, flakyRate: 0.1, window: 7d}"), "exactly one of passRate"),
                Arguments.of("no window", POLICY.formatted("p4", "{passRate: 0.9}"), "exactly one of window"),
                Arguments.of("bad duration", POLICY.formatted("p5", "{durationP95: 5 minutes, window: 7d}"), "durationP95"),
                Arguments.of("zero window", POLICY.formatted("p6", "{passRate: 0.9, window: 0s}"), "window must be positive"),
                Arguments.of("no selector", """
                        apiVersion: proctor.dev/v1alpha1
                        kind: SLAPolicy
                        metadata: {name: p7}
                        spec: {objectives: [{passRate: 0.9, window: 7d}]}
                        """, "selector"),
                Arguments.of("empty selector", """
                        apiVersion: proctor.dev/v1alpha1
                        kind: SLAPolicy
                        metadata: {name: p8}
                        spec: {selector: {}, objectives: [{passRate: 0.9, window: 7d}]}
                        """, "selector"),
                Arguments.of("bad enforcement", POLICY.formatted("p9", "{passRate: 0.9, window: 7d}") + "  enforcement: Block\n", "enforcement"),
                Arguments.of("two receiver types", ROUTE.formatted("r1",
                        "{name: a, slack: {urlSecretKeyRef: {name: s, key: k}}, event: {}}"), "exactly one of slack"),
                Arguments.of("no receiver type", ROUTE.formatted("r2", "{name: a}"), "exactly one of slack"),
                Arguments.of("plain url", ROUTE.formatted("r3", "{name: a, slack: {url: 'https://x.example.invalid'}}"), "urlSecretKeyRef"),
                Arguments.of("duplicate receivers", ROUTE.formatted("r4", "{name: a, event: {}}, {name: a, event: {}}"), "unique"),
                Arguments.of("bad matcher op", ROUTE.formatted("r5", "{name: a, event: {}}") + "  match: {matchers: [{name: suite, op: '~', value: x}]}\n", "op"),
                Arguments.of("bad groupWait", ROUTE.formatted("r6", "{name: a, event: {}}") + "  grouping: {groupWait: soon}\n", "groupWait"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refused(String name, String yaml, String expected, KubernetesClient client) {
        GenericKubernetesResource r = Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                GenericKubernetesResource.class);
        assertThatThrownBy(() -> client.resource(r).create()).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(422);
            assertThat(e.getMessage()).contains(expected);
            REFUSALS.put(name, e.getStatus() == null ? e.getMessage() : String.join("; ",
                    e.getStatus().getDetails().getCauses().stream().map(c -> c.getField() + ": " + c.getMessage()).toList()));
        });
    }

}
