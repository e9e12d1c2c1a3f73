package dev.proctor.core.run;

import java.util.List;

/**
 * One merged verdict for a run.
 *
 * @param failedTests  method keys, sorted, at most the bound given to the merger
 * @param failedTestsOmitted how many failed tests were left out of {@code failedTests}
 */
public record RunVerdict(RunPhase phase, String reason, String message, Totals totals,
                         List<String> failedTests, int failedTestsOmitted, List<String> flakyTests,
                         DurationStats shardDurations) {

    public record Totals(int tests, int passed, int failed, int skipped, int flaky) {}

    /** Shard wall-clock durations in milliseconds. */
    public record DurationStats(long min, long p50, long p95, long max, long sum) {}
}
