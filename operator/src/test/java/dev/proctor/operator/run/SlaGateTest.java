package dev.proctor.operator.run;

import static dev.proctor.operator.run.TestSuiteRunReconcilerTest.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.api.v1alpha1.sla.ObjectiveSpec;
import dev.proctor.operator.api.v1alpha1.sla.SLAPolicySpec;
import dev.proctor.operator.sla.SlaFixtures;
import dev.proctor.operator.testing.FakeKubelet;
import dev.proctor.operator.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SLA enforcement on the run itself: in Gate mode a run slower than the policy's duration target ends Failed
 * with reason SLAViolation (so `kubectl wait` in CI and an Argo CD hook fail); in Alert mode it stays Succeeded.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SlaGateTest {
    @Inject
    KubernetesClient client;
    @Inject
    MutableClock clock;

    private SLAPolicy durationPolicy(String name, String suite, SLAPolicySpec.Enforcement enforcement) {
        SLAPolicy policy = SlaFixtures.policy(NS, name, suite, 0.9);
        ObjectiveSpec slow = new ObjectiveSpec();
        slow.durationP95 = "5m";
        slow.window = "7d";
        policy.getSpec().objectives = List.of(slow);
        policy.getSpec().enforcement = enforcement;
        return client.resource(policy).create();
    }

    private TestSuiteRunStatus slowRun(String name, String suite) {
        FakeKubelet kubelet = new FakeKubelet(client, NS);
        client.resource(TestSuiteRunReconcilerTest.run(name, suite, 1, null)).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> kubelet.jobs(name).size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(name) != null && status(name).startTime != null);
        clock.advance(Duration.ofMinutes(7));
        kubelet.finish(name + "-shard-0", FakeKubelet.passed(3, "g.A"));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(name).phase != null && status(name).phase.isTerminal());
        return status(name);
    }

    private TestSuiteRunStatus status(String name) {
        TestSuiteRun run = client.resources(TestSuiteRun.class).inNamespace(NS).withName(name).get();
        return run == null ? null : run.getStatus();
    }

    private static Condition condition(TestSuiteRunStatus s, String type) {
        return s.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    @Test
    void gateFailsASlowRunWithSlaViolation() {
        clock.reset();
        durationPolicy("smoke-gate", "gated-suite", SLAPolicySpec.Enforcement.Gate);
        TestSuiteRunStatus done = slowRun("gated-slow", "gated-suite");
        assertThat(done.phase).isEqualTo(RunPhase.Failed);
        assertThat(done.reason).isEqualTo("SLAViolation");
        assertThat(done.message).contains("smoke-gate/durationP95: duration", "above 300s");
        assertThat(done.totals.passed).isEqualTo(3);
        assertThat(condition(done, "SLACompliant").getStatus()).isEqualTo("False");
        assertThat(condition(done, "Complete").getStatus()).isEqualTo("True");
        assertThat(condition(done, "Failed").getStatus()).isEqualTo("True");
    }

    @Test
    void alertModeLeavesTheVerdictAlone() {
        clock.reset();
        durationPolicy("smoke-alert", "alerted-suite", SLAPolicySpec.Enforcement.Alert);
        TestSuiteRunStatus done = slowRun("alerted-slow", "alerted-suite");
        assertThat(done.phase).isEqualTo(RunPhase.Succeeded);
        assertThat(condition(done, "SLACompliant")).as("no gate selects the run").isNull();
    }
}
