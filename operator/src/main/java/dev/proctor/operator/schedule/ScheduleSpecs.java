package dev.proctor.operator.schedule;

import dev.proctor.core.schedule.ConcurrencyPolicy;
import dev.proctor.core.schedule.CronSchedule;
import dev.proctor.core.schedule.ScheduleSettings;
import dev.proctor.operator.api.v1alpha1.TestSuiteScheduleSpec;
import java.time.Duration;

/**
 * A TestSuiteSchedule's spec as core's {@link ScheduleSettings}. The API server has validated the spec; what it cannot
 * check as core does (the cron expression in its time zone) throws IllegalArgumentException naming the field.
 */
final class ScheduleSpecs {
    private ScheduleSpecs() {}

    static ScheduleSettings settings(TestSuiteScheduleSpec spec) {
        return new ScheduleSettings(CronSchedule.parse(spec.schedule, spec.timeZone),
                spec.concurrencyPolicy == null ? ConcurrencyPolicy.Allow : ConcurrencyPolicy.valueOf(spec.concurrencyPolicy.name()),
                spec.startingDeadlineSeconds == null ? null : Duration.ofSeconds(spec.startingDeadlineSeconds),
                Boolean.TRUE.equals(spec.suspend),
                spec.successfulRunsHistoryLimit == null ? ScheduleSettings.DEFAULT_SUCCESSFUL_HISTORY : spec.successfulRunsHistoryLimit,
                spec.failedRunsHistoryLimit == null ? ScheduleSettings.DEFAULT_FAILED_HISTORY : spec.failedRunsHistoryLimit);
    }

}
