package dev.proctor.operator.run;

import dev.proctor.core.run.Decision;
import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.ShardStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Coalesces a running run's progress into at most one status write per interval, so that a run costs the API
 * server about one write per shard (its Job) plus a constant, not three per shard.
 *
 * <p>Only pure progress waits: a shard's pod started or finished while nothing was created or deleted, no attempt
 * moved and the phase stayed the same or went from Pending to Running (pods starting are progress too: the operator
 * did nothing to start them, and a run whose shards finish within the interval goes from Pending straight to its
 * verdict, one status write and its Events fewer). Everything the operator acted on — a Job created or stopped, a retry, the
 * verdict — is written at once, so a restarted operator always finds in the status what it last did (and a
 * restart merely forgets when it last wrote, which only makes the next write immediate).
 */
final class ProgressWrites {
    /** Runs being tracked at once; beyond it the oldest is forgotten (its next progress is written at once). */
    private static final int MAX_TRACKED = 10_000;

    private final Duration interval;
    private final Map<String, Instant> lastWrite = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    ProgressWrites(Duration interval) {
        this.interval = interval;
    }

    /** How long to hold {@code after} back, or empty to write it now. */
    synchronized Optional<Duration> defer(TestSuiteRun run, TestSuiteRunStatus before, TestSuiteRunStatus after,
                                          Decision decision, Instant now) {
        if (interval.isZero() || !progressOnly(before, after, decision)) return Optional.empty();
        Instant last = lastWrite.get(run.getMetadata().getUid());
        if (last == null) return Optional.empty();
        Duration wait = Duration.between(now, last.plus(interval));
        return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    synchronized void written(TestSuiteRun run, TestSuiteRunStatus after, Instant now) {
        if (after.phase != null && after.phase.isTerminal()) lastWrite.remove(run.getMetadata().getUid());
        else lastWrite.put(run.getMetadata().getUid(), now);
    }

    static boolean progressOnly(TestSuiteRunStatus before, TestSuiteRunStatus after, Decision decision) {
        if (before == null || before.phase == null || after.phase.isTerminal()) return false;
        if (before.phase != after.phase && !(before.phase == RunPhase.Pending && after.phase == RunPhase.Running)) return false;
        if (!decision.toCreate().isEmpty() || !decision.toDelete().isEmpty() || decision.verdict() != null) return false;
        if (before.shards == null || after.shards == null || before.shards.size() != after.shards.size()) return false;
        Map<Integer, ShardStatus> was = new HashMap<>();
        before.shards.forEach(shard -> was.put(shard.index, shard));
        for (ShardStatus shard : after.shards) {
            ShardStatus old = was.get(shard.index);
            if (old == null || old.attempt != shard.attempt || !Objects.equals(old.jobName, shard.jobName)) return false;
        }
        return true;
    }
}
