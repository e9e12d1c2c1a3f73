package dev.proctor.operator.run;

import static dev.proctor.operator.run.TestSuiteRunReconcilerTest.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.config.ProctorConfig;
import dev.proctor.operator.config.Stopping;
import dev.proctor.operator.status.StatusWriters;
import dev.proctor.operator.metrics.RunMetrics;
import dev.proctor.operator.sla.SlaGates;
import dev.proctor.operator.testing.ClusterContext;
import dev.proctor.operator.testing.FakeKubelet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restarted operator is a new reconciler over the same cluster, possibly with a status that was never
 * written (a crash right after creating Jobs). It must never create a shard's Job twice.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RestartSafetyTest {
    @Inject
    KubernetesClient client;
    @Inject
    ProctorConfig config;
    @Inject
    Clock clock;
    @Inject
    RunMetrics metrics;
    @Inject
    RunEvents events;
    @Inject
    SuiteHistories histories;
    @Inject
    SlaGates gates;
    @Inject
    StatusWriters statusWriters;

    @Test
    void freshReconcilersOnTheSameStateCreateNoSecondJob() throws Exception {
        FakeKubelet kubelet = new FakeKubelet(client, NS);
        client.resource(TestSuiteRunReconcilerTest.run("restart", "shop", 3, null)).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> kubelet.jobs("restart").size() == 3);
        kubelet.finish("restart-shard-0", FakeKubelet.passed(2, "r.A"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "1/3".equals(current().getStatus().shardsDone));

        List<String> before = jobNames(kubelet);
        for (int restart = 0; restart < 10; restart++) {
            TestSuiteRun seen = current();
            if (restart % 2 == 1) seen.setStatus(null); // the status write was lost in the crash
            var fresh = new TestSuiteRunReconciler(client, config, clock, metrics, events, histories, gates, new Stopping(), statusWriters);
            fresh.reconcile(seen, new ClusterContext(client, seen));
            assertThat(jobNames(kubelet)).as("jobs after restart %d", restart).isEqualTo(before);
        }

        kubelet.finish("restart-shard-1", FakeKubelet.passed(2, "r.B"));
        kubelet.finish("restart-shard-2", FakeKubelet.passed(2, "r.C"));
        await().atMost(Duration.ofSeconds(20)).until(() -> current().getStatus().phase == RunPhase.Succeeded);
        assertThat(current().getStatus().totals.passed).isEqualTo(6);
        assertThat(jobNames(kubelet)).isEqualTo(before);
    }

    private TestSuiteRun current() {
        return client.resources(TestSuiteRun.class).inNamespace(NS).withName("restart").get();
    }

    private static List<String> jobNames(FakeKubelet kubelet) {
        return kubelet.jobs("restart").stream().map(Job::getMetadata).map(m -> m.getName()).sorted().toList();
    }
}
