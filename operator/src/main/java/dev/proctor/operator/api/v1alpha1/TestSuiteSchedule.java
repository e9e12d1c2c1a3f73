package dev.proctor.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Runs a suite on a schedule: to TestSuiteRun what CronJob is to Job. Each slot gets one TestSuiteRun named from its
 * time, labelled and owned by the schedule, so SLA policies select them and deleting the schedule deletes its runs.
 */
@Group(TestSuiteRun.GROUP)
@Version(TestSuiteRun.VERSION)
@ShortNames("tss")
@Categories("proctor")
@ValidationRule(value = "self.metadata.name.size() <= " + TestSuiteSchedule.MAX_NAME_LENGTH,
        message = "metadata.name must be at most " + TestSuiteSchedule.MAX_NAME_LENGTH
                + " characters so that each run's name (<schedule>-<minutes since 1970>) fits")
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Suspend", jsonPath = ".spec.suspend", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Active", jsonPath = ".status.activeCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Last Result", jsonPath = ".status.lastResult", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last Run", jsonPath = ".status.lastScheduleTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Next", jsonPath = ".status.nextScheduleTime", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class TestSuiteSchedule extends CustomResource<TestSuiteScheduleSpec, TestSuiteScheduleStatus> implements Namespaced {
    /** {@code kubectl annotate tss NAME proctor.dev/run-now=$(date +%s)}: one run at once, then the annotation is cleared. */
    public static final String RUN_NOW = "proctor.dev/run-now";
    public static final int MAX_NAME_LENGTH = 40;

    @Override
    protected TestSuiteScheduleStatus initStatus() {
        return new TestSuiteScheduleStatus();
    }
}
