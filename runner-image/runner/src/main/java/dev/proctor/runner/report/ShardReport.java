package dev.proctor.runner.report;

import dev.proctor.core.mask.Masker;
import dev.proctor.core.plan.Granularity;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.Verdict;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one shard did: the results of the tests it ran, or the runner error that stopped it.
 *
 * @param error null unless the runner could not do its job (bad plan, nothing matched, an engine failed)
 */
public record ShardReport(List<TestResult> results, long durationMillis, String error) {
    public ShardReport {
        results = List.copyOf(results);
    }

    public static ShardReport error(String message, long durationMillis) {
        return new ShardReport(List.of(), durationMillis, message);
    }

    public Verdict verdict() {
        if (error != null) return Verdict.ERROR;
        return count(TestResult.Status.FAILED) > 0 ? Verdict.FAILED : Verdict.PASSED;
    }

    public int count(TestResult.Status status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }

    /**
     * The termination-message summary. Flaky tests count as passed (and are listed as flaky); durations are keyed
     * by the plan's unit key so the operator can fold them into the history without knowing the tests. A report
     * with an error still counts the tests that completed before it (a crash mid-shard keeps them).
     */
    public ShardSummary toSummary(Granularity granularity, Masker masker) {
        Map<String, Long> durations = new TreeMap<>();
        for (TestResult result : results) {
            if (result.status() != TestResult.Status.SKIPPED) {
                durations.merge(masker.mask(result.id().unitKey(granularity)), result.plannedMillis(), Long::sum);
            }
        }
        int flaky = count(TestResult.Status.FLAKY);
        return new ShardSummary(verdict(), results.size(),
                count(TestResult.Status.PASSED) + flaky, count(TestResult.Status.FAILED),
                count(TestResult.Status.SKIPPED), flaky, durationMillis,
                keys(TestResult.Status.FAILED, masker), keys(TestResult.Status.FLAKY, masker), durations,
                error == null ? null : masker.mask(error), false);
    }

    private List<String> keys(TestResult.Status status, Masker masker) {
        return results.stream().filter(r -> r.status() == status)
                .map(r -> masker.mask(r.id().methodKey())).distinct().sorted().toList();
    }
}
