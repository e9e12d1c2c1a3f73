package dev.proctor.operator.it;

import static org.awaitility.Awaitility.await;

import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Creating TestSuiteRuns from YAML and reading what became of them. */
final class Runs {
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(120);

    private Runs() {}

    /**
     * A run of {@code shards} shards of the fake suite.
     *
     * @param extraSpec further spec lines, indented by two spaces (e.g. {@code "  retries:\n    limit: 1\n"})
     * @param env       env of the runner container (fake-runner knobs)
     */
    static TestSuiteRun create(KubernetesClient client, String name, int shards, Map<String, String> env, String extraSpec) {
        String envYaml = env.isEmpty() ? "" : "    env:\n" + env.entrySet().stream()
                .map(e -> "      - {name: " + e.getKey() + ", value: \"" + e.getValue() + "\"}\n").collect(Collectors.joining());
        String yaml = """
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteRun
                metadata:
                  name: %s
                spec:
                  suite: fake
                  runner:
                    image: ghcr.io/proctor-dev/fake-suite:0.1.0
                %s  sharding:
                    shards: %d
                    strategy: RoundRobin
                """.formatted(name, envYaml, shards) + extraSpec;
        TestSuiteRun run = client.getKubernetesSerialization().unmarshal(yaml, TestSuiteRun.class);
        return client.resources(TestSuiteRun.class).resource(run).create();
    }

    static TestSuiteRun get(KubernetesClient client, String name) {
        return client.resources(TestSuiteRun.class).withName(name).get();
    }

    static TestSuiteRun awaitFinished(KubernetesClient client, String name) {
        await("run " + name + " to finish").atMost(FINISH_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> phase(get(client, name)) != null && phase(get(client, name)).isTerminal());
        return get(client, name);
    }

    static RunPhase phase(TestSuiteRun run) {
        return run == null || run.getStatus() == null ? null : run.getStatus().phase;
    }

    static String condition(TestSuiteRun run, String type) {
        return run.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).map(c -> c.getStatus())
                .findFirst().orElse(null);
    }

    static List<Job> jobs(KubernetesClient client, String run) {
        return client.batch().v1().jobs().withLabel(ProctorNames.LABEL_RUN, run).list().getItems();
    }

    /** Every Job Proctor made in the client's namespace. */
    static List<Job> jobsOf(KubernetesClient client) {
        return client.batch().v1().jobs().withLabel(ProctorNames.LABEL_RUN).list().getItems();
    }

    static List<Pod> pods(KubernetesClient client, String run) {
        return client.pods().withLabel(ProctorNames.LABEL_RUN, run).list().getItems();
    }

    /** Waits for a Warning Event with {@code reason} on {@code object} whose message mentions {@code mentions}. */
    static void awaitWarning(KubernetesClient client, String object, String reason, String mentions, Duration patience) {
        await("a Warning " + reason + " Event on " + object).atMost(patience).until(() -> client.v1().events()
                .withField("involvedObject.name", object).list().getItems().stream()
                .anyMatch((io.fabric8.kubernetes.api.model.Event e) -> "Warning".equals(e.getType())
                        && reason.equals(e.getReason()) && e.getMessage().contains(mentions)));
    }

    static int label(io.fabric8.kubernetes.api.model.HasMetadata object, String key) {
        return Integer.parseInt(object.getMetadata().getLabels().get(key));
    }
}
