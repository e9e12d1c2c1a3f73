package dev.proctor.operator.schedule;

import dev.proctor.core.schedule.ScheduleDecision;
import dev.proctor.operator.status.Conditions;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteSchedule;
import dev.proctor.operator.api.v1alpha1.TestSuiteScheduleStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A schedule's status: its slots, its runs still going, its latest result, and one condition, Ready. */
final class ScheduleStatusBuilder {
    static final String READY = "Ready";

    private ScheduleStatusBuilder() {}

    /**
     * @param runs     the schedule's runs after this reconcile acted (created ones included, stopped and pruned ones gone)
     * @param problem  why the last run could not be created, or null
     */
    static TestSuiteScheduleStatus build(TestSuiteSchedule schedule, TestSuiteScheduleStatus before, ScheduleDecision decision,
                                         List<TestSuiteRun> runs, String problem, Instant now) {
        TestSuiteScheduleStatus s = new TestSuiteScheduleStatus();
        Long generation = schedule.getMetadata().getGeneration();
        s.observedGeneration = generation;
        s.lastScheduleTime = decision.lastScheduleTime() == null ? null : decision.lastScheduleTime().toString();
        s.nextScheduleTime = decision.nextScheduleTime() == null ? null : decision.nextScheduleTime().toString();
        List<String> active = runs.stream().filter(r -> !finished(r)).map(r -> r.getMetadata().getName()).sorted().toList();
        s.active = active.isEmpty() ? null : active;
        s.activeCount = active.size();
        Optional<TestSuiteRun> latestFinished = runs.stream().filter(ScheduleStatusBuilder::finished)
                .max(Comparator.comparing(r -> r.getStatus().completionTime == null ? "" : r.getStatus().completionTime));
        s.lastRun = latestFinished.map(r -> r.getMetadata().getName()).orElse(before == null ? null : before.lastRun);
        s.lastResult = latestFinished.map(r -> r.getStatus().phase.name()).orElse(before == null ? null : before.lastResult);
        s.lastSuccessfulTime = runs.stream().filter(r -> finished(r) && "Succeeded".equals(r.getStatus().phase.name()))
                .map(r -> r.getStatus().completionTime).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(before == null ? null : before.lastSuccessfulTime);
        boolean suspended = Boolean.TRUE.equals(schedule.getSpec().suspend);
        String message = problem != null ? problem
                : suspended ? "suspended: no runs are made until spec.suspend is false"
                : s.nextScheduleTime == null ? "the schedule names no future time" : "next run at " + s.nextScheduleTime;
        String reason = problem != null ? "RunRejected" : suspended ? "Suspended" : "Scheduled";
        s.conditions = Conditions.set(before == null ? null : before.conditions, READY, problem == null, reason, message, generation, now);
        return s;
    }

    /** The status of a schedule whose expression or time zone the operator cannot read. */
    static TestSuiteScheduleStatus invalid(TestSuiteSchedule schedule, TestSuiteScheduleStatus before, String why, Instant now) {
        TestSuiteScheduleStatus s = before == null ? new TestSuiteScheduleStatus() : copy(before);
        s.observedGeneration = schedule.getMetadata().getGeneration();
        s.nextScheduleTime = null;
        s.conditions = Conditions.set(s.conditions, READY, false, "InvalidSchedule", why, schedule.getMetadata().getGeneration(), now);
        return s;
    }

    private static TestSuiteScheduleStatus copy(TestSuiteScheduleStatus before) {
        TestSuiteScheduleStatus s = new TestSuiteScheduleStatus();
        s.lastScheduleTime = before.lastScheduleTime;
        s.lastSuccessfulTime = before.lastSuccessfulTime;
        s.active = before.active;
        s.activeCount = before.activeCount;
        s.lastRun = before.lastRun;
        s.lastResult = before.lastResult;
        s.conditions = before.conditions;
        return s;
    }

    static boolean finished(TestSuiteRun run) {
        return run.getStatus() != null && run.getStatus().phase != null && run.getStatus().phase.isTerminal();
    }
}
