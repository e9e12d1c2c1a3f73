package dev.proctor.operator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.Verdict;
import dev.proctor.core.run.AttemptState;
import dev.proctor.core.run.Decision;
import dev.proctor.core.run.RunPhase;
import dev.proctor.core.run.RunVerdict;
import dev.proctor.core.run.ShardState;
import dev.proctor.core.run.SlaGate;
import dev.proctor.core.time.GoDuration;
import dev.proctor.operator.api.v1alpha1.ShardStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a run's whole status from a decision, with a fixed set of conditions: {@code Ready} (the run
 * succeeded), {@code Complete} (the run finished, either way: what CI waits on) and {@code Failed}, each built by
 * the status module's {@link Conditions}.
 */
public final class RunStatusAggregator {
    public static final String READY = "Ready";
    public static final String COMPLETE = "Complete";
    public static final String FAILED = "Failed";
    /**
     * Present once a reconcile failed transiently (throttled, the API server unavailable, a timeout): True while the
     * operator retries with backoff, False ({@code Recovered}) after the next reconcile succeeded.
     */
    public static final String RETRYING = "Retrying";
    /** Present only when the suite's history could not be read when the run was planned (False, Unreadable). */
    public static final String HISTORY_READABLE = "HistoryReadable";
    /**
     * Present only when the run uses an artifact store and a shard has finished: True ({@code Uploaded}) while every
     * finished shard stored all its artifacts, False ({@code UploadIncomplete}) naming each shard whose artifacts are
     * missing and why; from the start, False ({@code StoreConfigInvalid}) when the namespace's default store was not
     * valid when the run started (the run then runs without a store).
     */
    public static final String ARTIFACTS_STORED = "ArtifactsStored";
    /** Present only when an SLA policy in Gate mode selects the run. */
    public static final String SLA_COMPLIANT = "SLACompliant";

    private static final ObjectMapper COPIER = new ObjectMapper();

    private RunStatusAggregator() {}

    /** The run's status after {@code decision}, from the status the run object holds. */
    public static TestSuiteRunStatus aggregate(TestSuiteRun run, Decision decision, Instant now) {
        return aggregate(run, run.getStatus(), decision, now);
    }

    /**
     * The run's status after {@code decision}; its SLA gate's breaches, if a gate selects the run, in SLACompliant.
     *
     * @param before the status the reconcile started from (its own last write while the cache is behind): start and
     *               completion times, kept conditions and their transition times carry over from it
     */
    public static TestSuiteRunStatus aggregate(TestSuiteRun run, TestSuiteRunStatus before, Decision decision, Instant now) {
        return aggregate(run, before, RunStores.recorded(run, before), decision, now);
    }

