package dev.proctor.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per schedule: proctor_schedule_runs_started_total, proctor_schedule_runs_missed_total (slots that passed without a
 * run: the operator down, suspended, too late for startingDeadlineSeconds) and proctor_schedule_runs_skipped_total
 * (slots concurrencyPolicy Forbid skipped). Registered at 0 when a schedule is first seen, so rate() and increase()
 * see its first event.
 */
@ApplicationScoped
public class ScheduleMetrics {
    private final MeterRegistry registry;

    public ScheduleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private static final String STARTED = "proctor.schedule.runs.started";
    private static final String MISSED = "proctor.schedule.runs.missed";
    private static final String SKIPPED = "proctor.schedule.runs.skipped";

    public void seen(String namespace, String schedule) {
        for (String name : new String[] {STARTED, MISSED, SKIPPED}) counter(name, namespace, schedule);
    }

    public void started(String namespace, String schedule) {
        counter(STARTED, namespace, schedule).increment();
    }

    public void missed(String namespace, String schedule, long slots) {
        counter(MISSED, namespace, schedule).increment(slots);
    }

    public void skipped(String namespace, String schedule) {
        counter(SKIPPED, namespace, schedule).increment();
    }

    private Counter counter(String name, String namespace, String schedule) {
        String description = switch (name) {
            case STARTED -> "Runs a TestSuiteSchedule created (by its timer or run-now)";
            case MISSED -> "Slots that passed without a run";
            default -> "Slots skipped because a run was still going (concurrencyPolicy Forbid)";
        };
        return Counter.builder(name).tag("namespace", namespace).tag("schedule", schedule).description(description)
                .register(registry);
    }
}
