package dev.proctor.core.run;

import dev.proctor.core.result.ShardSummary;
import java.time.Instant;

/**
 * Where one shard stands after a decision: its latest attempt and, once known, its (combined) summary.
 *
 * @param done    true when the shard will get no further attempt: its result is final
 * @param summary the runner's summary, combined over a partial re-run of failed tests; null if none
 * @param reason  CamelCase reason (Succeeded, TestsFailed, OOMKilled, Evicted, MissingSummary…)
 */
public record ShardState(int shard, int attempt, AttemptState state, boolean done, ShardSummary summary,
                         String reason, String message, Instant startedAt, Instant finishedAt, String node) {

    public boolean isActive() {
        return !state.isFinished();
    }

    ShardState withAttempt(int nextAttempt, String why) {
        return new ShardState(shard, nextAttempt, AttemptState.Pending, false, summary, "Retrying", why, null, null, null);
    }

    ShardState finalResult() {
        return new ShardState(shard, attempt, state, true, summary, reason, message, startedAt, finishedAt, node);
    }

    ShardOutcome toOutcome() {
        ShardOutcome.Kind kind = switch (state) {
            case Succeeded -> ShardOutcome.Kind.PASSED;
            case TestsFailed -> ShardOutcome.Kind.TESTS_FAILED;
            case InfrastructureFailed -> ShardOutcome.Kind.INFRA_ERROR;
            default -> ShardOutcome.Kind.RUNNER_ERROR;
        };
        long millis = startedAt != null && finishedAt != null ? Math.max(0, finishedAt.toEpochMilli() - startedAt.toEpochMilli()) : 0;
        return new ShardOutcome(shard, attempt, kind, summary, reason, message, millis);
    }
}
