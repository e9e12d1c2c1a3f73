package dev.proctor.operator.run;

import dev.proctor.core.run.Decision;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.status.StatusWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Records a run's status: once per reconcile and only when it changed, through the status module's
 * {@link StatusWriter} (so the next reconcile starts from this write), with the Events of the transition; pure
 * progress is coalesced by {@link ProgressWrites}.
 */
final class RunStatusRecorder {
    private static final Logger LOG = Logger.getLogger(RunStatusRecorder.class);

    private final StatusWriter<TestSuiteRun, TestSuiteRunStatus> statuses;
    private final ProgressWrites progressWrites;
    private final RunEvents events;

    RunStatusRecorder(StatusWriter<TestSuiteRun, TestSuiteRunStatus> statuses, ProgressWrites progressWrites, RunEvents events) {
        this.statuses = statuses;
        this.progressWrites = progressWrites;
        this.events = events;
    }

    /** The status to reconcile from: this operator's last write while the cache has not caught up with it. */
    TestSuiteRunStatus freshest(TestSuiteRun run) {
        return statuses.freshest(run);
    }

    /**
     * Writes {@code after} with its Events when it differs from {@code before}.
     *
     * @return how long a change that is only progress waits, to be written with whatever else finishes meanwhile;
     *         empty when it was written (or nothing changed)
     */
    Optional<Duration> record(TestSuiteRun run, TestSuiteRunStatus before, TestSuiteRunStatus after, Decision decision, Instant now) {
        if (StatusWriter.same(before, after)) return Optional.empty();
        Optional<Duration> deferred = progressWrites.defer(run, before, after, decision, now);
        if (deferred.isPresent()) return deferred;
        // the write first: a write that fails is retried with the whole reconcile, and its Events must not go out once
        // per failed attempt (a status the API server refused for good repeated the run's Events every retry)
        statuses.write(run, after);
        progressWrites.written(run, after, now);
        events.transitions(run, before, after, decision);
        return Optional.empty();
    }

    /**
     * Writes a finished run's status whose report changed, with an Event when the report turns Ready or Failed: the
     * phase, verdict and every other field stay as they were.
     */
    void recordReport(TestSuiteRun run, TestSuiteRunStatus before, TestSuiteRunStatus after) {
        if (StatusWriter.same(before, after)) return;
        statuses.write(run, after);
        events.report(run, before == null ? null : before.report, after.report);
    }

    /**
     * The run's {@code Retrying} condition after a reconcile failed transiently, with a Warning when retries start. A
     * finished run is left alone; a write that fails too is only logged (the framework retries the reconcile anyway).
     */
    void retrying(TestSuiteRun run, RetryCause cause, int attempt, Instant now) {
        TestSuiteRunStatus before = statuses.freshest(run);
        if (before != null && before.phase != null && before.phase.isTerminal()) return;
        TestSuiteRunStatus after = RunStatusAggregator.retrying(before, run, cause, attempt, now);
        if (StatusWriter.same(before, after)) return;
        try {
            statuses.write(run, after);
            if (!RunStatusAggregator.isRetrying(before)) events.retrying(run, after);
        } catch (RuntimeException writeFailed) {
            LOG.debugf("could not record the Retrying condition of %s/%s: %s", run.getMetadata().getNamespace(),
                    run.getMetadata().getName(), writeFailed.getMessage());
        }
    }
}
