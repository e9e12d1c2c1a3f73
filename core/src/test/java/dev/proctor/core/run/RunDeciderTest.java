package dev.proctor.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import dev.proctor.core.run.AttemptFacts.PodFacts;
import dev.proctor.core.run.AttemptFacts.Terminated;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunDeciderTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    static RunSettings settings(int shards, int parallelism, int retries, boolean infra, boolean tests) {
        return new RunSettings(shards, parallelism, retries, infra, tests, Duration.ofMinutes(5), 50);
    }

    static ShardSummary passed(int n) {
        return new ShardSummary(Verdict.PASSED, n, n, 0, 0, 0, 1000, List.of(), List.of(), Map.of("c.A", 1000L), null, false);
    }

    static ShardSummary failed(int n, String... tests) {
        return new ShardSummary(Verdict.FAILED, n, n - tests.length, tests.length, 0, 0, 1000, List.of(tests), List.of(),
                Map.of(), null, false);
    }

    static AttemptFacts running(int shard, int attempt) {
        return new AttemptFacts(shard, attempt, true, T0, null, null,
                new PodFacts("Running", null, null, "n1", T0, T0, null, null, null));
    }

    static AttemptFacts finished(int shard, int attempt, ShardSummary summary) {
        String message = new String(SummaryCodec.encode(summary), StandardCharsets.UTF_8);
        return terminated(shard, attempt, summary.verdict().exitCode(), "Completed", message);
    }

    static AttemptFacts terminated(int shard, int attempt, int exit, String reason, String message) {
        return new AttemptFacts(shard, attempt, true, T0, null, null, new PodFacts(exit == 0 ? "Succeeded" : "Failed", null,
                null, "n1", T0, T0, null, null, new Terminated(exit, reason, message, T0, T0.plusSeconds(60))));
    }

    @Test
    void newRunCreatesEveryShardUpToParallelism() {
        Decision d = RunDecider.decide(settings(5, 2, 0, true, false), List.of(), List.of(), T0);
        assertThat(d.toCreate()).extracting(JobRequest::shard).containsExactly(0, 1);
        assertThat(d.shards()).extracting(ShardState::state).containsExactly(AttemptState.Pending, AttemptState.Pending,
                AttemptState.Waiting, AttemptState.Waiting, AttemptState.Waiting);
        assertThat(d.phase()).isEqualTo(RunPhase.Pending);
        assertThat(d.verdict()).isNull();
    }

    @Test
    void decidingTwiceOnTheSameFactsCreatesNothingTwice() {
        RunSettings s = settings(3, 3, 0, true, false);
        Decision first = RunDecider.decide(s, List.of(), List.of(), T0);
        List<AttemptFacts> facts = List.of(running(0, 0), running(1, 0), running(2, 0));
        Decision second = RunDecider.decide(s, first.shards(), facts, T0.plusSeconds(5));
        assertThat(second.toCreate()).isEmpty();
        assertThat(second.phase()).isEqualTo(RunPhase.Running);
        // a lost status (no previous states) but Jobs present: still nothing to create
        assertThat(RunDecider.decide(s, List.of(), facts, T0.plusSeconds(5)).toCreate()).isEmpty();
    }

    @Test
    void aFreedSlotStartsTheNextWaitingShard() {
        RunSettings s = settings(3, 2, 0, true, false);
        Decision first = RunDecider.decide(s, List.of(), List.of(), T0);
        Decision next = RunDecider.decide(s, first.shards(), List.of(finished(0, 0, passed(2)), running(1, 0)), T0);
        assertThat(next.toCreate()).containsExactly(new JobRequest(2, 0, List.of()));
    }

    @Test
    void allShardsDoneMergesOneVerdict() {
        RunSettings s = settings(2, 2, 0, true, false);
        Decision d = RunDecider.decide(s, List.of(), List.of(finished(0, 0, passed(3)),
                finished(1, 0, failed(4, "c.B#x"))), T0);
        assertThat(d.phase()).isEqualTo(RunPhase.Failed);
        assertThat(d.verdict().totals().tests()).isEqualTo(7);
        assertThat(d.verdict().failedTests()).containsExactly("c.B#x");
        assertThat(d.shards()).allMatch(ShardState::done);
    }

    @Test
    void infrastructureFailureIsRetriedThenBecomesError() {
        RunSettings s = settings(1, 1, 1, true, false);
        AttemptFacts oom = terminated(0, 0, 137, "OOMKilled", "");
        Decision retry = RunDecider.decide(s, List.of(), List.of(oom), T0);
        assertThat(retry.toCreate()).containsExactly(new JobRequest(0, 1, List.of()));
        assertThat(retry.shards().get(0).attempt()).isEqualTo(1);
        assertThat(retry.shards().get(0).message()).contains("OOMKilled");

        Decision last = RunDecider.decide(s, retry.shards(), List.of(oom, terminated(0, 1, 137, "OOMKilled", "")), T0);
        assertThat(last.toCreate()).isEmpty();
        assertThat(last.phase()).isEqualTo(RunPhase.Error);
        assertThat(last.verdict().message()).contains("OOMKilled");
    }

    @Test
    void runnerErrorsAreNotRetried() {
        RunSettings s = settings(1, 1, 3, true, true);
        Decision d = RunDecider.decide(s, List.of(), List.of(terminated(0, 0, 2, "Error", "")), T0);
        assertThat(d.toCreate()).isEmpty();
        assertThat(d.phase()).isEqualTo(RunPhase.Error);
        assertThat(d.shards().get(0).reason()).isEqualTo("MissingSummary");
    }

    @Test
    void failedTestsAreRerunAloneAndPassingMakesThemFlaky() {
        RunSettings s = settings(1, 1, 1, false, true);
        AttemptFacts red = finished(0, 0, failed(10, "c.A#one", "c.B#two"));
        Decision retry = RunDecider.decide(s, List.of(), List.of(red), T0);
        assertThat(retry.toCreate()).containsExactly(new JobRequest(0, 1, List.of("c.A#one", "c.B#two")));

        ShardSummary rerun = new ShardSummary(Verdict.FAILED, 2, 1, 1, 0, 0, 500, List.of("c.B#two"), List.of(),
                Map.of(), null, false);
        Decision done = RunDecider.decide(s, retry.shards(), List.of(red, finished(0, 1, rerun)), T0);
        RunVerdict v = done.verdict();
        assertThat(v.phase()).isEqualTo(RunPhase.Failed);
        assertThat(v.totals().tests()).isEqualTo(10);
        assertThat(v.totals().failed()).isEqualTo(1);
        assertThat(v.totals().flaky()).isEqualTo(1);
        assertThat(v.totals().passed()).as("flaky counts inside passed").isEqualTo(9);
        assertThat(v.failedTests()).containsExactly("c.B#two");
        assertThat(v.flakyTests()).containsExactly("c.A#one");
    }

    @Test
    void aReRunThatRanFewerTestsThanItWasGivenLeavesTheirFailuresStanding() {
        // seen on the real control plane: a runner that re-sharded the failed tests ran none of them and exited 0
        RunSettings s = settings(1, 1, 1, false, true);
        AttemptFacts red = finished(0, 0, failed(10, "c.A#one", "c.B#two"));
        Decision retry = RunDecider.decide(s, List.of(), List.of(red), T0);
        ShardSummary ranNothing = new ShardSummary(Verdict.PASSED, 0, 0, 0, 0, 0, 300, List.of(), List.of(), Map.of(), null, false);

        Decision done = RunDecider.decide(s, retry.shards(), List.of(red, finished(0, 1, ranNothing)), T0);
        assertThat(done.phase()).isEqualTo(RunPhase.Failed);
        assertThat(done.verdict().failedTests()).containsExactly("c.A#one", "c.B#two");
        assertThat(done.verdict().totals().failed()).isEqualTo(2);
        assertThat(done.verdict().flakyTests()).isEmpty();
        assertThat(done.shards().get(0).message()).contains("ran 0 of the 2 failed tests");
    }

    @Test
    void aTruncatedFailureListRerunsTheWholeShare() {
        RunSettings s = settings(1, 1, 1, false, true);
        ShardSummary truncated = new ShardSummary(Verdict.FAILED, 500, 100, 400, 0, 0, 1000, List.of("c.A#1"), List.of(),
                Map.of(), null, true);
        Decision retry = RunDecider.decide(s, List.of(), List.of(finished(0, 0, truncated)), T0);
        assertThat(retry.toCreate()).containsExactly(new JobRequest(0, 1, List.of()));
    }

    @Test
    void aDeletedJobIsAnInfrastructureFailureButAFinishedOnesResultStands() {
        RunSettings s = settings(2, 2, 0, true, false);
        Decision first = RunDecider.decide(s, List.of(), List.of(finished(0, 0, passed(1)), running(1, 0)), T0);
        Decision gone = RunDecider.decide(s, first.shards(), List.of(AttemptFacts.missing(1, 0)), T0);
        assertThat(gone.shards().get(0).state()).isEqualTo(AttemptState.Succeeded);
        assertThat(gone.shards().get(1).reason()).isEqualTo("JobDeleted");
        assertThat(gone.phase()).isEqualTo(RunPhase.Error);
    }

    @Test
    void aPodStuckOnItsImageFailsOnlyAfterTheGracePeriod() {
        RunSettings s = settings(1, 1, 0, true, false);
        AttemptFacts waiting = new AttemptFacts(0, 0, true, T0, null, null,
                new PodFacts("Pending", null, null, "n1", T0, null, "ImagePullBackOff", "Back-off pulling image", null));
        Decision early = RunDecider.decide(s, List.of(), List.of(waiting), T0.plusSeconds(60));
        assertThat(early.phase()).isEqualTo(RunPhase.Pending);
        assertThat(early.recheckAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(early.toDelete()).isEmpty();

        Decision late = RunDecider.decide(s, early.shards(), List.of(waiting), T0.plus(Duration.ofMinutes(5)));
        assertThat(late.phase()).isEqualTo(RunPhase.Error);
        assertThat(late.shards().get(0).reason()).isEqualTo("ImagePullBackOff");
        assertThat(late.toDelete()).as("not before the failure is recorded").isEmpty();
        assertThat(late.recheckAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(RunDecider.jobsToStop(late.shards(), List.of(waiting))).containsExactly(new JobRequest(0, 0, List.of()));
    }

    @Test
    void anOlderAttemptStillRunningIsStoppedAFinishedOneIsLeftAlone() {
        ShardState retrying = new ShardState(0, 1, AttemptState.Pending, false, null, "Retrying", null, null, null, null);
        assertThat(RunDecider.jobsToStop(List.of(retrying), List.of(running(0, 0), running(0, 1))))
                .containsExactly(new JobRequest(0, 0, List.of()));
        assertThat(RunDecider.jobsToStop(List.of(retrying), List.of(finished(0, 0, passed(1))))).isEmpty();
    }

    @Test
    void thousandShardsStayWithinParallelismAndFinish() {
        RunSettings s = settings(1000, 50, 0, true, false);
        List<ShardState> states = List.of();
        List<AttemptFacts> facts = new ArrayList<>();
        int created = 0;
        for (int round = 0; round < 100; round++) {
            Decision d = RunDecider.decide(s, states, facts, T0);
            assertThat(d.shards().stream().filter(ShardState::isActive).filter(x -> x.state() != AttemptState.Waiting))
                    .hasSizeLessThanOrEqualTo(50);
            created += d.toCreate().size();
            for (JobRequest r : d.toCreate()) facts.add(finished(r.shard(), 0, passed(1)));
            states = d.shards();
            if (d.verdict() != null) {
                assertThat(d.verdict().totals().tests()).isEqualTo(1000);
                break;
            }
        }
        assertThat(created).isEqualTo(1000);
        assertThat(RunDecider.decide(s, states, facts, T0).phase()).isEqualTo(RunPhase.Succeeded);
    }

    @Test
    void finishedShardsJobsAreNeverStoppedWhenTheirPodsAreNotInView() {
        RunSettings s = settings(3, 1, 0, true, false);
        Decision done = RunDecider.decide(s, List.of(), List.of(finished(0, 0, passed(2))), T0);
        assertThat(done.shards().get(0).done()).isTrue();
        // the pod cache was emptied (an operator stopping): the Job is still there and Complete
        AttemptFacts completeWithoutPod = new AttemptFacts(0, 0, true, T0, null, null, true, null);
        assertThat(RunDecider.jobsToStop(done.shards(), List.of(completeWithoutPod, running(1, 0)))).isEmpty();
        assertThat(RunDecider.decide(s, done.shards(), List.of(completeWithoutPod, running(1, 0)), T0.plusSeconds(1)).toDelete())
                .isEmpty();
    }

    @Test
    void aRefusedJobAbortsTheRunKeepingFinishedShardsAndStoppingTheRest() {
        RunSettings s = settings(4, 2, 1, true, true);
        List<ShardState> previous = RunDecider.decide(s, List.of(), List.of(), T0).shards();
        Decision now = RunDecider.decide(s, previous, List.of(finished(0, 0, passed(3)), running(1, 0)), T0.plusSeconds(30));
        assertThat(now.toCreate()).extracting(JobRequest::shard).containsExactly(2);

        Decision aborted = RunDecider.abort(s, now.shards(), now.toCreate(), "JobRejected",
                "the API server refused Job r-shard-2 (403 QuotaExceeded): exceeded quota", T0.plusSeconds(30));
        assertThat(aborted.phase()).isEqualTo(RunPhase.Error);
        assertThat(aborted.toCreate()).isEmpty();
        assertThat(aborted.shards()).allMatch(ShardState::done);
        assertThat(aborted.shards().get(0).state()).isEqualTo(AttemptState.Succeeded);
        assertThat(aborted.shards().get(1).reason()).isEqualTo(RunDecider.RUN_ABORTED);
        assertThat(aborted.shards().get(1).message()).startsWith("stopped:");
        assertThat(aborted.shards().get(2).message()).startsWith("not started:");
        assertThat(aborted.shards().get(3).message()).startsWith("not started:");
        assertThat(aborted.verdict().phase()).isEqualTo(RunPhase.Error);
        assertThat(aborted.verdict().reason()).isEqualTo("JobRejected");
        assertThat(aborted.verdict().message()).contains("exceeded quota");
        assertThat(aborted.verdict().totals().passed()).isEqualTo(3);
        // once recorded, the still running shard's Job is stopped, the finished one's is kept
        assertThat(RunDecider.jobsToStop(aborted.shards(), List.of(finished(0, 0, passed(3)), running(1, 0))))
                .containsExactly(new JobRequest(1, 0, List.of()));
    }

    @Test
    void aRefusedPlanAbortsARunThatHasNoShardsYet() {
        Decision aborted = RunDecider.abort(settings(2, 0, 0, true, false), List.of(), List.of(), "PlanRejected", "forbidden", T0);
        assertThat(aborted.shards()).hasSize(2).allMatch(sh -> sh.done() && RunDecider.RUN_ABORTED.equals(sh.reason()));
        assertThat(aborted.verdict().reason()).isEqualTo("PlanRejected");
    }
}
