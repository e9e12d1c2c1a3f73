package dev.proctor.operator.api.v1alpha1;

import dev.proctor.operator.api.v1alpha1.sla.AlertRouteSpec;
import dev.proctor.operator.api.v1alpha1.sla.AlertRouteStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Where the alerts and incidents of the SLAPolicies in this namespace go. */
@Group(TestSuiteRun.GROUP)
@Version(TestSuiteRun.VERSION)
@ShortNames("ar")
@Categories("proctor")
@AdditionalPrinterColumn(name = "Receivers", jsonPath = ".status.receiverCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AlertRoute extends CustomResource<AlertRouteSpec, AlertRouteStatus> implements Namespaced {
    @Override
    protected AlertRouteStatus initStatus() {
        return new AlertRouteStatus();
    }
}
