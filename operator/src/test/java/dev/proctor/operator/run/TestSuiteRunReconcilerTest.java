package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.plan.RunPlanCodec;
import dev.proctor.core.run.RunPhase;
import dev.proctor.core.run.SuiteHistoryCodec;
import dev.proctor.operator.api.v1alpha1.RetriesSpec;
import dev.proctor.operator.api.v1alpha1.RunnerSpec;
import dev.proctor.operator.api.v1alpha1.ShardingSpec;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunSpec;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.operator.testing.FakeKubelet;
import dev.proctor.operator.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against Fabric8's CRUD mock server, with {@link FakeKubelet} standing in for the Job
 * controller and kubelet. The same behaviours run on a real API server in the control-plane tests.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TestSuiteRunReconcilerTest {
    static final String NS = "proctor-test";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KubernetesClient client;
    @Inject
    MutableClock clock;
    @Inject
    MeterRegistry registry;

    FakeKubelet kubelet;

    @BeforeEach
    void setUp() {
        kubelet = new FakeKubelet(client, NS);
        clock.reset();
    }

    @Test
    void everyControllersErrorCounterExistsFromTheStart() {
        // so that Prometheus' increase() sees the first error (the ProctorReconcileErrorsRising alert)
        for (String controller : List.of("testsuiterun", "slapolicy", "alertroute")) {
            assertThat(registry.find("proctor.reconcile.errors").tag("controller", controller).counter())
                    .as("error counter of %s", controller).isNotNull();
        }
    }

    @Test
    void threeShardRunSucceedsWithOneVerdict() {
        TestSuiteRun run = apply(run("ok-three", "shop", 3, null));
        List<Job> jobs = awaitJobs("ok-three", 3);
        assertThat(jobs).extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrder("ok-three-shard-0", "ok-three-shard-1", "ok-three-shard-2");

        Job job = kubelet.job("ok-three-shard-1");
        assertThat(job.getMetadata().getLabels()).containsEntry(ProctorNames.LABEL_RUN, "ok-three")
                .containsEntry(ProctorNames.LABEL_SUITE, "shop").containsEntry(ProctorNames.LABEL_SHARD, "1");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(run.getMetadata().getUid()));
        // the run itself carries its suite's label, so `kubectl get tsr -l proctor.dev/suite=shop` finds it
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.resources(TestSuiteRun.class).inNamespace(NS)
                .withName("ok-three").get().getMetadata().getLabels()).containsEntry(ProctorNames.LABEL_SUITE, "shop"));
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getContainers().get(0).getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(pod.getContainers().get(0).getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("PROCTOR_SHARD_INDEX");
            assertThat(e.getValue()).isEqualTo("1");
        });

        ConfigMap plan = client.configMaps().inNamespace(NS).withName("ok-three-plan").get();
        assertThat(plan.getImmutable()).isTrue();
        assertThat(plan.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("ok-three"));
        RunPlan decoded = RunPlanCodec.decode(plan.getData().get(ProctorNames.PLAN_KEY));
        assertThat(decoded.shards()).isEqualTo(3);
        assertThat(decoded.suite()).isEqualTo("shop");

        kubelet.finish("ok-three-shard-0", FakeKubelet.passed(4, "a.A", "a.B"));
        kubelet.finish("ok-three-shard-1", FakeKubelet.passed(3, "a.C"));
        awaitStatus("ok-three", s -> "2/3".equals(s.shardsDone));
        assertThat(status("ok-three").phase).isEqualTo(RunPhase.Running);
        kubelet.finish("ok-three-shard-2", FakeKubelet.passed(5, "a.D"));

        TestSuiteRunStatus done = awaitStatus("ok-three", s -> s.phase == RunPhase.Succeeded);
        assertThat(done.totals.tests).isEqualTo(12);
        assertThat(done.totals.passed).isEqualTo(12);
        assertThat(done.shardsDone).isEqualTo("3/3");
        assertThat(done.completionTime).isNotNull();
        assertThat(done.duration).isNotNull();
        assertThat(condition(done, "Complete")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getObservedGeneration()).isEqualTo(run.getMetadata().getGeneration());
        });
        assertThat(condition(done, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(done, "Failed").getStatus()).isEqualTo("False");
        // success makes no Event by default (proctor.success-events; RunEventsTest covers both settings): the Events of a
        // transition go out right after its status write, so none may turn up for a while after the verdict is seen
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(eventReasons("ok-three"))
                .doesNotContain("Started", "ShardFinished", "Succeeded"));

        assertThat(registry.get("proctor.runs.finished").tag("suite", "shop").tag("phase", "Succeeded").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("proctor.runs").tag("phase", "Succeeded").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("proctor.tests").tag("suite", "shop").tag("outcome", "passed").counter().count())
                .isGreaterThanOrEqualTo(12);
        assertThat(registry.get("proctor.run.duration").summary().count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("proctor.shard.duration").summary().count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void failingShardFailsTheRunAndNamesTheTests() {
        apply(run("red", "shop", 2, null));
        awaitJobs("red", 2);
        kubelet.finish("red-shard-0", FakeKubelet.passed(3, "a.A"));
        kubelet.finish("red-shard-1", FakeKubelet.failed(4, List.of("shop.CartTest#addsItem", "shop.LoginTest#rejectsBadPassword")));

        TestSuiteRunStatus done = awaitStatus("red", s -> s.phase == RunPhase.Failed);
        assertThat(done.failedTests).containsExactly("shop.CartTest#addsItem", "shop.LoginTest#rejectsBadPassword");
        assertThat(done.totals.failed).isEqualTo(2);
        assertThat(done.reason).isEqualTo("TestsFailed");
        assertThat(condition(done, "Complete").getStatus()).isEqualTo("True");
        assertThat(condition(done, "Failed").getStatus()).isEqualTo("True");
        assertThat(condition(done, "Ready").getStatus()).isEqualTo("False");
    }

    @Test
    void missingAndMalformedSummariesAreShardErrors() {
        apply(run("bad-summary", "shop", 2, null));
        awaitJobs("bad-summary", 2);
        kubelet.terminate("bad-summary-shard-0", 1, "", "Error", null);
        kubelet.terminate("bad-summary-shard-1", 0, "{\"v\":\"v9\",\"verdict\":", "Completed", null);

        TestSuiteRunStatus done = awaitStatus("bad-summary", s -> s.phase == RunPhase.Error);
        assertThat(done.shards).extracting(s -> s.reason).containsExactly("MissingSummary", "MalformedSummary");
        assertThat(done.message).contains("shard 0", "shard 1");
        assertThat(condition(done, "Complete").getStatus()).isEqualTo("True");
    }

    @Test
    void infrastructureFailuresAreRetriedAsNewAttemptsThenError() {
        TestSuiteRun spec = run("oom", "shop", 1, null);
        spec.getSpec().retries = new RetriesSpec();
        spec.getSpec().retries.limit = 1;
        apply(spec);
        awaitJobs("oom", 1);
        kubelet.terminate("oom-shard-0", 137, "", "OOMKilled", null);

        awaitJobs("oom", 2);
        assertThat(kubelet.job("oom-shard-0-a1")).isNotNull();
        awaitStatus("oom", s -> s.shards.get(0).attempt == 1);
        kubelet.evict("oom-shard-0-a1");

        TestSuiteRunStatus done = awaitStatus("oom", s -> s.phase == RunPhase.Error);
        assertThat(done.shards.get(0).reason).isEqualTo("Evicted");
        assertThat(done.message).contains("Evicted");
        assertThat(kubelet.jobs("oom")).hasSize(2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventReasons("oom")).contains("ShardRetried", "Error"));
    }

    @Test
    void testFailuresRetryOnlyTheFailedTestsAndPassingMakesThemFlaky() {
        TestSuiteRun spec = run("flaky", "shop", 1, null);
        spec.getSpec().retries = new RetriesSpec();
        spec.getSpec().retries.limit = 2;
        spec.getSpec().retries.when = List.of(RetriesSpec.On.TestFailures);
        apply(spec);
        awaitJobs("flaky", 1);
        kubelet.finish("flaky-shard-0", FakeKubelet.failed(10, List.of("shop.CheckoutTest#pays")));

        awaitJobs("flaky", 2);
        assertThat(kubelet.job("flaky-shard-0-a1").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("PROCTOR_INCLUDE");
                    assertThat(e.getValue()).isEqualTo("shop.CheckoutTest#pays");
                });
        kubelet.finish("flaky-shard-0-a1", FakeKubelet.passed(1, "shop.CheckoutTest"));

        TestSuiteRunStatus done = awaitStatus("flaky", s -> s.phase == RunPhase.Succeeded);
        assertThat(done.totals.tests).isEqualTo(10);
        assertThat(done.totals.flaky).isEqualTo(1);
        assertThat(done.totals.passed).as("flaky counts inside passed").isEqualTo(10);
        assertThat(done.totals.failed).isZero();
        assertThat(done.flakyTests).containsExactly("shop.CheckoutTest#pays");
    }

    @Test
    void parallelismStartsShardsAsSlotsFreeUp() {
        TestSuiteRun spec = run("waves", "shop", 4, 2);
        apply(spec);
        awaitJobs("waves", 2);
        TestSuiteRunStatus waiting = awaitStatus("waves", s -> s.shards != null && s.shards.size() == 4);
        assertThat(waiting.shards).extracting(s -> s.phase.name()).containsExactly("Pending", "Pending", "Waiting", "Waiting");

        kubelet.finish("waves-shard-0", FakeKubelet.passed(1, "a.A"));
        awaitJobs("waves", 3);
        assertThat(kubelet.job("waves-shard-2")).isNotNull();
        assertThat(kubelet.job("waves-shard-3")).isNull();
        kubelet.finish("waves-shard-1", FakeKubelet.passed(1, "a.B"));
        kubelet.finish("waves-shard-2", FakeKubelet.passed(1, "a.C"));
        awaitJobs("waves", 4);
        kubelet.finish("waves-shard-3", FakeKubelet.passed(1, "a.D"));
        assertThat(awaitStatus("waves", s -> s.phase == RunPhase.Succeeded).totals.tests).isEqualTo(4);
    }

    @Test
    void deadlineExceededIsAnInfrastructureError() {
        apply(run("slowpoke", "shop", 1, null));
        awaitJobs("slowpoke", 1);
        kubelet.start("slowpoke-shard-0");
        kubelet.jobCondition("slowpoke-shard-0", "Failed", "DeadlineExceeded", "Job was active longer than specified deadline");

        TestSuiteRunStatus done = awaitStatus("slowpoke", s -> s.phase == RunPhase.Error);
        assertThat(done.shards.get(0).reason).isEqualTo("DeadlineExceeded");
        assertThat(kubelet.job("slowpoke-shard-0").getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
    }

    @Test
    void podStuckOnItsImageFailsTheAttemptAfterTheGracePeriod() {
        apply(run("noimage", "shop", 1, null));
        awaitJobs("noimage", 1);
        kubelet.waitOnImage("noimage-shard-0", "Back-off pulling image");
        awaitStatus("noimage", s -> s.shards != null && "ImagePullBackOff".equals(s.shards.get(0).reason));
        assertThat(status("noimage").phase).isEqualTo(RunPhase.Pending);
        clock.advance(Duration.ofMinutes(6));
        kubelet.waitOnImage("noimage-shard-0", "Back-off pulling image (again)");

        TestSuiteRunStatus done = awaitStatus("noimage", s -> s.phase == RunPhase.Error);
        assertThat(done.shards.get(0).reason).isEqualTo("ImagePullBackOff");
        await().atMost(WAIT).until(() -> kubelet.job("noimage-shard-0") == null);
    }

    @Test
    void jobDeletedByHandIsRetriedWhenInfrastructureRetriesAreAllowed() {
        TestSuiteRun spec = run("deleted", "shop", 1, null);
        spec.getSpec().retries = new RetriesSpec();
        spec.getSpec().retries.limit = 1;
        apply(spec);
        awaitJobs("deleted", 1);
        awaitStatus("deleted", s -> s.shards != null && !s.shards.isEmpty());
        client.batch().v1().jobs().inNamespace(NS).withName("deleted-shard-0").delete();

        await().atMost(WAIT).until(() -> kubelet.job("deleted-shard-0-a1") != null);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventMessages("deleted", "ShardRetried"))
                .anySatisfy(m -> assertThat(m).contains("JobDeleted")));
        kubelet.finish("deleted-shard-0-a1", FakeKubelet.passed(2, "a.A"));
        assertThat(awaitStatus("deleted", s -> s.phase == RunPhase.Succeeded).totals.passed).isEqualTo(2);
    }

    @Test
    void historyIsFoldedOnceAndFeedsTheNextPlan() {
        apply(run("hist-1", "history-suite", 2, null));
        awaitJobs("hist-1", 2);
        kubelet.finish("hist-1-shard-0", FakeKubelet.passed(2, "h.Slow"));
        kubelet.finish("hist-1-shard-1", FakeKubelet.passed(2, "h.Fast"));
        TestSuiteRunStatus done = awaitStatus("hist-1", s -> s.phase == RunPhase.Succeeded);
        assertThat(done.historyRecorded).isTrue();

        var history = SuiteHistoryCodec.decode("history-suite", client.configMaps().inNamespace(NS)
                .withName("proctor-history-history-suite").get().getData().get(ProctorNames.HISTORY_KEY));
        assertThat(history.runs()).isEqualTo(1);
        assertThat(history.durations()).containsKeys("h.Slow", "h.Fast");

        // touching the finished run reconciles it again: nothing is folded twice
        TestSuiteRun finished = client.resources(TestSuiteRun.class).inNamespace(NS).withName("hist-1").get();
        finished.getMetadata().setAnnotations(Map.of("touched", "yes"));
        client.resource(finished).update();
        apply(run("hist-2", "history-suite", 2, null));
        awaitJobs("hist-2", 2);
        var again = SuiteHistoryCodec.decode("history-suite", client.configMaps().inNamespace(NS)
                .withName("proctor-history-history-suite").get().getData().get(ProctorNames.HISTORY_KEY));
        assertThat(again.runs()).isEqualTo(1);

        RunPlan next = RunPlanCodec.decode(client.configMaps().inNamespace(NS).withName("hist-2-plan").get()
                .getData().get(ProctorNames.PLAN_KEY));
        assertThat(next.durations()).containsKeys("h.Slow", "h.Fast");
    }

    @Test
    void finishedRunIsDeletedAfterItsTtl() {
        TestSuiteRun spec = run("short-lived", "shop", 1, null);
        spec.getSpec().ttlSecondsAfterFinished = 2L;
        apply(spec);
        awaitJobs("short-lived", 1);
        kubelet.finish("short-lived-shard-0", FakeKubelet.passed(1, "a.A"));
        awaitStatus("short-lived", s -> s.phase == RunPhase.Succeeded);
        await().atMost(WAIT).until(() ->
                client.resources(TestSuiteRun.class).inNamespace(NS).withName("short-lived").get() == null);
    }

    static TestSuiteRun run(String name, String suite, int shards, Integer parallelism) {
        TestSuiteRun run = new TestSuiteRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        TestSuiteRunSpec spec = new TestSuiteRunSpec();
        spec.suite = suite;
        spec.runner = new RunnerSpec();
        spec.runner.image = "registry.example/proctor/techshop-suite:1";
        spec.sharding = new ShardingSpec();
        spec.sharding.shards = shards;
        spec.sharding.parallelism = parallelism;
        spec.timeout = "10m";
        run.setSpec(spec);
        return run;
    }

    TestSuiteRun apply(TestSuiteRun run) {
        return client.resource(run).create();
    }

    List<Job> awaitJobs(String run, int count) {
        await().atMost(WAIT).until(() -> kubelet.jobs(run).size() >= count);
        List<Job> jobs = kubelet.jobs(run);
        assertThat(jobs).as("jobs of %s", run).hasSize(count);
        return jobs;
    }

    TestSuiteRunStatus status(String run) {
        TestSuiteRun current = client.resources(TestSuiteRun.class).inNamespace(NS).withName(run).get();
        return current == null ? null : current.getStatus();
    }

    TestSuiteRunStatus awaitStatus(String run, Predicate<TestSuiteRunStatus> condition) {
        await().atMost(WAIT).until(() -> {
            TestSuiteRunStatus s = status(run);
            return s != null && s.phase != null && condition.test(s);
        });
        return status(run);
    }

    static Condition condition(TestSuiteRunStatus status, String type) {
        return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    List<String> eventMessages(String run, String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> run.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .map(Event::getMessage).toList();
    }

    List<String> eventReasons(String run) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> run.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }
}
