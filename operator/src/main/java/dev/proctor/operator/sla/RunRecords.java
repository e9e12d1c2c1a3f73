package dev.proctor.operator.sla;

import dev.proctor.core.sla.RunRecord;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A finished TestSuiteRun as the record an SLA policy keeps; nothing for a run still going. The record carries the
 * run's uid: CI deletes and recreates runs under one name, and each of them is a run of its own.
 */
public final class RunRecords {
    private RunRecords() {}

    public static Optional<RunRecord> of(TestSuiteRun run) {
        TestSuiteRunStatus s = run.getStatus();
        if (s == null || s.phase == null || !s.phase.isTerminal() || s.completionTime == null) return Optional.empty();
        Instant finished;
        try {
            finished = Instant.parse(s.completionTime);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        TestSuiteRunStatus.Totals t = s.totals == null ? new TestSuiteRunStatus.Totals() : s.totals;
        return Optional.of(new RunRecord(run.getMetadata().getName(), run.getMetadata().getUid(),
                run.getSpec() == null ? "" : run.getSpec().suite,
                finished, s.phase, s.reason, t.tests, t.passed, t.failed, t.flaky,
                s.durationSeconds == null ? 0 : s.durationSeconds, s.failedTests,
                s.failedTestsOmitted == null ? 0 : s.failedTestsOmitted, s.flakyTests));
    }

    public static boolean finished(TestSuiteRun run) {
        return of(run).isPresent();
    }
}
