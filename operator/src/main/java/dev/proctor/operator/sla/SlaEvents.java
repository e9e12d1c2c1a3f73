package dev.proctor.operator.sla;

import dev.proctor.core.incident.Incident;
import dev.proctor.core.incident.IncidentRules;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.events.KubeEvents;
import jakarta.enterprise.context.ApplicationScoped;

/** Events on an SLAPolicy for incident transitions and acknowledgements; texts are core's, which hold no secrets. */
@ApplicationScoped
public class SlaEvents {
    private final KubeEvents events;

    public SlaEvents(KubeEvents events) {
        this.events = events;
    }

    public void record(SLAPolicy policy, PolicyEvaluation.Output out) {
        for (Incident i : out.opened()) {
            events.warning(policy, "IncidentOpened", i.id() + " (" + i.severity().label() + "): " + i.summary());
        }
        for (Incident i : out.escalated()) {
            events.warning(policy, "IncidentEscalated", i.id() + " escalated to level " + i.escalationLevel());
        }
        for (Incident i : out.resolved()) {
            events.normal(policy, "IncidentResolved", i.id() + " resolved by " + i.resolvedBy());
        }
        if (out.acknowledgement() instanceof IncidentRules.Transition.Accepted a) {
            events.normal(policy, "IncidentAcknowledged", a.incident().id() + " acknowledged");
        } else if (out.acknowledgement() instanceof IncidentRules.Transition.Rejected r) {
            events.warning(policy, "AcknowledgeRejected", r.reason() + ": " + r.message());
        }
    }
}
