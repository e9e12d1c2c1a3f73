package dev.proctor.operator.api.v1alpha1;

import dev.proctor.operator.api.v1alpha1.sla.SLAPolicySpec;
import dev.proctor.operator.api.v1alpha1.sla.SLAPolicyStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Objectives over the TestSuiteRuns a selector picks; alerts and incidents when they slip. */
@Group(TestSuiteRun.GROUP)
@Version(TestSuiteRun.VERSION)
@ShortNames("slap")
@Categories("proctor")
@AdditionalPrinterColumn(name = "Compliant", jsonPath = ".status.compliant", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Budget", jsonPath = ".status.budgetRemaining", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Burn(1h)", jsonPath = ".status.burnRate1h", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Incidents", jsonPath = ".status.openIncidents", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class SLAPolicy extends CustomResource<SLAPolicySpec, SLAPolicyStatus> implements Namespaced {
    /** Put on the policy to acknowledge an open incident: {@code proctor.dev/acknowledge=<incident-id>}. */
    public static final String ACKNOWLEDGE = "proctor.dev/acknowledge";

    @Override
    protected SLAPolicyStatus initStatus() {
        return new SLAPolicyStatus();
    }
}
