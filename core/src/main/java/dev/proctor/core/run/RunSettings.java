package dev.proctor.core.run;

import java.time.Duration;

/**
 * The parts of a run's spec that the lifecycle rules need.
 *
 * @param retryLimit         how many extra attempts a shard may get (0..10)
 * @param retryInfrastructure retry shards lost to eviction, OOM, deadline, image pull, a deleted Job
 * @param retryTestFailures  retry shards whose tests failed, running only the failed tests
 * @param stuckGrace         how long a pod may wait on an image pull or its configuration before the
 *                           attempt counts as failed
 */
public record RunSettings(int shards, int parallelism, int retryLimit, boolean retryInfrastructure,
                          boolean retryTestFailures, Duration stuckGrace, int maxFailedNames) {
    public RunSettings {
        if (shards < 1) throw new IllegalArgumentException("shards must be >= 1");
        parallelism = Math.max(1, Math.min(parallelism <= 0 ? shards : parallelism, shards));
        retryLimit = Math.max(0, retryLimit);
        stuckGrace = stuckGrace == null ? Duration.ofMinutes(5) : stuckGrace;
        maxFailedNames = maxFailedNames <= 0 ? VerdictMerger.DEFAULT_MAX_FAILED_NAMES : maxFailedNames;
    }
}
