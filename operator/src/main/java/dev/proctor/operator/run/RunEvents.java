package dev.proctor.operator.run;


import dev.proctor.core.run.AttemptState;
import dev.proctor.core.run.Decision;
import dev.proctor.core.run.RunDecider;
import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.ReportStatus;
import dev.proctor.operator.api.v1alpha1.ShardStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.config.ProctorConfig;
import dev.proctor.operator.events.KubeEvents;
import dev.proctor.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Events of a run's transitions, emitted with the status write that records them: ShardFinished — a Warning per
 * failed shard, and, with {@code proctor.success-events}, one Normal Event for the shards that succeeded since the
 * last write; ShardRetried; and the verdict: a Warning for Failed and Error, a Normal {@code Succeeded} Event only with
 * {@code proctor.success-events}. Events say what needs attention; success is in the status, its conditions and the
 * metrics, and each success Event costs an API write (a run's own writes fell from shards + 6 to shards + 4 without
 * them and the suite label's patch; docs/design.md, "Scale and cost"). A run's start has no Event of its own (there
 * was a {@code Started} one until issue 15): its Pending status names the plan and the shards, and each Job's
 * {@code SuccessfulCreate} Event says it was made.
 */
@ApplicationScoped
public class RunEvents {
    private final KubeEvents events;
    private final boolean successEvents;

    @Inject
    public RunEvents(KubeEvents events, ProctorConfig config) {
        this(events, config.successEvents());
    }

    RunEvents(KubeEvents events, boolean successEvents) {
        this.events = events;
        this.successEvents = successEvents;
    }

    /** The run's reconciles started failing transiently: once, when its {@code Retrying} condition turns True. */
    void retrying(TestSuiteRun run, TestSuiteRunStatus after) {
        after.conditions.stream().filter(c -> RunStatusAggregator.RETRYING.equals(c.getType())).findFirst()
                .ifPresent(c -> events.warning(run, "Retrying", c.getReason() + ": " + c.getMessage()));
    }

    /** The suite's history could not be read: the run is planned without it. */
    void historyUnreadable(TestSuiteRun run, String message) {
        events.warning(run, "UnreadableHistory", message);
    }

    /** The report's outcome, once: Normal when it is ready, a Warning naming the reason when it failed. */
    void report(TestSuiteRun run, ReportStatus before, ReportStatus after) {
        if (after == null || after.phase == ReportStatus.Phase.Pending) return;
        if (before != null && before.phase == after.phase) return;
        if (after.phase == ReportStatus.Phase.Ready) {
            events.normal(run, "ReportReady", "report of " + after.tests + " tests (" + after.failures + " failures, "
                    + after.errors + " errors, " + after.flaky + " flaky) stored at " + after.html);
        } else {
            events.warning(run, "ReportFailed", after.reason + ": " + after.message);
        }
    }

    /**
     * A Warning when ArtifactsStored turns False, or names another shard: what is missing and why; or, when the run
     * starts, that the namespace's default store is not valid.
     */
    private void artifactsIncomplete(TestSuiteRun run, TestSuiteRunStatus before, TestSuiteRunStatus after) {
        Condition now = Conditions.get(after.conditions, RunStatusAggregator.ARTIFACTS_STORED);
        if (now == null || !Conditions.FALSE.equals(now.getStatus())) return;
        Condition was = before == null ? null : Conditions.get(before.conditions, RunStatusAggregator.ARTIFACTS_STORED);
        if (was != null && Conditions.FALSE.equals(was.getStatus()) && java.util.Objects.equals(was.getMessage(), now.getMessage())) return;
        events.warning(run, RunArtifacts.STORE_INVALID.equals(now.getReason()) ? "ArtifactStoreInvalid" : "ArtifactsIncomplete",
                now.getMessage());
    }

    void transitions(TestSuiteRun run, TestSuiteRunStatus before, TestSuiteRunStatus after, Decision decision) {
        Map<Integer, ShardStatus> old = new HashMap<>();
        if (before != null && before.shards != null) before.shards.forEach(s -> old.put(s.index, s));
        List<Integer> succeeded = new ArrayList<>();
        for (ShardStatus now : after.shards == null ? List.<ShardStatus>of() : after.shards) {
            ShardStatus was = old.get(now.index);
            if (was != null && now.attempt > was.attempt) {
                events.warning(run, "ShardRetried", "shard " + now.index + ": " + now.message);
            }
            boolean finishedNow = now.done && (was == null || !was.done);
            if (finishedNow && now.phase == AttemptState.Succeeded) {
                succeeded.add(now.index);
            } else if (finishedNow && !RunDecider.RUN_ABORTED.equals(now.reason)) { // the verdict's Event says why the run ended
                events.warning(run, "ShardFinished", "shard " + now.index + " (attempt " + (now.attempt + 1) + "): "
                        + now.reason + (now.message == null ? "" : ": " + now.message));
            }
        }
        if (successEvents && !succeeded.isEmpty() && !after.phase.isTerminal()) {
            // one Event for the shards that succeeded since the last status write; the verdict's Event covers the last ones
            long done = after.shards.stream().filter(shard -> shard.done).count();
            events.normal(run, "ShardFinished", (succeeded.size() == 1 ? "shard " : "shards ")
                    + succeeded.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "))
                    + " succeeded (" + done + " of " + after.shards.size() + " done)");
        }
        artifactsIncomplete(run, before, after);
        report(run, before == null ? null : before.report, after.report); // a reporter Job refused with the verdict
        RunPhase was = before == null ? null : before.phase;
        if (after.phase.isTerminal() && was != after.phase) {
            String text = after.message + (after.duration == null ? "" : " in " + after.duration);
            if (after.phase != RunPhase.Succeeded) events.warning(run, after.phase.name(), text);
            else if (successEvents) events.normal(run, "Succeeded", text);
        }
    }
}
