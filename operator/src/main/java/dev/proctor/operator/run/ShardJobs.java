package dev.proctor.operator.run;

import dev.proctor.core.plan.RunnerContract;
import dev.proctor.core.run.JobRequest;
import dev.proctor.core.time.GoDuration;
import dev.proctor.operator.api.v1alpha1.ArtifactStoreSpec;
import dev.proctor.operator.api.v1alpha1.ArtifactsSpec;
import dev.proctor.operator.api.v1alpha1.EnvironmentSpec;
import dev.proctor.operator.api.v1alpha1.RunnerSpec;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.config.ProctorConfig;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the Job for one shard attempt as a pure function of (run, shard, attempt). Jobs are create-only:
 * Proctor never updates one; a retry is a new Job with the next attempt number.
 */
public final class ShardJobs {
    static final String PLAN_VOLUME = "plan";
    static final String ARTIFACTS_VOLUME = "artifacts";
    static final String TMP_VOLUME = "tmp";

    private ShardJobs() {}

    /**
     * Settings that come from the operator's configuration rather than the run.
     *
     * @param runnerServiceAccount service account of runs that name none (null: the namespace's default account)
     * @param runnerResources      resources of runs that set none (null: none)
     */
    public record Defaults(Duration shardTimeout, String artifactsSizeLimit, String runnerServiceAccount,
                           ResourceRequirements runnerResources) {
        public Defaults(Duration shardTimeout, String artifactsSizeLimit) {
            this(shardTimeout, artifactsSizeLimit, null, null);
        }

        public static Defaults from(ProctorConfig config) {
            ProctorConfig.Runner runner = config.runner();
            Map<String, Quantity> requests = quantities(runner.cpuRequest(), runner.memoryRequest());
            Map<String, Quantity> limits = quantities(runner.cpuLimit(), runner.memoryLimit());
            ResourceRequirements resources = requests.isEmpty() && limits.isEmpty() ? null
                    : new ResourceRequirementsBuilder().withRequests(requests.isEmpty() ? null : requests)
                    .withLimits(limits.isEmpty() ? null : limits).build();
            return new Defaults(config.defaultShardTimeout(), config.artifactsSizeLimit(),
                    runner.serviceAccountName().filter(name -> !name.isBlank()).orElse(null), resources);
        }

        private static Map<String, Quantity> quantities(Optional<String> cpu, Optional<String> memory) {
            Map<String, Quantity> map = new TreeMap<>();
            cpu.filter(v -> !v.isBlank()).ifPresent(v -> map.put("cpu", new Quantity(v.strip())));
            memory.filter(v -> !v.isBlank()).ifPresent(v -> map.put("memory", new Quantity(v.strip())));
            return map;
        }
    }

    /** The Job of one shard attempt, with the store the run's status recorded (or its own). */
    public static Job build(TestSuiteRun run, JobRequest request, Defaults defaults) {
        return build(run, RunStores.recorded(run, run.getStatus()), request, defaults);
    }

    /** The Job of one shard attempt that uploads to {@code store} when it ends (none when it is absent). */
    public static Job build(TestSuiteRun run, RunStores.Store store, JobRequest request, Defaults defaults) {
        String runName = run.getMetadata().getName();
        Map<String, String> labels = ProctorNames.shardLabels(run, request.shard(), request.attempt());
        Duration deadline = run.getSpec().timeout == null ? defaults.shardTimeout() : GoDuration.parse(run.getSpec().timeout);

        Job job = runnerJob(run, ProctorNames.jobName(runName, request.shard(), request.attempt()), labels, deadline,
                env(run, store, request), volumes(run, defaults), mounts(run, request), defaults);
        job.getMetadata().getAnnotations().put(ProctorNames.ANNOTATION_PLAN, ProctorNames.planConfigMap(runName));
        return job;
    }

