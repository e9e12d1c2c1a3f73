package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.JobRequest;
import dev.proctor.core.plan.RunnerContract;
import dev.proctor.operator.api.v1alpha1.ArtifactStoreSpec;
import dev.proctor.operator.api.v1alpha1.ArtifactsSpec;
import dev.proctor.operator.api.v1alpha1.EnvironmentSpec;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.config.ProctorConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShardJobsTest {
    static final ShardJobs.Defaults DEFAULTS = new ShardJobs.Defaults(Duration.ofHours(1), "2Gi");

    static TestSuiteRun run() {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run("nightly", "shop", 4, null);
        run.getMetadata().setUid("uid-1");
        return run;
    }

    private static Map<String, EnvVar> env(Job job) {
        return runner(job).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    private static Container runner(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void firstAttemptAndRetriesHaveDeterministicNames() {
        assertThat(ShardJobs.build(run(), new JobRequest(2, 0, List.of()), DEFAULTS).getMetadata().getName())
                .isEqualTo("nightly-shard-2");
        assertThat(ShardJobs.build(run(), new JobRequest(2, 3, List.of()), DEFAULTS).getMetadata().getName())
                .isEqualTo("nightly-shard-2-a3");
    }

    @Test
    void jobCarriesShardEnvPlanMountAndNoRetriesOfItsOwn() {
        Job job = ShardJobs.build(run(), new JobRequest(1, 0, List.of()), DEFAULTS);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
        assertThat(job.getMetadata().getAnnotations()).containsEntry("proctor.dev/plan", "nightly-plan")
                .containsEntry("proctor.dev/run-uid", "uid-1");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("proctor.dev/run", "nightly").containsEntry("proctor.dev/shard", "1")
                .containsEntry("proctor.dev/attempt", "0");
        Map<String, EnvVar> env = env(job);
        assertThat(env.get("PROCTOR_SHARD_INDEX").getValue()).isEqualTo("1");
        assertThat(env.get("PROCTOR_SHARD_COUNT").getValue()).isEqualTo("4");
        assertThat(env.get("PROCTOR_PLAN_FILE").getValue()).isEqualTo("/etc/proctor/plan/plan.json");
        assertThat(env).doesNotContainKey("PROCTOR_INCLUDE");
        assertThat(runner(job).getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("artifacts");
            assertThat(v.getEmptyDir().getSizeLimit().toString()).isEqualTo("2Gi");
        });
    }

    @Test
    void defaultsToTheRestrictedPodSecurityProfileAndHonoursOverrides() {
        Job job = ShardJobs.build(run(), new JobRequest(0, 0, List.of()), DEFAULTS);
        var sc = runner(job).getSecurityContext();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(job.getSpec().getTemplate().getSpec().getSecurityContext().getSeccompProfile().getType())
                .isEqualTo("RuntimeDefault");
        assertThat(job.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();

        TestSuiteRun custom = run();
        custom.getSpec().runner.securityContext = new SecurityContextBuilder().withRunAsUser(1001L).build();
        assertThat(runner(ShardJobs.build(custom, new JobRequest(0, 0, List.of()), DEFAULTS)).getSecurityContext().getRunAsUser())
                .isEqualTo(1001L);
    }

    @Test
    void secretsArriveOnlyAsReferencesAndRetriesCarryTheirIncludeList() {
        TestSuiteRun run = run();
        run.getSpec().environment = new EnvironmentSpec();
        EnvironmentSpec.SecretEnv secret = new EnvironmentSpec.SecretEnv();
        secret.name = "SHOP_PASSWORD";
        secret.secretKeyRef = new SecretKeySelector("password", "shop-creds", false);
        run.getSpec().environment.secrets = List.of(secret);
        Job job = ShardJobs.build(run, new JobRequest(0, 1, List.of("a.B#c", "a.D#e")), DEFAULTS);
        EnvVar password = env(job).get("SHOP_PASSWORD");
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("shop-creds");
        assertThat(env(job).get("PROCTOR_INCLUDE").getValue()).isEqualTo("a.B#c,a.D#e");
    }

    @Test
    void aClaimKeepsEachAttemptsArtifactsApart() {
        TestSuiteRun run = run();
        run.getSpec().artifacts = new ArtifactsSpec();
        run.getSpec().artifacts.claimName = "artifacts";
        Job job = ShardJobs.build(run, new JobRequest(3, 1, List.of()), DEFAULTS);
        assertThat(runner(job).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/artifacts");
            assertThat(m.getSubPath()).isEqualTo("nightly-shard-3-a1");
        });
    }

    @Test
    void theOperatorsRunnerDefaultsApplyOnlyToRunsThatSetNone() {
        ShardJobs.Defaults defaults = ShardJobs.Defaults.from(config(Map.of(
                "PROCTOR_RUNNER_SERVICE_ACCOUNT_NAME", "proctor-runner",
                "PROCTOR_RUNNER_CPU_REQUEST", "500m",
                "PROCTOR_RUNNER_MEMORY_REQUEST", "1Gi",
                "PROCTOR_RUNNER_MEMORY_LIMIT", "2Gi")));

        Job job = ShardJobs.build(run(), new JobRequest(0, 0, List.of()), defaults);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("proctor-runner");
        assertThat(pod.getAutomountServiceAccountToken()).as("the default account never gets a token").isFalse();
        assertThat(runner(job).getResources().getRequests()).containsOnlyKeys("cpu", "memory");
        assertThat(runner(job).getResources().getRequests().get("cpu").toString()).isEqualTo("500m");
        assertThat(runner(job).getResources().getRequests().get("memory").toString()).isEqualTo("1Gi");
        assertThat(runner(job).getResources().getLimits()).containsOnlyKeys("memory");
        assertThat(runner(job).getResources().getLimits().get("memory").toString()).isEqualTo("2Gi");

        TestSuiteRun own = run();
        own.getSpec().runner.serviceAccountName = "suite-reader";
        own.getSpec().runner.resources = new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("4Gi")).build();
        Job ownJob = ShardJobs.build(own, new JobRequest(0, 0, List.of()), defaults);
        assertThat(ownJob.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("suite-reader");
        assertThat(ownJob.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isTrue();
        assertThat(runner(ownJob).getResources().getRequests()).as("the run's resources replace the defaults whole").isNullOrEmpty();
        assertThat(runner(ownJob).getResources().getLimits().get("memory").toString()).isEqualTo("4Gi");
    }

    @Test
    void withoutRunnerSettingsTheOperatorAddsNoServiceAccountAndNoResources() {
        ShardJobs.Defaults defaults = ShardJobs.Defaults.from(config(Map.of("PROCTOR_RUNNER_CPU_LIMIT", " ")));
        assertThat(defaults.runnerServiceAccount()).isNull();
        assertThat(defaults.runnerResources()).isNull();
        assertThat(defaults.shardTimeout()).isEqualTo(Duration.ofHours(1));
        Job job = ShardJobs.build(run(), new JobRequest(0, 0, List.of()), defaults);
        assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName()).isNull();
        assertThat(job.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(runner(job).getResources()).isNull();
    }

    /** ProctorConfig as the operator reads it from env vars (the Helm chart sets them), with Quarkus' duration format. */
    private static ProctorConfig config(Map<String, String> env) {
        return new SmallRyeConfigBuilder().withMapping(ProctorConfig.class).withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300)).build().getConfigMapping(ProctorConfig.class);
    }

    /** {@code run} in namespace qa with a store on SeaweedFS whose keys are in Secret store-keys. */
    static TestSuiteRun withStore(TestSuiteRun run, String prefix) {
        run.getMetadata().setNamespace("qa");
        run.getSpec().artifacts = new ArtifactsSpec();
        run.getSpec().artifacts.store = new ArtifactStoreSpec();
        run.getSpec().artifacts.store.endpoint = "http://seaweedfs.storage:8333";
        run.getSpec().artifacts.store.bucket = "proctor-artifacts";
        run.getSpec().artifacts.store.prefix = prefix;
        run.getSpec().artifacts.store.pathStyle = true;
        run.getSpec().artifacts.store.credentialsSecret = new ArtifactStoreSpec.CredentialsSecret();
        run.getSpec().artifacts.store.credentialsSecret.name = "store-keys";
        return run;
    }

    @Test
    void anArtifactStoreReachesTheRunnerAsSettingsAndSecretRefsWithAFolderPerAttempt() {
        TestSuiteRun run = withStore(run(), "/ci/");
        run.getSpec().artifacts.store.credentialsSecret.secretAccessKeyKey = "secret";

        Map<String, EnvVar> env = env(ShardJobs.build(run, new JobRequest(2, 1, List.of()), DEFAULTS));

        assertThat(env.get(RunnerContract.STORE_ENDPOINT).getValue()).isEqualTo("http://seaweedfs.storage:8333");
        assertThat(env.get(RunnerContract.STORE_BUCKET).getValue()).isEqualTo("proctor-artifacts");
        assertThat(env.get(RunnerContract.STORE_KEY_PREFIX).getValue()).isEqualTo("ci/qa/nightly/shard-2/attempt-1/");
        assertThat(env.get(RunnerContract.STORE_PATH_STYLE).getValue()).isEqualTo("true");
        assertThat(env).doesNotContainKey(RunnerContract.STORE_REGION);
        EnvVar id = env.get(RunnerContract.STORE_ACCESS_KEY_ID);
        EnvVar key = env.get(RunnerContract.STORE_SECRET_ACCESS_KEY);
        assertThat(id.getValue()).isNull();
        assertThat(key.getValue()).isNull();
        assertThat(id.getValueFrom().getSecretKeyRef()).isEqualTo(new SecretKeySelector("accessKeyId", "store-keys", false));
        assertThat(key.getValueFrom().getSecretKeyRef()).isEqualTo(new SecretKeySelector("secret", "store-keys", false));

        assertThat(env(ShardJobs.build(run(), new JobRequest(0, 0, List.of()), DEFAULTS)))
                .as("no store, no store env").doesNotContainKeys(RunnerContract.STORE_BUCKET, RunnerContract.STORE_ACCESS_KEY_ID);
    }
}
