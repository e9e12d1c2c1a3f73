package dev.proctor.core.run;

import java.util.List;
import java.util.Map;

/**
 * A suite's measured history, kept in ConfigMap {@code proctor-history-<suite>} (key {@code history.json}).
 *
 * @param durations  smoothed milliseconds by unit key (class, or class#method)
 * @param flaky      method key → how often it was flaky in the remembered runs
 * @param foldedRuns uids of the most recent runs already folded (bounded), which makes folding idempotent
 * @param runs       how many runs have been folded in total
 */
public record SuiteHistory(String schema, String suite, Map<String, Long> durations, Map<String, Integer> flaky,
                           List<String> foldedRuns, long runs) {
    public static final String SCHEMA = "v1";

    public static SuiteHistory empty(String suite) {
        return new SuiteHistory(SCHEMA, suite, Map.of(), Map.of(), List.of(), 0);
    }

    public boolean hasFolded(String runUid) {
        return foldedRuns.contains(runUid);
    }
}
