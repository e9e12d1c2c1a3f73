package dev.proctor.operator.sla;

import dev.proctor.core.incident.Incident;
import dev.proctor.core.incident.IncidentRules;
import dev.proctor.core.policy.IncidentReports;
import dev.proctor.core.policy.OutboxEntry;
import dev.proctor.core.policy.PolicyDecision;
import dev.proctor.core.policy.PolicyEvaluation;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.sla.SLAPolicyStatus;
import dev.proctor.operator.events.KubeEvents;
import dev.proctor.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Events on an SLAPolicy for incident transitions, acknowledgements, unreadable state and delivery trouble; texts
 * are core's or already masked, and hold no secrets.
 */
@ApplicationScoped
public class SlaEvents {
    private static final Logger LOG = Logger.getLogger(SlaEvents.class);
    private final KubeEvents events;

    public SlaEvents(KubeEvents events) {
        this.events = events;
    }

    /** The Events of one decision, and a log line for each outbox entry given up. */
    public void record(SLAPolicy policy, PolicyDecision decision) {
        String configMap = SlaNames.stateConfigMap(policy.getMetadata().getName());
        if (!decision.unreadable().isEmpty()) {
            events.warning(policy, "UnreadableState", PolicyStatusBuilder.describeUnreadable(configMap, decision.unreadable()));
        }
        for (OutboxEntry e : decision.givenUp()) {
            LOG.warnf("gave up %s of %s/%s to %s after %d attempts: %s", e.describe(), policy.getMetadata().getNamespace(),
                    policy.getMetadata().getName(), e.receiver(), e.attempts(), e.lastError());
        }
        record(policy, decision.evaluation());
    }

    private void record(SLAPolicy policy, PolicyEvaluation.Output out) {
        for (Incident i : out.opened()) {
            events.warning(policy, "IncidentOpened", i.id() + " (" + i.severity().label() + "): " + i.summary());
        }
        for (Incident i : out.escalated()) {
            events.warning(policy, "IncidentEscalated", i.id() + " escalated to level " + i.escalationLevel());
        }
        for (Incident i : out.resolved()) {
            events.normal(policy, "IncidentResolved", i.id() + " resolved by " + i.resolvedBy() + "; post-incident report: ConfigMap "
                    + SlaNames.stateConfigMap(policy.getMetadata().getName()) + " key " + IncidentReports.key(i));
        }
        if (out.acknowledgement() instanceof IncidentRules.Transition.Accepted a) {
            events.normal(policy, "IncidentAcknowledged", a.incident().id() + " acknowledged");
        } else if (out.acknowledgement() instanceof IncidentRules.Transition.Rejected r) {
            events.warning(policy, "AcknowledgeRejected", r.reason() + ": " + r.message());
        }
    }

    /** A Warning when notifications start failing (or fail for another reason), a Normal one when they get through again. */
    public void delivery(SLAPolicy policy, SLAPolicyStatus before, SLAPolicyStatus after) {
        Condition was = before == null ? null : Conditions.get(before.conditions, PolicyStatusBuilder.DELIVERED);
        Condition now = Conditions.get(after.conditions, PolicyStatusBuilder.DELIVERED);
        if (now == null) return;
        boolean failing = "False".equals(now.getStatus());
        boolean wasFailing = was != null && "False".equals(was.getStatus());
        if (failing && (!wasFailing || !now.getReason().equals(was.getReason()))) {
            events.warning(policy, "DeliveryFailing", now.getReason() + ": " + now.getMessage());
        } else if (!failing && wasFailing) {
            events.normal(policy, "DeliveryRecovered", "notifications get through again");
        }
    }
}
