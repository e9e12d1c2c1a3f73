package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.plan.RunnerContract;
import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.ArtifactsStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.executor.PodScript;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A namespace's default artifact store (ConfigMap {@code proctor-artifact-store}) on the real control plane: runs that
 * set no store of their own upload there, every attempt to the store read when the run started; a default the API
 * server could not validate is named in the run's ArtifactsStored condition and a Warning Event, and the run goes on
 * without a store.
 */
@WithControlPlane(namespacePer = WithControlPlane.Scope.METHOD)
class NamespaceStoreIT {
    private static final String STORE = """
            endpoint: http://seaweedfs.storage:8333
            bucket: team-artifacts
            prefix: nightly
            pathStyle: true
            credentialsSecret:
              name: store-keys
              secretAccessKeyKey: secret
            """;

    private static ProctorStack stack;

    @BeforeAll
    static void startOperator() {
        stack = ProctorStack.get();
    }

    @Test
    void aRunWithoutItsOwnStoreUploadsToTheNamespaceDefault(KubernetesClient client, TestNamespace ns) {
        defaultStore(client, STORE);
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("store-keys").endMetadata()
                .withStringData(Map.of("accessKeyId", "id", "secret", "key")).build()).create();
        // shard 0's first attempt changes the default, then is evicted: its retry still goes to the store read at the start
        stack.executor.script(ns.name(), pod -> {
            if (Runs.label(pod, ProctorNames.LABEL_SHARD) != 0 || Runs.label(pod, ProctorNames.LABEL_ATTEMPT) != 0) return PodScript.run();
            defaultStore(client, STORE.replace("team-artifacts", "changed-later"));
            return PodScript.evicted();
        });
        Runs.create(client, "defaulted", 2, Map.of(), "  retries:\n    limit: 1\n    when: [Infrastructure]\n");

        TestSuiteRun run = Runs.awaitFinished(client, "defaulted");
        assertThat(run.getStatus().artifacts.source).isEqualTo(ArtifactsStatus.SOURCE_NAMESPACE);
        assertThat(run.getStatus().artifacts.settings.bucket).isEqualTo("team-artifacts");
        assertThat(run.getStatus().artifacts.location).isEqualTo("s3://team-artifacts/nightly/" + ns.name() + "/defaulted/");
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Succeeded);
        assertThat(client.configMaps().withName(ProctorNames.NAMESPACE_STORE_CONFIGMAP).get().getData().get(ProctorNames.STORE_KEY))
                .as("the default changed during the run").contains("changed-later");
        await("the reporter Job").atMost(Duration.ofSeconds(30)).until(() -> Runs.jobs(client, "defaulted").size() >= 4);
        List<Job> jobs = Runs.jobs(client, "defaulted");
        assertThat(jobs).extracting(j -> j.getMetadata().getName()).as("the shards, the retry and the reporter")
                .containsExactlyInAnyOrder("defaulted-shard-0", "defaulted-shard-0-a1", "defaulted-shard-1", "defaulted-report");
        for (Job job : jobs) {
            Map<String, EnvVar> env = env(job);
            assertThat(env.get(RunnerContract.STORE_BUCKET).getValue()).as(job.getMetadata().getName()).isEqualTo("team-artifacts");
            assertThat(env.get(RunnerContract.STORE_SECRET_ACCESS_KEY).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("secret");
            String folder = "nightly/" + ns.name() + "/defaulted/";
            assertThat(env.get(RunnerContract.STORE_KEY_PREFIX).getValue()).isEqualTo(job.getMetadata().getName().endsWith("-report")
                    ? folder : folder + "shard-" + Runs.label(job, ProctorNames.LABEL_SHARD) + "/attempt-"
                    + Runs.label(job, ProctorNames.LABEL_ATTEMPT) + "/");
        }
    }

    @Test
    void anInvalidDefaultIsNamedAndTheRunGoesOnWithoutAStore(KubernetesClient client) {
        defaultStore(client, "bucket: No_Such_Bucket\nsecretAccessKey: hunter2\n");
        Runs.create(client, "misconfigured", 1, Map.of(), "");

        TestSuiteRun run = Runs.awaitFinished(client, "misconfigured");
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Succeeded);
        assertThat(run.getStatus().artifacts).isNull();
        Condition stored = run.getStatus().conditions.stream().filter(c -> "ArtifactsStored".equals(c.getType())).findFirst().orElseThrow();
        assertThat(stored.getStatus()).isEqualTo("False");
        assertThat(stored.getReason()).isEqualTo("StoreConfigInvalid");
        assertThat(stored.getMessage()).isEqualTo("ConfigMap proctor-artifact-store, key store.yaml: unknown field \"secretAccessKey\"");
        Runs.awaitWarning(client, "misconfigured", "ArtifactStoreInvalid", "proctor-artifact-store", Duration.ofSeconds(30));
        assertThat(env(Runs.jobs(client, "misconfigured").get(0))).doesNotContainKey(RunnerContract.STORE_BUCKET);
        assertThat(client.v1().events().withField("involvedObject.name", "misconfigured").list().getItems())
                .noneMatch(e -> e.getMessage().contains("hunter2"));
    }

    private static void defaultStore(KubernetesClient client, String yaml) {
        client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName(ProctorNames.NAMESPACE_STORE_CONFIGMAP)
                .endMetadata().withData(Map.of(ProctorNames.STORE_KEY, yaml)).build()).serverSideApply();
    }

    private static Map<String, EnvVar> env(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e));
    }
}
