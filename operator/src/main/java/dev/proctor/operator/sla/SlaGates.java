package dev.proctor.operator.sla;

import dev.proctor.core.run.SlaGate;
import dev.proctor.core.sla.RunGate;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.sla.SLAPolicySpec;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The SLA policies in {@code enforcement: Gate} that select a run, as the gate core's run decision asks once the
 * run's verdict is made: they are listed then, once per finished run, never while runs are idle.
 */
@ApplicationScoped
public class SlaGates {
    private final KubernetesClient client;

    public SlaGates(KubernetesClient client) {
        this.client = client;
    }

    /** @param startedAt when the run started, from which a gate measures its duration */
    public SlaGate forRun(TestSuiteRun run, Instant startedAt) {
        return RunGate.of(startedAt, () -> selecting(run));
    }

    private List<RunGate.Policy> selecting(TestSuiteRun run) {
        return client.resources(SLAPolicy.class).inNamespace(run.getMetadata().getNamespace()).list().getItems().stream()
                .filter(p -> p.getSpec() != null && p.getSpec().enforcement == SLAPolicySpec.Enforcement.Gate)
                .filter(p -> Selectors.matches(p.getSpec().selector, ProctorNames.selectionLabels(run)))
                .map(p -> new RunGate.Policy(p.getMetadata().getName(),
                        p.getSpec().objectives.stream().map(PolicySpecs::objective).toList()))
                .toList();
    }
}
