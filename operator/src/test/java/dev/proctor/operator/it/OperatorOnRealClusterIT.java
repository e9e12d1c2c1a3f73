package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.ShardStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.executor.PodScript;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator against a real kube-apiserver, Job controller and garbage collector, with the local pod
 * executor as kubelet and the fake runner as the suite. Every test gets its own namespace.
 */
@WithControlPlane(namespacePer = WithControlPlane.Scope.METHOD)
class OperatorOnRealClusterIT {
    private static final String FAILING_TEST = "dev.proctor.fake.CheckoutTest#paysWithCard";
    private static final String INFRA_RETRY_ONCE = "  retries:\n    limit: 1\n    when: [Infrastructure]\n";
    private static ProctorStack stack;

    @BeforeAll
    static void startOperator() {
        stack = ProctorStack.get();
    }

    @Test
    void aThreeShardRunSucceedsAndKubectlWaitSeesItComplete(KubernetesClient client, TestNamespace ns, ControlPlane plane) {
        Runs.create(client, "green", 3, Map.of(), "");

        ControlPlane.CommandResult wait = plane.kubectl("-n", ns.name(), "wait", "tsr/green", "--for=condition=Complete", "--timeout=120s");
        assertThat(wait.exitCode()).as("kubectl wait: %s %s", wait.stdout(), wait.stderr()).isZero();

        TestSuiteRun run = Runs.get(client, "green");
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Succeeded);
        assertThat(Runs.condition(run, "Ready")).isEqualTo("True");
        assertThat(Runs.condition(run, "Failed")).isEqualTo("False");
        assertThat(run.getStatus().totals.passed).isEqualTo(9);
        assertThat(run.getStatus().shardsDone).isEqualTo("3/3");
        assertThat(run.getStatus().shards).extracting(s -> s.node).containsOnly("local-executor");
        assertThat(Runs.jobs(client, "green")).extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrder("green-shard-0", "green-shard-1", "green-shard-2");
    }

    @Test
    void aFailingTestFailsTheRunAndIsNamedInStatus(KubernetesClient client) {
        Runs.create(client, "red", 2, Map.of("PROCTOR_FAKE_FAIL", FAILING_TEST), "");

        TestSuiteRun run = Runs.awaitFinished(client, "red");
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Failed);
        assertThat(Runs.condition(run, "Complete")).isEqualTo("True");
        assertThat(Runs.condition(run, "Failed")).isEqualTo("True");
        assertThat(Runs.condition(run, "Ready")).isEqualTo("False");
        assertThat(run.getStatus().failedTests).containsExactly(FAILING_TEST);
        assertThat(run.getStatus().totals.failed).isEqualTo(1);
    }

    @Test
    void deletingARunCollectsItsJobsPodsAndPlan(KubernetesClient client) {
        Runs.create(client, "doomed", 2, Map.of("PROCTOR_FAKE_MILLIS", "120000"), "");
        await("both shards running").atMost(Duration.ofSeconds(60)).until(() -> Runs.pods(client, "doomed").stream()
                .filter(p -> "Running".equals(p.getStatus().getPhase())).count() == 2);
        assertThat(client.configMaps().withName(ProctorNames.planConfigMap("doomed")).get()).isNotNull();

        client.resources(TestSuiteRun.class).withName("doomed").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

        await("Jobs, Pods and plan ConfigMap garbage-collected").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(Runs.jobs(client, "doomed")).isEmpty();
            assertThat(Runs.pods(client, "doomed")).isEmpty();
            assertThat(client.configMaps().withName(ProctorNames.planConfigMap("doomed")).get()).isNull();
        });
    }

    @Test
    void anOomKilledShardIsRetriedThenFailsTheRunWithTheReason(KubernetesClient client, TestNamespace ns) {
        stack.executor.script(ns.name(), pod -> PodScript.oomKilled());
        assertInfrastructureErrorAfterRetry(client, "oom", "OOMKilled");
    }

    @Test
    void anEvictedShardIsRetriedThenFailsTheRunWithTheReason(KubernetesClient client, TestNamespace ns) {
        stack.executor.script(ns.name(), pod -> PodScript.evicted());
        assertInfrastructureErrorAfterRetry(client, "evicted", "Evicted");
    }

    private static void assertInfrastructureErrorAfterRetry(KubernetesClient client, String name, String reason) {
        Runs.create(client, name, 1, Map.of(), INFRA_RETRY_ONCE);

        TestSuiteRun run = Runs.awaitFinished(client, name);
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Error);
        assertThat(Runs.condition(run, "Complete")).isEqualTo("True");
        ShardStatus shard = run.getStatus().shards.get(0);
        assertThat(shard.attempt).as("attempts").isEqualTo(1);
        assertThat(shard.reason).isEqualTo(reason);
        assertThat(Runs.jobs(client, name)).extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrder(name + "-shard-0", name + "-shard-0-a1");
    }

    @Test
    void anEvictionIsRetriedAndTheRetrySucceeds(KubernetesClient client, TestNamespace ns) {
        stack.executor.script(ns.name(), pod -> attempt(pod) == 0 ? PodScript.evicted() : PodScript.run());
        Runs.create(client, "evicted-once", 2, Map.of(), INFRA_RETRY_ONCE);

        TestSuiteRun run = Runs.awaitFinished(client, "evicted-once");
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Succeeded);
        assertThat(run.getStatus().shards).extracting(s -> s.attempt).containsOnly(1);
    }

    @Test
    void aStuckImagePullFailsTheAttemptAfterTheGracePeriod(KubernetesClient client, TestNamespace ns) {
        stack.executor.script(ns.name(), pod -> PodScript.imagePullBackOff());
        Runs.create(client, "stuck", 1, Map.of(), "");

        TestSuiteRun run = Runs.awaitFinished(client, "stuck");
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Error);
        assertThat(run.getStatus().shards.get(0).reason).isEqualTo("ImagePullBackOff");
    }

    @Test
    void aRunnerWithoutASummaryIsAnErrorWithAClearReason(KubernetesClient client) {
        Runs.create(client, "silent", 1, Map.of("PROCTOR_FAKE_NO_SUMMARY", "true"), "");

        TestSuiteRun run = Runs.awaitFinished(client, "silent");
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Error);
        assertThat(run.getStatus().shards.get(0).reason).isEqualTo("MissingSummary");
    }

    @Test
    void aShardJobDeletedByHandIsRetried(KubernetesClient client, TestNamespace ns) {
        // the first attempt of shard 0 runs long enough to be deleted; everything else finishes at once
        stack.executor.script(ns.name(), pod -> PodScript.run(Map.of("PROCTOR_FAKE_MILLIS",
                Runs.label(pod, ProctorNames.LABEL_SHARD) == 0 && attempt(pod) == 0 ? "120000" : "0")));
        Runs.create(client, "handsoff", 2, Map.of(), INFRA_RETRY_ONCE);
        await("shard 0 running").atMost(Duration.ofSeconds(60)).until(() -> Runs.pods(client, "handsoff").stream()
                .anyMatch(p -> p.getMetadata().getName().startsWith("handsoff-shard-0-") && "Running".equals(p.getStatus().getPhase())));

        client.batch().v1().jobs().withName("handsoff-shard-0").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

        TestSuiteRun run = Runs.awaitFinished(client, "handsoff");
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Succeeded);
        assertThat(run.getStatus().shards.get(0).attempt).isEqualTo(1);
        assertThat(Runs.jobs(client, "handsoff")).extracting(j -> j.getMetadata().getName()).contains("handsoff-shard-0-a1");
    }

    private static int attempt(Pod pod) {
        return Runs.label(pod, ProctorNames.LABEL_ATTEMPT);
    }
}
