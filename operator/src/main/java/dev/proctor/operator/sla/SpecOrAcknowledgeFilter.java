package dev.proctor.operator.sla;

import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Which changes of an SLAPolicy wake its reconcile: a new generation (the spec), and a new acknowledge annotation,
 * which a real API server does not count as a new generation. Our own status writes wake nothing.
 */
public class SpecOrAcknowledgeFilter implements OnUpdateFilter<SLAPolicy> {
    @Override
    public boolean accept(SLAPolicy updated, SLAPolicy old) {
        return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
                || !Objects.equals(acknowledge(updated), acknowledge(old))
                || updated.isMarkedForDeletion() && !old.isMarkedForDeletion();
    }

    /** The policy's acknowledge annotation ({@code proctor.dev/acknowledge}), or null. */
    static String acknowledge(SLAPolicy policy) {
        Map<String, String> annotations = policy.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(SLAPolicy.ACKNOWLEDGE);
    }
}
