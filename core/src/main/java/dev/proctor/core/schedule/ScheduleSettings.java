package dev.proctor.core.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * What a TestSuiteSchedule asks for, in core's terms.
 *
 * @param startingDeadline how late a slot may still start a run; null: however late (one catch-up run at most)
 */
public record ScheduleSettings(CronSchedule schedule, ConcurrencyPolicy concurrency, Duration startingDeadline, boolean suspend,
                               int successfulRunsHistoryLimit, int failedRunsHistoryLimit) {
    public static final int DEFAULT_SUCCESSFUL_HISTORY = 3;
    public static final int DEFAULT_FAILED_HISTORY = 1;

    public ScheduleSettings {
        Objects.requireNonNull(schedule, "schedule");
        concurrency = concurrency == null ? ConcurrencyPolicy.Allow : concurrency;
        if (startingDeadline != null && startingDeadline.isNegative()) throw new IllegalArgumentException("startingDeadline < 0");
        if (successfulRunsHistoryLimit < 0 || failedRunsHistoryLimit < 0) throw new IllegalArgumentException("history limit < 0");
    }
}
