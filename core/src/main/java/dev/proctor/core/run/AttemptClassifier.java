package dev.proctor.core.run;

import dev.proctor.core.result.DecodeResult;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.run.AttemptFacts.PodFacts;
import dev.proctor.core.run.AttemptFacts.Terminated;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Turns what the cluster shows about one attempt into an {@link AttemptState} with a reason. The runner's
 * termination message is the only source of test results; anything else that ends a pod is either an
 * infrastructure failure (worth a retry) or a runner error (a retry would fail the same way).
 */
public final class AttemptClassifier {
    static final Set<String> IMAGE_PULL_WAITS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");
    static final Set<String> CONFIG_WAITS = Set.of("CreateContainerConfigError", "CreateContainerError");
    /**
     * Waits that cannot end: the image is not on the node and may not be pulled ({@code imagePullPolicy: Never}), or its
     * name cannot be parsed. Waiting out the stuck-pod grace would only delay the same answer, and a retry gets it too.
     */
    static final Set<String> HOPELESS_WAITS = Set.of("ErrImageNeverPull", "InvalidImageName");
    private static final int SIGNAL_EXIT_BASE = 128;

    private AttemptClassifier() {}

    /**
     * The classified attempt. {@code stuck} marks an attempt that failed while its pod still waits: its Job
     * is still active and must be stopped once the failure is recorded.
     */
    public record Classified(ShardState state, boolean stuck, Instant stuckDeadline) {}

    /**
     * True while the attempt's Job still runs or waits: the Job has not finished (a Complete or Failed Job never
     * is active, whatever the pod cache shows or lacks), and its pod has neither terminated nor failed.
     */
    public static boolean stillActive(AttemptFacts facts) {
        if (!facts.jobExists() || facts.jobFinished()) return false;
        PodFacts pod = facts.pod();
        return pod == null || pod.terminated() == null && !"Failed".equals(pod.phase()) && !"Succeeded".equals(pod.phase());
    }

    public static Classified classify(AttemptFacts facts, Instant now, Duration stuckGrace) {
        int shard = facts.shard();
        int attempt = facts.attempt();
        if (!facts.jobExists()) {
            return done(shard, attempt, AttemptState.InfrastructureFailed, null, "JobDeleted",
                    "the shard's Job was deleted before it finished", null, now, null);
        }
        PodFacts pod = facts.pod();
        Terminated term = pod == null ? null : pod.terminated();
        if (term != null) {
            return fromTermination(shard, attempt, pod, term);
        }
        if (pod != null && "Failed".equals(pod.phase())) {
            String reason = pod.reason() == null || pod.reason().isBlank() ? "PodFailed" : pod.reason();
            return done(shard, attempt, AttemptState.InfrastructureFailed, null, reason,
                    orDefault(pod.message(), "the pod failed before the runner reported"), pod.startedAt(), now, pod.node());
        }
        if (facts.jobFailure() != null) {
            return done(shard, attempt, AttemptState.InfrastructureFailed, null, facts.jobFailure(),
                    orDefault(facts.jobFailureMessage(), "the Job failed"), pod == null ? null : pod.startedAt(), now,
                    pod == null ? null : pod.node());
        }
        if (pod == null && facts.jobComplete()) {
            // the Job ran its pod to the end, but no pod is left to read the summary from (deleted by hand, pod GC)
            return done(shard, attempt, AttemptState.InfrastructureFailed, null, "PodGone",
                    "the shard's Job completed but its pod is gone, so its result cannot be read", null, now, null);
        }
        if (pod != null && pod.waitingReason() != null && HOPELESS_WAITS.contains(pod.waitingReason())) {
            ShardState state = new ShardState(shard, attempt, AttemptState.RunnerError, false, null, pod.waitingReason(),
                    pod.waitingReason() + (pod.waitingMessage() == null ? "" : ": " + pod.waitingMessage()), null, now, pod.node());
            return new Classified(state, true, null); // its Job is stopped once this is recorded
        }
        if (pod != null && pod.waitingReason() != null
                && (IMAGE_PULL_WAITS.contains(pod.waitingReason()) || CONFIG_WAITS.contains(pod.waitingReason()))) {
            Instant since = pod.createdAt() != null ? pod.createdAt() : facts.jobCreatedAt();
            Instant deadline = since == null ? now : since.plus(stuckGrace);
            if (!now.isBefore(deadline)) {
                boolean imagePull = IMAGE_PULL_WAITS.contains(pod.waitingReason());
                String message = pod.waitingReason() + " for more than " + stuckGrace.toSeconds() + "s"
                        + (pod.waitingMessage() == null ? "" : ": " + pod.waitingMessage());
                ShardState state = new ShardState(shard, attempt,
                        imagePull ? AttemptState.InfrastructureFailed : AttemptState.RunnerError, false, null,
                        imagePull ? "ImagePullBackOff" : pod.waitingReason(), message, null, now, pod.node());
                return new Classified(state, true, null);
            }
            return new Classified(active(shard, attempt, AttemptState.Pending, pod), false, deadline);
        }
        if (pod != null && "Running".equals(pod.phase())) {
            return new Classified(active(shard, attempt, AttemptState.Running, pod), false, null);
        }
        return new Classified(active(shard, attempt, AttemptState.Pending, pod), false, null);
    }

