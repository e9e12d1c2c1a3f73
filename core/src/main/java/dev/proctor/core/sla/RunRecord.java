package dev.proctor.core.sla;

import dev.proctor.core.run.RunPhase;
import dev.proctor.core.run.RunVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an SLA policy remembers of one finished run: enough to recompute every objective and to name the failed
 * tests in an incident report, small enough that {@link RunHistoryRing#DEFAULT_CAPACITY} of them fit in a status.
 *
 * @param uid                the TestSuiteRun's metadata.uid: what tells a run from an earlier one of the same name
 *                           (CI deletes and recreates runs by name). Empty for records kept before uids were
 *                           recorded; those are told apart by name and finish time ({@link #sameRun})
 * @param reason             the run's reason (AllTestsPassed, TestsFailed, or the infrastructure reason of an
 *                           Error run such as Evicted, OOMKilled, DeadlineExceeded)
 * @param failedTests        at most {@link #MAX_NAMES}, sorted
 * @param failedTestsOmitted failed tests left out of {@code failedTests}
 * @param flakyTests         at most {@link #MAX_NAMES}, sorted
 */
public record RunRecord(String run, String uid, String suite, Instant finishedAt, RunPhase phase, String reason,
                        int tests, int passed, int failed, int flaky, long durationSeconds,
                        List<String> failedTests, int failedTestsOmitted, List<String> flakyTests) {
    /** Names kept per run; a status holding hundreds of runs cannot afford more. */
    public static final int MAX_NAMES = 5;

    public RunRecord {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(phase, "phase");
        uid = uid == null ? "" : uid;
        suite = suite == null ? "" : suite;
        reason = reason == null ? "" : reason;
        tests = Math.max(0, tests);
        passed = Math.max(0, passed);
        failed = Math.max(0, failed);
        flaky = Math.max(0, flaky);
        durationSeconds = Math.max(0, durationSeconds);
        List<String> names = failedTests == null ? List.of()
                : failedTests.stream().filter(Objects::nonNull).sorted().toList();
        failedTestsOmitted = Math.max(0, failedTestsOmitted) + Math.max(0, names.size() - MAX_NAMES);
        failedTests = names.stream().limit(MAX_NAMES).toList();
        flakyTests = flakyTests == null ? List.of()
                : flakyTests.stream().filter(Objects::nonNull).sorted().limit(MAX_NAMES).toList();
    }

    /** A record without a uid, for callers that name runs only (tests, old state). */
    public RunRecord(String run, String suite, Instant finishedAt, RunPhase phase, String reason, int tests, int passed,
                     int failed, int flaky, long durationSeconds, List<String> failedTests, int failedTestsOmitted,
                     List<String> flakyTests) {
        this(run, "", suite, finishedAt, phase, reason, tests, passed, failed, flaky, durationSeconds, failedTests,
                failedTestsOmitted, flakyTests);
    }

    /**
     * Whether two records are of the same run: by uid when both have one, so that a run deleted and recreated
     * under the same name is a new run; otherwise (a record from before uids were kept) by name and finish time,
     * which a run keeps once it has finished and a recreated run does not share.
     */
    public boolean sameRun(RunRecord other) {
        if (!uid.isEmpty() && !other.uid.isEmpty()) return uid.equals(other.uid);
        return run.equals(other.run) && finishedAt.getEpochSecond() == other.finishedAt.getEpochSecond();
    }

    /** What identifies the run in lists that outlive it (an incident's bad runs): the uid, or the name without one. */
    public String key() {
        return uid.isEmpty() ? run : uid;
    }

    /** The record of a run whose verdict the run reconciler has just written. */
    public static RunRecord of(String run, String suite, Instant finishedAt, long durationSeconds, RunVerdict verdict) {
        RunVerdict.Totals t = verdict.totals();
        return new RunRecord(run, suite, finishedAt, verdict.phase(), verdict.reason(), t.tests(), t.passed(),
                t.failed(), t.flaky(), durationSeconds, verdict.failedTests(), verdict.failedTestsOmitted(),
                verdict.flakyTests());
    }

    /** A run is good for a pass-rate objective only when it Succeeded: an Error run tested nothing it promised. */
    public boolean succeeded() {
        return phase == RunPhase.Succeeded;
    }
}
