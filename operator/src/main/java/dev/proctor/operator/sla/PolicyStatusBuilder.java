package dev.proctor.operator.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proctor.core.incident.Incident;
import dev.proctor.core.incident.IncidentRules;
import dev.proctor.core.policy.IncidentReports;
import dev.proctor.core.policy.Outbox;
import dev.proctor.core.policy.OutboxEntry;
import dev.proctor.core.policy.PolicyDecision;
import dev.proctor.core.policy.PolicyEvaluation;
import dev.proctor.core.policy.PolicyStateCodec;
import dev.proctor.core.sla.Compliance;
import dev.proctor.core.sla.ObjectiveKind;
import dev.proctor.core.sla.ObjectiveStatus;
import dev.proctor.core.sla.PairStatus;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.sla.IncidentView;
import dev.proctor.operator.api.v1alpha1.sla.ObjectiveStatusView;
import dev.proctor.operator.api.v1alpha1.sla.SLAPolicySpec;
import dev.proctor.operator.api.v1alpha1.sla.SLAPolicyStatus;
import dev.proctor.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status a policy shows: a bounded view of the evaluation and the incident book. Conditions: Ready (the
 * policy is evaluated; with enforcement Gate also False while an objective is breached), Compliant, and
 * NotificationsDelivered (False while a notification waits after a failed attempt, with that failure's reason).
 */
public final class PolicyStatusBuilder {
    public static final String READY = "Ready";
    public static final String COMPLIANT = "Compliant";
    public static final String DELIVERED = "NotificationsDelivered";
    /**
     * Present once a part of the policy's state ConfigMap could not be read: False (Unreadable) when it was found, True
     * (Readable) afterwards while unreadable copies are still kept in the ConfigMap.
     */
    public static final String STATE_READABLE = "StateReadable";
    /** Timeline entries shown per incident; the state ConfigMap keeps up to the policy's cap. */
    static final int TIMELINE_SHOWN = 10;
    /** The SRE workbook's fastest pair, the one the Burn(1h) column shows. */
    static final String FAST_PAIR = "1h/5m";

    private static final ObjectMapper COPIER = new ObjectMapper();

    private PolicyStatusBuilder() {}

    /** The status after a decision: the evaluation's view, the outbox's delivery, and what could not be read. */
    public static SLAPolicyStatus build(SLAPolicy policy, SLAPolicyStatus before, PolicyDecision decision, Instant now) {
        SLAPolicyStatus s = build(policy, before, decision.evaluation(), decision.outbox(), now);
        stateReadable(s, policy, decision.unreadable(), decision.keptAside(), now);
        return s;
    }

    static SLAPolicyStatus build(SLAPolicy policy, SLAPolicyStatus before, PolicyEvaluation.Output out,
                                 List<OutboxEntry> outbox, Instant now) {
        SLAPolicyStatus s = new SLAPolicyStatus();
        Long generation = policy.getMetadata().getGeneration();
        s.observedGeneration = generation;
        s.objectives = out.objectives().stream().map(PolicyStatusBuilder::objective).toList();
        boolean breached = out.objectives().stream().anyMatch(o -> o.compliance() == Compliance.Breached);
        s.compliant = !breached;
        s.budgetRemaining = out.objectives().stream().mapToDouble(ObjectiveStatus::budgetRemaining).min()
                .stream().mapToObj(PolicyStatusBuilder::percent).findFirst().orElse(null);
        s.burnRate1h = out.objectives().stream().flatMap(o -> o.pairs().stream())
                .filter(p -> FAST_PAIR.equals(p.pair().name()) && p.longTally().rate() != null)
                .mapToDouble(p -> p.longTally().rate()).max().stream().mapToObj(PolicyStatusBuilder::number).findFirst().orElse("n/a");
        s.openIncidents = out.state().book().active().size();
        s.incidents = out.state().book().incidents().stream().map(PolicyStatusBuilder::incident).toList();
        s.runsInHistory = out.state().ring().records().size();
        List<dev.proctor.core.sla.RunRecord> records = out.state().ring().records();
        s.lastRun = records.isEmpty() ? null : records.get(records.size() - 1).run();
        s.stateConfigMap = SlaNames.stateConfigMap(policy.getMetadata().getName());
        s.pendingNotifications = outbox.size();
        s.lastAcknowledge = acknowledgement(out.acknowledgement(), out.state().acknowledged(), before);
        boolean gate = policy.getSpec().enforcement == SLAPolicySpec.Enforcement.Gate;
        List<dev.proctor.core.sla.ObjectiveStatus> breachedList = out.objectives().stream().filter(o -> o.compliance() == Compliance.Breached).toList();
        String breachMessage = breachedList.isEmpty() ? "every objective with data is met"
                : "breached: " + String.join(", ", breachedList.stream().map(o -> o.objective().name()).toList());
        var conditions = Conditions.set(before == null ? null : before.conditions, COMPLIANT, !breached,
                breached ? "ObjectiveBreached" : "ObjectivesMet", breachMessage, generation, now);
        conditions = delivery(conditions, outbox, generation, now);
        s.conditions = gate && breached
                ? Conditions.set(conditions, READY, false, "GateFailed", breachMessage, generation, now)
                : Conditions.set(conditions, READY, true, "Evaluated", "evaluated " + s.runsInHistory + " runs", generation, now);
        return s;
    }

    /** Says, on a status just built, what could not be read from the state ConfigMap and where its text is kept. */
    static void stateReadable(SLAPolicyStatus status, SLAPolicy policy, Map<String, String> unreadable, List<String> keptAside,
                              Instant now) {
        Long generation = policy.getMetadata().getGeneration();
        String configMap = SlaNames.stateConfigMap(policy.getMetadata().getName());
        if (!unreadable.isEmpty()) {
            status.conditions = Conditions.set(status.conditions, STATE_READABLE, false, "Unreadable",
                    describeUnreadable(configMap, unreadable), generation, now);
        } else if (!keptAside.isEmpty()) {
            status.conditions = Conditions.set(status.conditions, STATE_READABLE, true, "Readable", "state read; unreadable copies "
                    + "are kept in ConfigMap " + configMap + " under keys " + String.join(", ", keptAside), generation, now);
        }
    }

    /** What the condition and the Event say: each unreadable key, why, and that it starts afresh. */
    public static String describeUnreadable(String configMap, Map<String, String> unreadable) {
        StringBuilder text = new StringBuilder("ConfigMap ").append(configMap).append(": ");
        unreadable.forEach((key, why) -> text.append("key ").append(key).append(" is unreadable (").append(why)
                .append("), kept as ").append(key).append(PolicyStateCodec.UNREADABLE_SUFFIX).append("; "));
        return text.append("those parts start afresh").toString();
    }

    /**
     * Whether notifications reach their receivers. Its message names the receiver and the masked failure, but
     * not attempt counts or times, so that a receiver failing the same way does not rewrite the status each retry.
     */
    static List<Condition> delivery(List<Condition> conditions, List<OutboxEntry> outbox, Long generation, Instant now) {
        OutboxEntry failing = Outbox.firstFailing(outbox);
        if (failing == null) {
            String message = outbox.isEmpty() ? "no notification is waiting" : outbox.size() + " being delivered";
            return Conditions.set(conditions, DELIVERED, true, "Delivered", message, generation, now);
        }
        long stuck = outbox.stream().filter(OutboxEntry::failedBefore).count();
        String reason = failing.lastReason() == null ? "DeliveryFailed" : failing.lastReason();
        return Conditions.set(conditions, DELIVERED, false, reason, stuck + " of " + outbox.size()
                + " pending notifications failed; " + failing.receiver() + ": " + failing.lastError(), generation, now);
    }

    /** The status when the spec cannot be turned into objectives (the API server's validation was bypassed). */
    public static SLAPolicyStatus invalid(SLAPolicy policy, SLAPolicyStatus before, String message, Instant now) {
        // a copy: the status read may be the informer cache's object, and the write is decided by comparing the two
        SLAPolicyStatus s = before == null ? new SLAPolicyStatus() : COPIER.convertValue(before, SLAPolicyStatus.class);
        s.observedGeneration = policy.getMetadata().getGeneration();
        s.conditions = Conditions.set(s.conditions, READY, false, "InvalidSpec", message, s.observedGeneration, now);
        return s;
    }

    private static String acknowledgement(IncidentRules.Transition t, String id, SLAPolicyStatus before) {
        if (t == null) return before == null ? null : before.lastAcknowledge;
        if (t instanceof IncidentRules.Transition.Rejected r) return id + ": " + r.reason() + " (" + r.message() + ")";
        return id + ": Acknowledged";
    }

    static ObjectiveStatusView objective(ObjectiveStatus o) {
        boolean duration = o.objective().kind() == ObjectiveKind.DurationP95 || o.objective().kind() == ObjectiveKind.DurationP99;
        List<ObjectiveStatusView.BurnRateView> burns = o.pairs().stream().map(PolicyStatusBuilder::burn).toList();
        return new ObjectiveStatusView(o.objective().name(), o.objective().kind().specName(),
                duration ? seconds(o.objective().target()) : number(o.objective().target()), o.objective().window().describe(),
                o.value() == null ? null : duration ? seconds(o.value()) : number(o.value()), o.compliance().name(),
                o.compliance() != Compliance.Breached, percent(o.budgetRemaining()), burns,
                o.budgetExhaustedAt() == null ? null : o.budgetExhaustedAt().toString());
    }

    private static ObjectiveStatusView.BurnRateView burn(PairStatus p) {
        return new ObjectiveStatusView.BurnRateView(p.pair().name(), p.longWindow(), p.shortWindow(),
                p.longTally().rate() == null ? null : number(p.longTally().rate()),
                p.shortTally().rate() == null ? null : number(p.shortTally().rate()), number(p.pair().factor()), p.firing());
    }

    static IncidentView incident(Incident i) {
        int from = Math.max(0, i.timeline().size() - TIMELINE_SHOWN);
        List<IncidentView.Entry> timeline = i.timeline().subList(from, i.timeline().size()).stream()
                .map(e -> new IncidentView.Entry(e.at().toString(), e.kind().name(), e.detail())).toList();
        return new IncidentView(i.id(), i.severity().label(), i.state().name(), i.summary(), i.openedAt().toString(),
                str(i.acknowledgedAt()), i.acknowledgedBy(), str(i.resolvedAt()), i.resolvedBy(), i.escalationLevel(),
                i.badRuns(), timeline, i.timelineDropped() + from, IncidentReports.key(i));
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String seconds(double value) {
        return number(value) + "s";
    }
}
