package dev.proctor.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.AttemptFacts.PodFacts;
import dev.proctor.core.run.AttemptFacts.Terminated;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttemptClassifierTest {
    static final Instant T0 = RunDeciderTest.T0;
    static final Duration GRACE = Duration.ofMinutes(5);

    static ShardState classify(PodFacts pod) {
        return AttemptClassifier.classify(new AttemptFacts(0, 0, true, T0, null, null, pod), T0.plusSeconds(1), GRACE).state();
    }

    static PodFacts ended(int exit, String reason, String message, String podReason) {
        return new PodFacts("Failed", podReason, "node pressure", "n1", T0, T0, null, null,
                new Terminated(exit, reason, message, T0, T0.plusSeconds(5)));
    }

    @Test
    void oomKilledAndEvictedAreInfrastructure() {
        assertThat(classify(ended(137, "OOMKilled", "", null)).reason()).isEqualTo("OOMKilled");
        assertThat(classify(ended(137, "Error", "", "Evicted")).state()).isEqualTo(AttemptState.InfrastructureFailed);
        ShardState evicted = classify(new PodFacts("Failed", "Evicted", "The node was low on memory.", "n1", T0, T0, null, null, null));
        assertThat(evicted.state()).isEqualTo(AttemptState.InfrastructureFailed);
        assertThat(evicted.reason()).isEqualTo("Evicted");
        assertThat(evicted.message()).contains("low on memory");
    }

    private static String checkpoint() {
        ShardSummary summary = new ShardSummary(Verdict.ERROR, 317, 310, 2, 5, 0, 90_000, List.of("shop.A#b", "shop.A#c"),
                List.of(), Map.of("shop.A", 4_000L), "the runner ended while shop.Heap#grows was running", false,
                "shop.Heap#grows");
        return new String(SummaryCodec.encode(summary), StandardCharsets.UTF_8);
    }

    @Test
    void aRunnerKilledFromOutsideKeepsItsCheckpointSoCompletedTestsCount() {
        ShardState oom = classify(ended(137, "OOMKilled", checkpoint(), null));
        assertThat(oom.state()).isEqualTo(AttemptState.InfrastructureFailed);
        assertThat(oom.reason()).isEqualTo("OOMKilled");
        assertThat(oom.summary().total()).isEqualTo(317);
        assertThat(oom.summary().classDurations()).containsEntry("shop.A", 4_000L);
        assertThat(oom.message()).contains("while running shop.Heap#grows (317 tests had completed)");

        ShardState killed = classify(ended(137, "Error", checkpoint(), null));
        assertThat(killed.state()).isEqualTo(AttemptState.InfrastructureFailed);
        assertThat(killed.reason()).isEqualTo("ContainerKilled");
        assertThat(killed.summary().failed()).isEqualTo(2);
        assertThat(killed.message()).isEqualTo("the runner was killed by signal 9 while running shop.Heap#grows (317 tests had completed)");

        ShardState halted = classify(ended(3, "Error", checkpoint(), null));
        assertThat(halted.state()).isEqualTo(AttemptState.RunnerError);
        assertThat(halted.summary().total()).isEqualTo(317);
        assertThat(halted.message()).contains("shop.Heap#grows");
    }

    @Test
    void aKilledRunnerWithoutSummaryIsInfrastructureAnUnreadableOneIsARunnerError() {
        assertThat(classify(ended(143, "Error", "", null)).reason()).isEqualTo("ContainerKilled");
        ShardState garbage = classify(ended(1, "Error", "Exception in thread main", null));
        assertThat(garbage.state()).isEqualTo(AttemptState.RunnerError);
        assertThat(garbage.reason()).isEqualTo("MalformedSummary");
        assertThat(garbage.message()).doesNotContain("Exception in thread main");
        assertThat(classify(ended(1, "Error", null, null)).reason()).isEqualTo("MissingSummary");
    }

    @Test
    void jobFailureWithoutPodResultUsesTheJobsReason() {
        ShardState s = AttemptClassifier.classify(new AttemptFacts(0, 0, true, T0, "DeadlineExceeded",
                "Job was active longer than specified deadline", null), T0, GRACE).state();
        assertThat(s.state()).isEqualTo(AttemptState.InfrastructureFailed);
        assertThat(s.reason()).isEqualTo("DeadlineExceeded");
    }

    @Test
    void aBadConfigurationIsARunnerErrorOnceTheGraceIsOver() {
        PodFacts pod = new PodFacts("Pending", null, null, "n1", T0, null, "CreateContainerConfigError",
                "secret \"shop-creds\" not found", null);
        var c = AttemptClassifier.classify(new AttemptFacts(0, 0, true, T0, null, null, pod), T0.plus(GRACE), GRACE);
        assertThat(c.stuck()).isTrue();
        assertThat(c.state().state()).isEqualTo(AttemptState.RunnerError);
        assertThat(c.state().message()).contains("shop-creds");
    }

    @Test
    void aCompletedJobIsNeverStillActiveEvenWhenItsPodIsNotSeen() {
        // an operator stopping empties its pod cache while a reconcile runs: the Job's own state must decide
        AttemptFacts completeNoPod = new AttemptFacts(0, 0, true, T0, null, null, true, null);
        assertThat(AttemptClassifier.stillActive(completeNoPod)).isFalse();
        assertThat(AttemptClassifier.stillActive(new AttemptFacts(0, 0, true, T0, "DeadlineExceeded", "late", false, null))).isFalse();
        assertThat(AttemptClassifier.stillActive(new AttemptFacts(0, 0, true, T0, null, null, false, null)))
                .as("a Job whose pod is not created yet").isTrue();
    }

    @Test
    void aCompletedJobWhosePodIsGoneEndsTheAttemptAsInfrastructureInsteadOfWaitingForever() {
        ShardState s = AttemptClassifier.classify(new AttemptFacts(2, 1, true, T0, null, null, true, null), T0.plusSeconds(9), GRACE).state();
        assertThat(s.state()).isEqualTo(AttemptState.InfrastructureFailed);
        assertThat(s.reason()).isEqualTo("PodGone");
        assertThat(s.finishedAt()).isEqualTo(T0.plusSeconds(9));
        PodFacts stillRunning = new PodFacts("Running", null, null, "n1", T0, T0, null, null, null);
        assertThat(AttemptClassifier.classify(new AttemptFacts(2, 1, true, T0, null, null, true, stillRunning), T0, GRACE)
                .state().state()).as("a pod cache behind the Job cache").isEqualTo(AttemptState.Running);
    }

    @Test
    void anImageThatMayNotBePulledEndsTheAttemptAtOnceAsARunnerError() {
        PodFacts never = new PodFacts("Pending", null, null, "n1", T0, null, "ErrImageNeverPull",
                "Container image \"shop:1\" is not present with pull policy of Never", null);
        AttemptClassifier.Classified c = AttemptClassifier.classify(new AttemptFacts(0, 0, true, T0, null, null, never),
                T0.plusSeconds(1), GRACE);
        assertThat(c.state().state()).as("no grace: it cannot end otherwise, and a retry would get the same").isEqualTo(AttemptState.RunnerError);
        assertThat(c.state().reason()).isEqualTo("ErrImageNeverPull");
        assertThat(c.state().message()).contains("pull policy of Never");
        assertThat(c.stuck()).as("its Job is stopped once recorded").isTrue();
        PodFacts slow = new PodFacts("Pending", null, null, "n1", T0, null, "ImagePullBackOff", "Back-off pulling", null);
        assertThat(AttemptClassifier.classify(new AttemptFacts(0, 0, true, T0, null, null, slow), T0.plusSeconds(1), GRACE)
                .state().state()).as("a slow pull gets its grace").isEqualTo(AttemptState.Pending);
    }
}