    /** As {@link #aggregate(TestSuiteRun, TestSuiteRunStatus, Decision, Instant)}, with the store the run uses. */
    public static TestSuiteRunStatus aggregate(TestSuiteRun run, TestSuiteRunStatus before, RunStores.Store store,
                                               Decision decision, Instant now) {
        TestSuiteRunStatus old = before == null ? new TestSuiteRunStatus() : before;
        TestSuiteRunStatus s = new TestSuiteRunStatus();
        long generation = run.getMetadata().getGeneration() == null ? 0 : run.getMetadata().getGeneration();
        s.observedGeneration = generation;
        s.phase = decision.phase();
        s.planConfigMap = ProctorNames.planConfigMap(run.getMetadata().getName());
        s.historyRecorded = old.historyRecorded;
        s.startTime = old.startTime != null ? old.startTime : now.toString();
        s.shardsDone = decision.finishedShards() + "/" + decision.shards().size();
        s.shards = decision.shards().stream().map(st -> shardStatus(run, st)).toList();

        RunVerdict verdict = decision.verdict();
        if (verdict != null) {
            s.reason = verdict.reason();
            s.message = verdict.message();
            s.totals = totals(verdict.totals());
            s.failedTests = verdict.failedTests().isEmpty() ? null : verdict.failedTests();
            s.failedTestsOmitted = verdict.failedTestsOmitted() == 0 ? null : verdict.failedTestsOmitted();
            s.flakyTests = verdict.flakyTests().isEmpty() ? null : verdict.flakyTests();
            s.completionTime = old.completionTime != null ? old.completionTime : now.toString();
            Duration took = Duration.between(Instant.parse(s.startTime), Instant.parse(s.completionTime));
            s.duration = GoDuration.format(took);
            s.durationSeconds = took.toSeconds();
        } else {
            s.reason = decision.phase() == RunPhase.Pending ? "Pending" : "Running";
            s.message = s.shardsDone + " shards finished";
            s.totals = totals(runningTotals(decision.shards()));
        }
        s.conditions = conditions(old.conditions, s, generation, now);
        s.artifacts = RunArtifacts.status(run, store, decision.shards());
        s.report = old.report;
        Condition stored = store.invalid() != null
                ? Conditions.condition(old.conditions, ARTIFACTS_STORED, false, RunArtifacts.STORE_INVALID, store.invalid(), generation, now)
                : RunArtifacts.condition(old.conditions, s.artifacts, decision.shards(), generation, now);
        if (stored == null && old.conditions != null) {
            // a namespace default that was invalid when the run started stays the reason it uploads nothing
            old.conditions.stream().filter(c -> ARTIFACTS_STORED.equals(c.getType()) && RunArtifacts.STORE_INVALID.equals(c.getReason()))
                    .forEach(s.conditions::add);
        }
        if (stored != null) s.conditions.add(stored);
        List<SlaGate.Breach> gate = decision.gate();
        if (gate != null) {
            s.conditions.add(Conditions.condition(old.conditions, SLA_COMPLIANT, gate.isEmpty(),
                    gate.isEmpty() ? "WithinObjectives" : SlaGate.SLA_VIOLATION,
                    String.join("; ", gate.stream().map(SlaGate.Breach::describe).toList()), generation, now));
        } else if (old.conditions != null) {
            old.conditions.stream().filter(c -> SLA_COMPLIANT.equals(c.getType())).forEach(s.conditions::add);
        }
        if (old.conditions != null) {
            old.conditions.stream().filter(c -> HISTORY_READABLE.equals(c.getType())).forEach(s.conditions::add);
            old.conditions.stream().filter(c -> RunReports.REPORT_READY.equals(c.getType())).forEach(s.conditions::add);
            old.conditions.stream().filter(c -> RETRYING.equals(c.getType())).findFirst().ifPresent(c -> s.conditions.add(
                    Conditions.TRUE.equals(c.getStatus())
                            ? Conditions.condition(old.conditions, RETRYING, false, "Recovered", "the reconcile after " + c.getReason()
                            + " succeeded", generation, now)
                            : c));
        }
        return s;
    }

    /** A deep copy of {@code status}. */
    static TestSuiteRunStatus copy(TestSuiteRunStatus status) {
        return COPIER.convertValue(status, TestSuiteRunStatus.class);
    }

    /** Records on the new status that the suite's history could not be read when the run was planned. */
    static void historyUnreadable(TestSuiteRunStatus status, TestSuiteRun run, String message, Instant now) {
        long generation = run.getMetadata().getGeneration() == null ? 0 : run.getMetadata().getGeneration();
        status.conditions.removeIf(c -> HISTORY_READABLE.equals(c.getType()));
        status.conditions.add(Conditions.condition(null, HISTORY_READABLE, false, "Unreadable", message, generation, now));
    }

    /** Whether the run's {@code Retrying} condition is True. */
    public static boolean isRetrying(TestSuiteRunStatus status) {
        return status != null && Conditions.isTrue(status.conditions, RETRYING);
    }

    /**
     * The status as it was, with {@code Retrying=True} saying why the last reconcile failed: the run keeps its phase
     * (or has none yet) while the operator retries with backoff.
     */
    static TestSuiteRunStatus retrying(TestSuiteRunStatus before, TestSuiteRun run, RetryCause cause, int attempt, Instant now) {
        TestSuiteRunStatus s = before == null ? new TestSuiteRunStatus() : COPIER.convertValue(before, TestSuiteRunStatus.class);
        long generation = run.getMetadata().getGeneration() == null ? 0 : run.getMetadata().getGeneration();
        List<Condition> conditions = new ArrayList<>();
        if (s.conditions != null) s.conditions.stream().filter(c -> !RETRYING.equals(c.getType())).forEach(conditions::add);
        conditions.add(Conditions.condition(s.conditions, RETRYING, true, cause.reason(),
                cause.message() + " (attempt " + attempt + "; retrying with backoff)", generation, now));
        s.conditions = conditions;
        return s;
    }

