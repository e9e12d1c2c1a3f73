package dev.proctor.operator.sla;

import dev.proctor.core.run.RunVerdict;
import dev.proctor.core.sla.Objective;
import dev.proctor.core.sla.RunGate;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.sla.SLAPolicySpec;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SLA policies in {@code enforcement: Gate} that select a finishing run, read once when the run's verdict
 * is made (one list call per finished run, never while runs are idle).
 */
@ApplicationScoped
public class RunGates {
    private final KubernetesClient client;

    public RunGates(KubernetesClient client) {
        this.client = client;
    }

    /** Empty when no gate selects the run; otherwise the breaches of all selecting gates (possibly none). */
    public Optional<List<RunGate.Breach>> check(TestSuiteRun run, RunVerdict.Totals totals, long durationSeconds) {
        List<SLAPolicy> gates = client.resources(SLAPolicy.class).inNamespace(run.getMetadata().getNamespace()).list()
                .getItems().stream()
                .filter(p -> p.getSpec() != null && p.getSpec().enforcement == SLAPolicySpec.Enforcement.Gate)
                .filter(p -> Selectors.matches(p.getSpec().selector, ProctorNames.selectionLabels(run)))
                .toList();
        if (gates.isEmpty()) return Optional.empty();
        List<RunGate.Breach> breaches = new ArrayList<>();
        for (SLAPolicy gate : gates) {
            List<Objective> objectives = gate.getSpec().objectives.stream().map(PolicySpecs::objective).toList();
            breaches.addAll(RunGate.breaches(gate.getMetadata().getName(), objectives, totals, durationSeconds));
        }
        return Optional.of(List.copyOf(breaches));
    }
}
