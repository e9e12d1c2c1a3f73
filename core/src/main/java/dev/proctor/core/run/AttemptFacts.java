package dev.proctor.core.run;

import java.time.Instant;

/**
 * What the cluster shows about one attempt of one shard, in neutral terms (no Kubernetes types), so the
 * rules that read it live here and are tested without a cluster.
 *
 * @param jobExists     false when the attempt's Job was recorded as created but is gone (deleted by hand)
 * @param jobFailure    the Job's Failed condition reason (DeadlineExceeded, BackoffLimitExceeded…) or null
 * @param jobComplete   the Job's Complete condition is True: its pod ended successfully, whatever the pod cache shows
 * @param pod           the attempt's newest pod, or null when none exists yet (or none is left)
 */
public record AttemptFacts(int shard, int attempt, boolean jobExists, Instant jobCreatedAt, String jobFailure,
                           String jobFailureMessage, boolean jobComplete, PodFacts pod) {

    /** An attempt whose Job has not (or not yet) completed. */
    public AttemptFacts(int shard, int attempt, boolean jobExists, Instant jobCreatedAt, String jobFailure,
                        String jobFailureMessage, PodFacts pod) {
        this(shard, attempt, jobExists, jobCreatedAt, jobFailure, jobFailureMessage, false, pod);
    }

    public static AttemptFacts missing(int shard, int attempt) {
        return new AttemptFacts(shard, attempt, false, null, null, null, false, null);
    }

    /** The Job has finished, either way: nothing of it runs or waits any more. */
    public boolean jobFinished() {
        return jobComplete || jobFailure != null;
    }

    /**
     * @param phase        pod phase (Pending, Running, Succeeded, Failed, Unknown)
     * @param reason       pod-level reason, e.g. Evicted
     * @param waitingReason the runner container's waiting reason (ErrImagePull, ImagePullBackOff…) or null
     * @param terminated   the runner container's terminated state, or null while it has not ended
     */
    public record PodFacts(String phase, String reason, String message, String node, Instant createdAt,
                           Instant startedAt, String waitingReason, String waitingMessage, Terminated terminated) {}

    /** @param message the container's termination message: the runner's encoded summary */
    public record Terminated(int exitCode, String reason, String message, Instant startedAt, Instant finishedAt) {}
}
