package dev.proctor.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictMergerTest {

    private static ShardSummary passed(int tests, String... flaky) {
        return new ShardSummary(Verdict.PASSED, tests, tests, 0, 0, flaky.length, 1000, List.of(), List.of(flaky),
                Map.of(), null, false);
    }

    private static ShardSummary failed(int tests, String... failed) {
        return new ShardSummary(Verdict.FAILED, tests, tests - failed.length, failed.length, 0, 0, 1000,
                List.of(failed), List.of(), Map.of(), null, false);
    }

    private static ShardOutcome outcome(int shard, ShardOutcome.Kind kind, ShardSummary summary, long millis) {
        return new ShardOutcome(shard, 0, kind, summary, kind == ShardOutcome.Kind.PASSED ? null : "TestsFailed",
                null, millis);
    }

    @Test
    void allPassedSucceeds() {
        RunVerdict verdict = VerdictMerger.merge(List.of(
                outcome(0, ShardOutcome.Kind.PASSED, passed(40, "a#flaky"), 10),
                outcome(1, ShardOutcome.Kind.PASSED, passed(80), 20)), 50);

        assertThat(verdict.phase()).isEqualTo(RunPhase.Succeeded);
        assertThat(verdict.reason()).isEqualTo("AllTestsPassed");
        assertThat(verdict.message()).isEqualTo("all 120 tests passed in 2 shards (1 flaky)");
        assertThat(verdict.totals()).isEqualTo(new RunVerdict.Totals(120, 120, 0, 0, 1));
        assertThat(verdict.failedTests()).isEmpty();
        assertThat(verdict.flakyTests()).containsExactly("a#flaky");
    }

    @Test
    void anyTestFailureFails() {
        RunVerdict verdict = VerdictMerger.merge(List.of(
                outcome(0, ShardOutcome.Kind.TESTS_FAILED, failed(40, "b#two", "a#one"), 10),
                outcome(1, ShardOutcome.Kind.PASSED, passed(40), 10),
                outcome(2, ShardOutcome.Kind.TESTS_FAILED, failed(40, "c#three"), 10)), 50);

        assertThat(verdict.phase()).isEqualTo(RunPhase.Failed);
        assertThat(verdict.reason()).isEqualTo("TestsFailed");
        assertThat(verdict.message()).isEqualTo("3 of 120 tests failed in 2 of 3 shards");
        assertThat(verdict.failedTests()).containsExactly("a#one", "b#two", "c#three");
        assertThat(verdict.failedTestsOmitted()).isZero();
    }

    @Test
    void anErrorShardMakesTheRunAnErrorEvenWithTestFailures() {
        ShardOutcome oom = new ShardOutcome(1, 2, ShardOutcome.Kind.INFRA_ERROR, null, "OOMKilled",
                "container exceeded its memory limit", 5000);
        ShardOutcome malformed = new ShardOutcome(2, 0, ShardOutcome.Kind.RUNNER_ERROR, null, null, null, 7000);

        RunVerdict verdict = VerdictMerger.merge(List.of(malformed, oom,
                outcome(0, ShardOutcome.Kind.TESTS_FAILED, failed(10, "a#one"), 10)), 50);

        assertThat(verdict.phase()).isEqualTo(RunPhase.Error);
        assertThat(verdict.reason()).as("different causes").isEqualTo("ShardError");
        assertThat(VerdictMerger.merge(List.of(oom, outcome(0, ShardOutcome.Kind.PASSED, passed(3), 10)), 50).reason())
                .as("one cause names it").isEqualTo("OOMKilled");
        assertThat(verdict.message()).isEqualTo("2 of 3 shards did not finish: "
                + "shard 1: OOMKilled (container exceeded its memory limit); shard 2: RunnerError; 1 of 10 tests failed");
        assertThat(verdict.totals()).isEqualTo(new RunVerdict.Totals(10, 9, 1, 0, 0));
    }

    @Test
    void errorMessageStaysShortWithManyBrokenShards() {
        List<ShardOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            outcomes.add(new ShardOutcome(i, 0, ShardOutcome.Kind.INFRA_ERROR, null, "Evicted", "x".repeat(1000), 1));
        }

        RunVerdict verdict = VerdictMerger.merge(outcomes, 50);

        assertThat(verdict.message()).startsWith("40 of 40 shards did not finish: shard 0: Evicted (xxx")
                .endsWith("...); and 35 more")
                .hasSizeLessThan(1000);
    }

    @Test
    void noOutcomesIsAnError() {
        RunVerdict verdict = VerdictMerger.merge(List.of(), 50);

        assertThat(verdict.phase()).isEqualTo(RunPhase.Error);
        assertThat(verdict.reason()).isEqualTo("NoShards");
        assertThat(verdict.shardDurations()).isEqualTo(new RunVerdict.DurationStats(0, 0, 0, 0, 0));
        assertThat(VerdictMerger.merge(null, 50).reason()).isEqualTo("NoShards");
    }

    @Test
    void failedNamesAreSortedDeduplicatedAndBounded() {
        RunVerdict verdict = VerdictMerger.merge(List.of(
                outcome(0, ShardOutcome.Kind.TESTS_FAILED, failed(10, "d#x", "a#x", "c#x"), 10),
                outcome(1, ShardOutcome.Kind.TESTS_FAILED, failed(10, "b#x", "a#x"), 10)), 2);

        assertThat(verdict.failedTests()).containsExactly("a#x", "b#x");
        assertThat(verdict.failedTestsOmitted()).isEqualTo(2);
    }

    @Test
    void failuresATruncatedSummaryCountedButDidNotNameAreOmitted() {
        ShardSummary truncated = new ShardSummary(Verdict.FAILED, 500, 100, 400, 0, 0, 1, List.of("a#1", "a#2"),
                List.of(), Map.of(), null, true);

        RunVerdict verdict = VerdictMerger.merge(List.of(outcome(0, ShardOutcome.Kind.TESTS_FAILED, truncated, 1)), 50);

        assertThat(verdict.failedTests()).containsExactly("a#1", "a#2");
        assertThat(verdict.failedTestsOmitted()).isEqualTo(398);
    }

    @Test
    void flakyNamesAreSortedDeduplicatedAndBounded() {
        RunVerdict verdict = VerdictMerger.merge(List.of(
                outcome(0, ShardOutcome.Kind.PASSED, passed(10, "c#x", "a#x"), 10),
                outcome(1, ShardOutcome.Kind.PASSED, passed(10, "b#x", "a#x"), 10)), 2);

        assertThat(verdict.flakyTests()).containsExactly("a#x", "b#x");
    }

    @Test
    void durationStatsUseNearestRank() {
        List<ShardOutcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= 20; i++) outcomes.add(outcome(i - 1, ShardOutcome.Kind.PASSED, passed(1), i * 100L));

        RunVerdict.DurationStats stats = VerdictMerger.merge(outcomes, 50).shardDurations();

        // p50: rank ceil(0.5 * 20) = 10 → 1000; p95: rank ceil(0.95 * 20) = 19 → 1900.
        assertThat(stats).isEqualTo(new RunVerdict.DurationStats(100, 1000, 1900, 2000, 21_000));
    }

    @Test
    void singleShardStats() {
        RunVerdict verdict = VerdictMerger.merge(List.of(outcome(0, ShardOutcome.Kind.PASSED, passed(3), 42)), 50);

        assertThat(verdict.shardDurations()).isEqualTo(new RunVerdict.DurationStats(42, 42, 42, 42, 42));
        assertThat(verdict.message()).isEqualTo("all 3 tests passed in 1 shard");
    }

    @Test
    void outcomesWithoutSummaryContributeNoCounts() {
        ShardOutcome noSummary = new ShardOutcome(1, 0, ShardOutcome.Kind.INFRA_ERROR, null, "ImagePullBackOff", "", 0);

        RunVerdict verdict = VerdictMerger.merge(List.of(outcome(0, ShardOutcome.Kind.PASSED, passed(5), 10), noSummary), 50);

        assertThat(verdict.totals()).isEqualTo(new RunVerdict.Totals(5, 5, 0, 0, 0));
        assertThat(verdict.message()).isEqualTo("1 of 2 shards did not finish: shard 1: ImagePullBackOff");
    }

    @Test
    void refusesANegativeBound() {
        assertThatThrownBy(() -> VerdictMerger.merge(List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