    /**
     * A Job of one pod on the run's runner image, as every Job of a run is built (the shards' and the reporter's):
     * owned by the run, never retried by the Job controller, the Pod Security "restricted" profile unless the run
     * overrides it, the run's service account, scheduling and resources, and the summary in the termination message.
     */
    static Job runnerJob(TestSuiteRun run, String name, Map<String, String> labels, Duration deadline, List<EnvVar> env,
                         List<Volume> volumes, List<VolumeMount> mounts, Defaults defaults) {
        RunnerSpec runner = run.getSpec().runner;
        return new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(run.getMetadata().getNamespace())
                .withLabels(labels)
                .addToAnnotations(ProctorNames.ANNOTATION_RUN_UID, run.getMetadata().getUid())
                .withOwnerReferences(RunPlans.ownerReference(run))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0) // Proctor retries shards itself, as new attempts it can count
                .withCompletions(1)
                .withParallelism(1)
                .withActiveDeadlineSeconds(Math.max(1, deadline.toSeconds()))
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                // a service account the run names gets its token; the operator's default never does
                .withServiceAccountName(runner.serviceAccountName != null ? runner.serviceAccountName : defaults.runnerServiceAccount())
                .withAutomountServiceAccountToken(runner.serviceAccountName != null)
                .withImagePullSecrets(runner.imagePullSecrets)
                .withNodeSelector(runner.nodeSelector)
                .withTolerations(runner.tolerations)
                .withAffinity(runner.affinity)
                .withSecurityContext(runner.podSecurityContext != null ? runner.podSecurityContext : restrictedPod())
                .withVolumes(volumes)
                .withContainers(new ContainerBuilder()
                        .withName(ProctorNames.RUNNER_CONTAINER)
                        .withImage(runner.image)
                        .withImagePullPolicy(runner.imagePullPolicy == null ? null : runner.imagePullPolicy.name())
                        .withResources(runner.resources != null ? runner.resources : defaults.runnerResources())
                        .withEnv(env)
                        .withEnvFrom(runner.envFrom)
                        .withVolumeMounts(mounts)
                        .withSecurityContext(runner.securityContext != null ? runner.securityContext : restrictedContainer())
                        .withTerminationMessagePath(ProctorNames.TERMINATION_LOG)
                        .withTerminationMessagePolicy("File") // never fall back to logs: they may hold secrets
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static List<EnvVar> env(TestSuiteRun run, RunStores.Store store, JobRequest request) {
        List<EnvVar> env = new ArrayList<>();
        env.add(plain(RunnerContract.RUN, run.getMetadata().getName()));
        env.add(plain(RunnerContract.SUITE, run.getSpec().suite));
        env.add(plain(RunnerContract.SHARD_INDEX, Integer.toString(request.shard())));
        env.add(plain(RunnerContract.SHARD_COUNT, Integer.toString(RunPlans.shards(run))));
        env.add(plain(RunnerContract.ATTEMPT, Integer.toString(request.attempt())));
        env.add(plain(RunnerContract.PLAN_FILE, ProctorNames.PLAN_MOUNT + "/" + ProctorNames.PLAN_KEY));
        env.add(plain(RunnerContract.ARTIFACTS_DIR, ProctorNames.ARTIFACTS_MOUNT));
        env.add(plain(RunnerContract.TERMINATION_LOG, ProctorNames.TERMINATION_LOG));
        env.add(plain("HOME", "/tmp"));
        if (!request.include().isEmpty()) {
            env.add(plain(RunnerContract.INCLUDE, String.join(",", request.include())));
        }
        env.addAll(storeEnv(run, store, request));
        EnvironmentSpec environment = run.getSpec().environment;
        if (environment != null && environment.secrets != null) {
            for (EnvironmentSpec.SecretEnv secret : environment.secrets) {
                env.add(new EnvVarBuilder().withName(secret.name)
                        .withNewValueFrom().withSecretKeyRef(secret.secretKeyRef).endValueFrom().build());
            }
        }
        if (run.getSpec().runner.env != null) env.addAll(run.getSpec().runner.env);
        return env;
    }

    /** Default keys of the access key pair in the store's Secret. */
    public static final String DEFAULT_ACCESS_KEY_ID_KEY = "accessKeyId";
    public static final String DEFAULT_SECRET_ACCESS_KEY_KEY = "secretAccessKey";

    /** The artifact store's settings and this attempt's folder; the keys by secretKeyRef, never as values. */
    private static List<EnvVar> storeEnv(TestSuiteRun run, RunStores.Store resolved, JobRequest request) {
        if (!resolved.present()) return List.of();
        ArtifactStoreSpec store = resolved.spec();
        return storeEnv(store, ProctorNames.artifactsKeyPrefix(store.prefix, run.getMetadata().getNamespace(),
                run.getMetadata().getName(), request.shard(), request.attempt()));
    }

    /** The store's settings with {@code keyPrefix} as the folder to work in. */
    static List<EnvVar> storeEnv(ArtifactStoreSpec store, String keyPrefix) {
        List<EnvVar> env = new ArrayList<>();
        if (store.endpoint != null) env.add(plain(RunnerContract.STORE_ENDPOINT, store.endpoint));
        if (store.region != null) env.add(plain(RunnerContract.STORE_REGION, store.region));
        env.add(plain(RunnerContract.STORE_BUCKET, store.bucket));
        env.add(plain(RunnerContract.STORE_KEY_PREFIX, keyPrefix));
        env.add(plain(RunnerContract.STORE_PATH_STYLE, Boolean.toString(Boolean.TRUE.equals(store.pathStyle))));
        ArtifactStoreSpec.CredentialsSecret secret = store.credentialsSecret;
        env.add(fromSecret(RunnerContract.STORE_ACCESS_KEY_ID, secret.name,
                secret.accessKeyIdKey != null ? secret.accessKeyIdKey : DEFAULT_ACCESS_KEY_ID_KEY));
        env.add(fromSecret(RunnerContract.STORE_SECRET_ACCESS_KEY, secret.name,
                secret.secretAccessKeyKey != null ? secret.secretAccessKeyKey : DEFAULT_SECRET_ACCESS_KEY_KEY));
        return env;
    }

    private static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef(key, secret, false)
                .endValueFrom().build();
    }

