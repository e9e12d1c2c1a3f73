package dev.proctor.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One run of one suite: planned into shards, one Job per shard, one merged verdict in status. */
@Group(TestSuiteRun.GROUP)
@Version(TestSuiteRun.VERSION)
@ShortNames("tsr")
@Categories("proctor")
@ValidationRule(value = "self.spec == oldSelf.spec", fieldPath = ".spec",
        message = "spec is immutable: create a new TestSuiteRun to run again")
@ValidationRule(value = "self.metadata.name.size() <= " + TestSuiteRun.MAX_NAME_LENGTH,
        message = "metadata.name must be at most " + TestSuiteRun.MAX_NAME_LENGTH
                + " characters so that every shard Job name (<run>-shard-<i>-a<k>) fits in 63")
@AdditionalPrinterColumn(name = "Suite", jsonPath = ".spec.suite", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Passed", jsonPath = ".status.totals.passed", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Failed", jsonPath = ".status.totals.failed", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Flaky", jsonPath = ".status.totals.flaky", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Shards", jsonPath = ".status.shardsDone", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Duration", jsonPath = ".status.duration", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class TestSuiteRun extends CustomResource<TestSuiteRunSpec, TestSuiteRunStatus> implements Namespaced {
    public static final String GROUP = "proctor.dev";
    public static final String VERSION = "v1alpha1";
    /** 63 minus the longest suffix "-shard-999-a10". */
    public static final int MAX_NAME_LENGTH = 49;

    @Override
    protected TestSuiteRunStatus initStatus() {
        return new TestSuiteRunStatus();
    }
}
