package dev.proctor.operator.api.v1alpha1.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.JobRequest;
import dev.proctor.operator.api.v1alpha1.ArtifactsSpec;
import dev.proctor.operator.api.v1alpha1.RunnerSpec;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunSpec;
import dev.proctor.operator.run.ShardJobs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRD refuses a run that declares what the operator puts into every shard pod itself. Those reserved lists are
 * CEL literals; this checks them against the Job ShardJobs really builds, so a volume, mount or env var the
 * operator adds later cannot be missing from them.
 */
class ReservedNamesTest {
    @ParameterizedTest(name = "artifacts on a claim: {0}")
    @ValueSource(booleans = {false, true})
    void everythingTheOperatorAddsToAShardPodIsReserved(boolean claim) {
        PodSpec pod = ShardJobs.build(run(claim), new JobRequest(1, 2, List.of("a.B#c")),
                new ShardJobs.Defaults(Duration.ofMinutes(5), "1Gi")).getSpec().getTemplate().getSpec();
        Container runner = pod.getContainers().get(0);

        assertThat(pod.getContainers()).hasSize(1);
        assertThat(runner.getName()).isEqualTo(Reserved.CONTAINER);
        assertThat(pod.getVolumes()).extracting(Volume::getName)
                .allSatisfy(name -> assertThat(Reserved.VOLUMES).contains("'" + name + "'"));
        assertThat(runner.getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .allSatisfy(path -> assertThat(Reserved.MOUNT_PATHS).contains("'" + path + "'"));
        assertThat(Reserved.MOUNT_PATHS).contains("'" + runner.getTerminationMessagePath() + "'");
        assertThat(runner.getEnv()).extracting(EnvVar::getName).isNotEmpty()
                .allSatisfy(name -> assertThat(Reserved.ENV).contains("'" + name + "'"));
    }

    private static TestSuiteRun run(boolean claim) {
        TestSuiteRun run = new TestSuiteRun();
        run.setMetadata(new ObjectMetaBuilder().withName("nightly").withNamespace("shop").withUid("uid-1").build());
        TestSuiteRunSpec spec = new TestSuiteRunSpec();
        spec.suite = "shop";
        spec.runner = new RunnerSpec();
        spec.runner.image = "registry.example/proctor/techshop-suite:1";
        if (claim) {
            spec.artifacts = new ArtifactsSpec();
            spec.artifacts.claimName = "artifacts";
        }
        run.setSpec(spec);
        return run;
    }
}
