package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.plan.RunnerContract;
import dev.proctor.core.run.JobRequest;
import dev.proctor.operator.api.v1alpha1.ArtifactStoreSpec;
import dev.proctor.operator.api.v1alpha1.ArtifactsSpec;
import dev.proctor.operator.api.v1alpha1.ArtifactsStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The namespace's default artifact store: read once at the start, checked as the CRD would, kept in the status. */
class RunStoresTest {
    private static final String VALID = """
            endpoint: http://seaweedfs.storage:8333
            bucket: team-artifacts
            prefix: nightly
            pathStyle: true
            credentialsSecret:
              name: store-keys
            """;

    @Test
    void aRunWithoutItsOwnStoreUsesTheNamespaceDefault() {
        RunStores.Store store = RunStores.atStart(ShardJobsTest.run(), configMap(VALID));

        assertThat(store.present()).isTrue();
        assertThat(store.source()).isEqualTo(ArtifactsStatus.SOURCE_NAMESPACE);
        assertThat(store.spec().bucket).isEqualTo("team-artifacts");
        Map<String, String> env = env(store);
        assertThat(env).containsEntry(RunnerContract.STORE_BUCKET, "team-artifacts")
                .containsEntry(RunnerContract.STORE_ENDPOINT, "http://seaweedfs.storage:8333")
                .containsEntry(RunnerContract.STORE_PATH_STYLE, "true");
        assertThat(env.get(RunnerContract.STORE_KEY_PREFIX)).startsWith("nightly/");
    }

    @Test
    void theRunsOwnStoreWinsOverTheNamespaceDefault() {
        TestSuiteRun run = ShardJobsTest.run();
        run.getSpec().artifacts = new ArtifactsSpec();
        run.getSpec().artifacts.store = new ArtifactStoreSpec();
        run.getSpec().artifacts.store.bucket = "own-bucket";

        RunStores.Store store = RunStores.atStart(run, configMap(VALID));

        assertThat(store.source()).isEqualTo(ArtifactsStatus.SOURCE_RUN);
        assertThat(store.spec().bucket).isEqualTo("own-bucket");
    }

    @Test
    void noConfigMapMeansNoStore() {
        RunStores.Store store = RunStores.atStart(ShardJobsTest.run(), null);
        assertThat(store.present()).isFalse();
        assertThat(store.invalid()).isNull();
        assertThat(env(store)).doesNotContainKey(RunnerContract.STORE_BUCKET);
    }

    @Test
    void anInvalidDefaultNamesItsFieldAndNeverQuotesAValue() {
        assertThat(RunStores.atStart(ShardJobsTest.run(), configMap("bucket: x\ncredentialsSecret: {name: keys}\n")).invalid())
                .isEqualTo("ConfigMap proctor-artifact-store, key store.yaml: bucket: must be 3 to 63 characters long");
        assertThat(RunStores.atStart(ShardJobsTest.run(), configMap("bucket: UPPER-case\n")).invalid())
                .contains("bucket: must match ").contains("credentialsSecret: required");
        assertThat(RunStores.atStart(ShardJobsTest.run(), configMap(VALID + "secretAccessKey: hunter2\n")).invalid())
                .isEqualTo("ConfigMap proctor-artifact-store, key store.yaml: unknown field \"secretAccessKey\"")
                .doesNotContain("hunter2");
        assertThat(RunStores.atStart(ShardJobsTest.run(), configMap("endpoint: [hunter2\n")).invalid())
                .startsWith("ConfigMap proctor-artifact-store, key store.yaml: not a YAML or JSON object").doesNotContain("hunter2");
        assertThat(RunStores.atStart(ShardJobsTest.run(), configMap(VALID.replace("nightly", "../up"))).invalid())
                .contains("prefix: must be a relative key prefix");
        assertThat(RunStores.atStart(ShardJobsTest.run(), new ConfigMapBuilder().withNewMetadata()
                .withName(ProctorNames.NAMESPACE_STORE_CONFIGMAP).endMetadata().build()).invalid())
                .isEqualTo("ConfigMap proctor-artifact-store, key store.yaml: missing or empty");
        assertThat(RunStores.atStart(ShardJobsTest.run(), configMap("bucket: x\n")).present()).isFalse();
    }

    @Test
    void aRestartedOperatorReadsTheDefaultBackFromTheStatus() {
        TestSuiteRun run = ShardJobsTest.run();
        RunStores.Store atStart = RunStores.atStart(run, configMap(VALID));
        TestSuiteRunStatus status = new TestSuiteRunStatus();
        status.artifacts = RunArtifacts.status(run, atStart, List.of());

        assertThat(status.artifacts.source).isEqualTo(ArtifactsStatus.SOURCE_NAMESPACE);
        assertThat(status.artifacts.settings.credentialsSecret.name).isEqualTo("store-keys");
        RunStores.Store recorded = RunStores.recorded(run, status);
        assertThat(recorded.spec()).isSameAs(status.artifacts.settings);
        assertThat(env(recorded)).isEqualTo(env(atStart));
        assertThat(RunStores.recorded(run, new TestSuiteRunStatus()).present()).as("started without a store").isFalse();
    }

    private static Map<String, String> env(RunStores.Store store) {
        List<EnvVar> env = ShardJobs.build(ShardJobsTest.run(), store, new JobRequest(0, 0, List.of()), ShardJobsTest.DEFAULTS)
                .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        return env.stream().collect(Collectors.toMap(EnvVar::getName,
                e -> e.getValue() != null ? e.getValue() : "secretKeyRef:" + e.getValueFrom().getSecretKeyRef().getName()));
    }

    private static ConfigMap configMap(String storeYaml) {
        return new ConfigMapBuilder().withNewMetadata().withName(ProctorNames.NAMESPACE_STORE_CONFIGMAP).endMetadata()
                .withData(Map.of(ProctorNames.STORE_KEY, storeYaml)).build();
    }
}
