package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.AttemptState;
import dev.proctor.core.run.ShardState;
import dev.proctor.core.run.SuiteHistory;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.testing.FakeKubelet;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs of one suite finishing together all reach its history: a conflicting write re-reads and re-folds. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SuiteHistoriesTest {
    private static final String NS = "histories";
    private static final int RUNS = 24;

    @Inject
    KubernetesClient client;
    @Inject
    SuiteHistories histories;

    @Test
    void runsFinishingTogetherAreAllFoldedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> folds = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            TestSuiteRun run = run("together-" + i);
            List<ShardState> shards = List.of(new ShardState(0, 0, AttemptState.Succeeded, true,
                    FakeKubelet.passed(1, "t.Class" + i), "Succeeded", null, null, null, null));
            folds.add(pool.submit(() -> histories.fold(run, shards)));
        }
        for (Future<?> fold : folds) fold.get(60, TimeUnit.SECONDS); // none may fail on a conflict
        pool.shutdown();

        SuiteHistory history = histories.read(NS, "shop-together").value();
        assertThat(history.runs()).as("every run folded exactly once").isEqualTo(RUNS);
        assertThat(history.durations()).hasSize(RUNS);
    }

    private static TestSuiteRun run(String name) {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run(name, "shop-together", 1, null);
        run.setMetadata(new ObjectMetaBuilder(run.getMetadata()).withNamespace(NS).withUid("uid-" + name).build());
        return run;
    }
}