    private static List<Condition> conditions(List<Condition> old, TestSuiteRunStatus s, long generation, Instant now) {
        boolean finished = s.phase.isTerminal();
        boolean failed = s.phase == RunPhase.Failed || s.phase == RunPhase.Error;
        List<Condition> out = new ArrayList<>();
        out.add(Conditions.condition(old, READY, s.phase == RunPhase.Succeeded, s.reason, s.message, generation, now));
        out.add(Conditions.condition(old, COMPLETE, finished, s.reason, s.message, generation, now));
        out.add(Conditions.condition(old, FAILED, failed, failed ? s.reason : (finished ? "Succeeded" : "NotFailed"),
                failed ? s.message : "", generation, now));
        return out;
    }

    private static ShardStatus shardStatus(TestSuiteRun run, ShardState st) {
        ShardStatus s = new ShardStatus();
        s.index = st.shard();
        s.attempt = st.attempt();
        s.phase = st.state();
        s.done = st.done();
        s.reason = st.reason();
        s.message = st.message();
        s.jobName = st.state() == AttemptState.Waiting ? null
                : ProctorNames.jobName(run.getMetadata().getName(), st.shard(), st.attempt());
        s.node = st.node();
        s.startTime = st.startedAt() == null ? null : st.startedAt().toString();
        s.completionTime = st.finishedAt() == null ? null : st.finishedAt().toString();
        if (st.startedAt() != null && st.finishedAt() != null) {
            s.durationSeconds = Duration.between(st.startedAt(), st.finishedAt()).toSeconds();
        }
        ShardSummary sum = st.summary();
        if (sum != null) {
            s.tests = sum.total();
            s.passed = sum.passed();
            s.failed = sum.failed();
            s.skipped = sum.skipped();
            s.flaky = sum.flaky();
        }
        return s;
    }

    /** The shard states a status recorded, so the next decision starts from them; none for a run not written yet. */
    public static List<ShardState> recordedShards(TestSuiteRunStatus status) {
        return status == null || status.shards == null ? List.of()
                : status.shards.stream().map(RunStatusAggregator::fromStatus).map(st -> RunArtifacts.withUpload(st, status.artifacts)).toList();
    }

    /** When the run started as its status records it; {@code now} for a run that starts in this reconcile. */
    public static Instant startedAt(TestSuiteRunStatus status, Instant now) {
        return status != null && status.startTime != null ? Instant.parse(status.startTime) : now;
    }

    /** The shard state a status entry stands for, so the next decision starts from what was recorded. */
    public static ShardState fromStatus(ShardStatus s) {
        ShardSummary summary = s.tests == null ? null : new ShardSummary(
                s.failed != null && s.failed > 0 ? Verdict.FAILED : Verdict.PASSED, s.tests, nz(s.passed), nz(s.failed),
                nz(s.skipped), nz(s.flaky), s.durationSeconds == null ? 0 : s.durationSeconds * 1000,
                List.of(), List.of(), Map.of(), null, true);
        return new ShardState(s.index, s.attempt, s.phase == null ? AttemptState.Waiting : s.phase,
                s.done, summary, s.reason, s.message, RunObserver.parse(s.startTime), RunObserver.parse(s.completionTime), s.node);
    }

    private static RunVerdict.Totals runningTotals(List<ShardState> shards) {
        int tests = 0, passed = 0, failed = 0, skipped = 0, flaky = 0;
        for (ShardState st : shards) {
            if (!st.state().isFinished() || st.summary() == null) continue;
            tests += st.summary().total();
            passed += st.summary().passed();
            failed += st.summary().failed();
            skipped += st.summary().skipped();
            flaky += st.summary().flaky();
        }
        return new RunVerdict.Totals(tests, passed, failed, skipped, flaky);
    }

    private static TestSuiteRunStatus.Totals totals(RunVerdict.Totals t) {
        TestSuiteRunStatus.Totals out = new TestSuiteRunStatus.Totals();
        out.tests = t.tests();
        out.passed = t.passed();
        out.failed = t.failed();
        out.skipped = t.skipped();
        out.flaky = t.flaky();
        return out;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
