package dev.proctor.core.run;

import dev.proctor.core.result.ShardSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Shard outcomes → one run verdict.
 *
 * <p>A shard that did not finish its work (runner or infrastructure error) makes the run an Error even when other
 * shards found failing tests: part of the selection never ran, so "Failed" would claim more than is known.
 */
public final class VerdictMerger {
    public static final int DEFAULT_MAX_FAILED_NAMES = 50;
    /** Error shards named in the message; the rest are counted, so the message stays readable in a status. */
    private static final int MAX_NAMED_SHARDS = 5;
    private static final int MAX_SHARD_MESSAGE = 120;

    private VerdictMerger() {}

    /** @param outcomes one final outcome per shard (all shards finished) */
    public static RunVerdict merge(List<ShardOutcome> outcomes, int maxFailedNames) {
        if (maxFailedNames < 0) throw new IllegalArgumentException("maxFailedNames must be >= 0, was " + maxFailedNames);
        if (outcomes == null || outcomes.isEmpty()) {
            return new RunVerdict(RunPhase.Error, "NoShards", "the run has no shard outcomes",
                    new RunVerdict.Totals(0, 0, 0, 0, 0), List.of(), 0, List.of(), durations(List.of()));
        }
        List<ShardOutcome> byShard = new ArrayList<>(outcomes);
        byShard.sort(Comparator.comparingInt(ShardOutcome::shard).thenComparingInt(ShardOutcome::attempt));

        RunVerdict.Totals totals = totals(byShard);
        SortedSet<String> failed = new TreeSet<>();
        SortedSet<String> flaky = new TreeSet<>();
        int unnamedFailures = 0;
        for (ShardOutcome outcome : byShard) {
            ShardSummary summary = outcome.summary();
            if (summary == null) continue;
            failed.addAll(summary.failedTests());
            flaky.addAll(summary.flakyTests());
            if (summary.truncated()) unnamedFailures += Math.max(0, summary.failed() - summary.failedTests().size());
        }
        List<String> failedNames = failed.stream().limit(maxFailedNames).toList();
        int omitted = failed.size() - failedNames.size() + unnamedFailures;

        List<ShardOutcome> errors = byShard.stream().filter(VerdictMerger::isError).toList();
        List<ShardOutcome> testFailures = byShard.stream().filter(o -> o.kind() == ShardOutcome.Kind.TESTS_FAILED).toList();
        RunPhase phase;
        String reason;
        String message;
        if (!errors.isEmpty()) {
            phase = RunPhase.Error;
            reason = commonReason(errors);
            message = errorMessage(errors, byShard.size(), totals);
        } else if (!testFailures.isEmpty()) {
            phase = RunPhase.Failed;
            reason = "TestsFailed";
            message = totals.failed() + " of " + totals.tests() + " tests failed in " + testFailures.size() + " of "
                    + shards(byShard.size());
        } else {
            phase = RunPhase.Succeeded;
            reason = "AllTestsPassed";
            message = "all " + totals.tests() + " tests passed in " + shards(byShard.size())
                    + (totals.flaky() > 0 ? " (" + totals.flaky() + " flaky)" : "");
        }
        return new RunVerdict(phase, reason, message, totals, failedNames, omitted,
                flaky.stream().limit(maxFailedNames).toList(), durations(byShard));
    }

    private static boolean isError(ShardOutcome outcome) {
        return outcome.kind() == ShardOutcome.Kind.RUNNER_ERROR || outcome.kind() == ShardOutcome.Kind.INFRA_ERROR;
    }

    private static RunVerdict.Totals totals(List<ShardOutcome> outcomes) {
        int tests = 0, passed = 0, failed = 0, skipped = 0, flaky = 0;
        for (ShardOutcome outcome : outcomes) {
            ShardSummary summary = outcome.summary();
            if (summary == null) continue;
            tests += summary.total();
            passed += summary.passed();
            failed += summary.failed();
            skipped += summary.skipped();
            flaky += summary.flaky();
        }
        return new RunVerdict.Totals(tests, passed, failed, skipped, flaky);
    }

    /** E.g. "1 of 3 shards did not finish: shard 1: OOMKilled (container exceeded its memory limit)". */
    private static String errorMessage(List<ShardOutcome> errors, int shardCount, RunVerdict.Totals totals) {
        StringBuilder message = new StringBuilder()
                .append(errors.size()).append(" of ").append(shards(shardCount)).append(" did not finish: ");
        for (int i = 0; i < Math.min(errors.size(), MAX_NAMED_SHARDS); i++) {
            if (i > 0) message.append("; ");
            ShardOutcome error = errors.get(i);
            message.append("shard ").append(error.shard()).append(": ").append(reasonOf(error));
            if (error.message() != null && !error.message().isBlank()) {
                message.append(" (").append(abbreviate(error.message().strip())).append(')');
            }
        }
        if (errors.size() > MAX_NAMED_SHARDS) message.append("; and ").append(errors.size() - MAX_NAMED_SHARDS).append(" more");
        if (totals.failed() > 0) {
            message.append("; ").append(totals.failed()).append(" of ").append(totals.tests()).append(" tests failed");
        }
        return message.toString();
    }

    /** The error shards' reason when they all share one (OOMKilled, Evicted…), so alerts can key on it; else ShardError. */
    private static String commonReason(List<ShardOutcome> errors) {
        List<String> reasons = errors.stream().map(VerdictMerger::reasonOf).distinct().toList();
        return reasons.size() == 1 ? reasons.get(0) : "ShardError";
    }

    private static String reasonOf(ShardOutcome error) {
        if (error.reason() != null && !error.reason().isBlank()) return error.reason();
        return error.kind() == ShardOutcome.Kind.RUNNER_ERROR ? "RunnerError" : "InfrastructureError";
    }

    private static String shards(int count) {
        return count == 1 ? "1 shard" : count + " shards";
    }

    private static String abbreviate(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_SHARD_MESSAGE) return text;
        return text.substring(0, text.offsetByCodePoints(0, MAX_SHARD_MESSAGE - 3)) + "...";
    }

    /** Nearest-rank percentiles: always an observed value, no interpolation. */
    private static RunVerdict.DurationStats durations(List<ShardOutcome> outcomes) {
        long[] sorted = outcomes.stream().mapToLong(ShardOutcome::durationMillis).sorted().toArray();
        if (sorted.length == 0) return new RunVerdict.DurationStats(0, 0, 0, 0, 0);
        long sum = 0;
        for (long millis : sorted) sum += millis;
        return new RunVerdict.DurationStats(sorted[0], nearestRank(sorted, 50), nearestRank(sorted, 95),
                sorted[sorted.length - 1], sum);
    }

    private static long nearestRank(long[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