    /**
     * A runner killed from outside still leaves its last checkpoint (see {@link ShardSummary#isCheckpoint()}): the
     * attempt is classified by how it ended, and keeps that summary so the tests that completed are counted and
     * their durations reach the history.
     */
    private static Classified fromTermination(int shard, int attempt, PodFacts pod, Terminated term) {
        Instant started = term.startedAt() != null ? term.startedAt() : pod.startedAt();
        DecodeResult decoded = SummaryCodec.decode(term.message());
        ShardSummary summary = decoded instanceof DecodeResult.Decoded ok ? ok.summary() : null;
        if ("OOMKilled".equals(term.reason())) {
            return done(shard, attempt, AttemptState.InfrastructureFailed, summary, "OOMKilled",
                    "the runner exceeded its memory limit (exit code " + term.exitCode() + ")" + whileRunning(summary),
                    started, term.finishedAt(), pod.node());
        }
        if ("Evicted".equals(pod.reason())) {
            return done(shard, attempt, AttemptState.InfrastructureFailed, summary, "Evicted",
                    orDefault(pod.message(), "the pod was evicted") + whileRunning(summary), started, term.finishedAt(), pod.node());
        }
        if (summary != null && summary.isCheckpoint() && term.exitCode() >= SIGNAL_EXIT_BASE) {
            return done(shard, attempt, AttemptState.InfrastructureFailed, summary, "ContainerKilled",
                    "the runner was killed by signal " + (term.exitCode() - SIGNAL_EXIT_BASE) + whileRunning(summary),
                    started, term.finishedAt(), pod.node());
        }
        if (summary != null) {
            return switch (summary.verdict()) {
                case PASSED -> done(shard, attempt, AttemptState.Succeeded, summary, "Succeeded",
                        summary.total() + " tests passed", started, term.finishedAt(), pod.node());
                case FAILED -> done(shard, attempt, AttemptState.TestsFailed, summary, "TestsFailed",
                        summary.failed() + " of " + summary.total() + " tests failed", started, term.finishedAt(), pod.node());
                case ERROR -> done(shard, attempt, AttemptState.RunnerError, summary, "RunnerError",
                        orDefault(summary.error(), "the runner reported an error"), started, term.finishedAt(), pod.node());
            };
        }
        DecodeResult.Malformed bad = (DecodeResult.Malformed) decoded;
        if (term.exitCode() >= SIGNAL_EXIT_BASE) {
            return done(shard, attempt, AttemptState.InfrastructureFailed, null, "ContainerKilled",
                    "the runner was killed by signal " + (term.exitCode() - SIGNAL_EXIT_BASE) + " before it reported",
                    started, term.finishedAt(), pod.node());
        }
        String reason = bad.kind() == DecodeResult.Kind.EMPTY ? "MissingSummary" : "MalformedSummary";
        String message = (bad.kind() == DecodeResult.Kind.EMPTY
                ? "the runner exited with code " + term.exitCode() + " without a summary"
                : "the runner's summary is unreadable (" + bad.reason() + "), exit code " + term.exitCode());
        return done(shard, attempt, AttemptState.RunnerError, null, reason, message, started, term.finishedAt(), pod.node());
    }

    /** E.g. " while running shop.CartTest#total (317 tests had completed)", or nothing without a checkpoint. */
    private static String whileRunning(ShardSummary summary) {
        if (summary == null || !summary.isCheckpoint()) return "";
        return " while running " + summary.running() + " (" + summary.total() + " tests had completed)";
    }

    private static ShardState active(int shard, int attempt, AttemptState state, PodFacts pod) {
        String reason = state == AttemptState.Running ? "Running" : pod == null ? "Scheduling"
                : orDefault(pod.waitingReason(), "Pending");
        String message = pod != null && pod.waitingMessage() != null ? pod.waitingMessage() : null;
        return new ShardState(shard, attempt, state, false, null, reason, message,
                pod == null ? null : pod.startedAt(), null, pod == null ? null : pod.node());
    }

    private static Classified done(int shard, int attempt, AttemptState state, ShardSummary summary, String reason,
                                   String message, Instant started, Instant finished, String node) {
        return new Classified(new ShardState(shard, attempt, state, false, summary, reason, message, started, finished, node),
                false, null);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
