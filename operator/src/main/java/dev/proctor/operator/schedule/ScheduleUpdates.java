package dev.proctor.operator.schedule;

import dev.proctor.operator.api.v1alpha1.TestSuiteSchedule;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Which changes of a TestSuiteSchedule wake its reconcile: a new generation (the spec), and the run-now annotation,
 * which a real API server does not count as a new generation. Our own status writes wake nothing.
 */
public class ScheduleUpdates implements OnUpdateFilter<TestSuiteSchedule> {
    @Override
    public boolean accept(TestSuiteSchedule updated, TestSuiteSchedule old) {
        return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
                || !Objects.equals(runNow(updated), runNow(old))
                || updated.isMarkedForDeletion() && !old.isMarkedForDeletion();
    }

    static String runNow(TestSuiteSchedule schedule) {
        Map<String, String> annotations = schedule.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(TestSuiteSchedule.RUN_NOW);
        return value == null || value.isBlank() ? null : value;
    }
}
