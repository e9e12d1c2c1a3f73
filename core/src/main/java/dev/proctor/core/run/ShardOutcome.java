package dev.proctor.core.run;

import dev.proctor.core.result.ShardSummary;

/**
 * The final result of one shard (its last attempt), as the operator's observer saw it.
 *
 * @param summary the decoded termination message; null when the shard produced none
 * @param reason  CamelCase reason for a non-passing shard (e.g. TestsFailed, OOMKilled, MalformedSummary)
 */
public record ShardOutcome(int shard, int attempt, Kind kind, ShardSummary summary, String reason,
                           String message, long durationMillis) {
    public enum Kind { PASSED, TESTS_FAILED, RUNNER_ERROR, INFRA_ERROR }
}