    static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static List<Volume> volumes(TestSuiteRun run, Defaults defaults) {
        String runName = run.getMetadata().getName();
        ArtifactsSpec artifacts = run.getSpec().artifacts;
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName(PLAN_VOLUME)
                .withNewConfigMap().withName(ProctorNames.planConfigMap(runName)).endConfigMap().build());
        if (artifacts != null && artifacts.claimName != null) {
            volumes.add(new VolumeBuilder().withName(ARTIFACTS_VOLUME)
                    .withNewPersistentVolumeClaim().withClaimName(artifacts.claimName).endPersistentVolumeClaim().build());
        } else {
            Quantity limit = artifacts != null && artifacts.sizeLimit != null ? artifacts.sizeLimit
                    : new Quantity(defaults.artifactsSizeLimit());
            volumes.add(new VolumeBuilder().withName(ARTIFACTS_VOLUME)
                    .withNewEmptyDir().withSizeLimit(limit).endEmptyDir().build());
        }
        volumes.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
        if (run.getSpec().runner.volumes != null) volumes.addAll(run.getSpec().runner.volumes);
        return volumes;
    }

    private static List<VolumeMount> mounts(TestSuiteRun run, JobRequest request) {
        ArtifactsSpec artifacts = run.getSpec().artifacts;
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName(PLAN_VOLUME).withMountPath(ProctorNames.PLAN_MOUNT).withReadOnly(true).build());
        VolumeMountBuilder artifactsMount = new VolumeMountBuilder().withName(ARTIFACTS_VOLUME).withMountPath(ProctorNames.ARTIFACTS_MOUNT);
        if (artifacts != null && artifacts.claimName != null) {
            // a shared claim: each attempt writes under its own folder
            artifactsMount.withSubPath(ProctorNames.jobName(run.getMetadata().getName(), request.shard(), request.attempt()));
        }
        mounts.add(artifactsMount.build());
        mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build());
        if (run.getSpec().runner.volumeMounts != null) mounts.addAll(run.getSpec().runner.volumeMounts);
        return mounts;
    }

    /** The Pod Security "restricted" profile. */
    static PodSecurityContext restrictedPod() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    static SecurityContext restrictedContainer() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }
}
