package dev.proctor.core.result;

import java.util.List;
import java.util.Map;

/**
 * The runner's compact report, carried in the pod's termination message (at most 4096 bytes, see
 * {@link SummaryCodec}). Test ids are method keys ("class#method"). {@code total = passed + failed + skipped};
 * flaky tests (failed, then passed on a retry) are counted inside {@code passed} and listed in {@code flakyTests}.
 *
 * @param classDurations milliseconds spent per unit key (class, or class#method), for the history fold
 * @param error          runner error text when {@code verdict == ERROR}, else null
 * @param truncated      true when the encoder dropped detail to fit
 */
public record ShardSummary(Verdict verdict, int total, int passed, int failed, int skipped, int flaky,
                           long durationMillis, List<String> failedTests, List<String> flakyTests,
                           Map<String, Long> classDurations, String error, boolean truncated) {
    public ShardSummary {
        failedTests = failedTests == null ? List.of() : List.copyOf(failedTests);
        flakyTests = flakyTests == null ? List.of() : List.copyOf(flakyTests);
        classDurations = classDurations == null ? Map.of() : Map.copyOf(classDurations);
    }

    public static ShardSummary error(String message) {
        return new ShardSummary(Verdict.ERROR, 0, 0, 0, 0, 0, 0, List.of(), List.of(), Map.of(), message, false);
    }
}
