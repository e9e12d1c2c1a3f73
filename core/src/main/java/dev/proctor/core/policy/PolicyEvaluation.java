package dev.proctor.core.policy;

import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.AlertRules;
import dev.proctor.core.alert.AlertType;
import dev.proctor.core.alert.Dispatcher;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.Route;
import dev.proctor.core.alert.Severity;
import dev.proctor.core.incident.Incident;
import dev.proctor.core.incident.IncidentBook;
import dev.proctor.core.incident.IncidentRules;
import dev.proctor.core.incident.IncidentState;
import dev.proctor.core.sla.ObjectiveStatus;
import dev.proctor.core.sla.RunHistoryRing;
import dev.proctor.core.sla.RunRecord;
import dev.proctor.core.sla.SloEvaluator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One evaluation of a policy, wiring core's rules in their order: fold the new runs into the ring, apply a
 * person's acknowledgement, evaluate the objectives, derive alerts, move incidents, stamp page alerts with their
 * incident, dispatch, and queue the notifications. Runs are told apart by uid, so a run recreated under the name of
 * an earlier one is a new run. Pure; the reconciler reads its input and writes its output.
 */
public final class PolicyEvaluation {
    private PolicyEvaluation() {}

    /**
     * @param acknowledge      incident id from the policy's annotation, or null when there is none (or it was handled)
     * @param trackIncidents   receivers that keep incidents of their own (PagerDuty): an acknowledgement is passed on
     *                         to those that were notified about the incident
     */
    public record Input(PolicyState state, PolicySettings settings, List<RunRecord> newRuns, String acknowledge,
                        Dispatcher.Config routes, java.util.Set<String> trackIncidents, Instant now) {}

    /**
     * @param acknowledgement what became of {@code acknowledge}: null when there was none
     * @param nextWakeUp      earliest deadline: a dispatcher flush, an escalation step or a quiet period
     */
    public record Output(PolicyState state, List<ObjectiveStatus> objectives, List<Notification> queued,
                         IncidentRules.Transition acknowledgement, List<Incident> opened, List<Incident> escalated,
                         List<Incident> resolved, Instant nextWakeUp) {}

    public static Output evaluate(Input in) {
        PolicySettings s = in.settings();
        Instant now = in.now();
        RunHistoryRing ring = in.state().ring();
        List<RunRecord> folded = new ArrayList<>();
        for (RunRecord r : in.newRuns().stream().sorted(Comparator.comparing(RunRecord::finishedAt)).toList()) {
            if (!ring.contains(r) && !olderThanAFullRing(ring, r)) {
                ring = ring.add(r);
                folded.add(r);
            }
        }
        IncidentBook book = in.state().book();
        IncidentRules.Transition ack = null;
        String handled = in.state().acknowledged();
        if (in.acknowledge() != null) {
            ack = IncidentRules.acknowledge(book, s.incidentPolicy(), in.acknowledge(), "annotation " + in.acknowledge(), now);
            if (ack instanceof IncidentRules.Transition.Accepted a) book = a.book();
            handled = in.acknowledge();
        }
        List<RunRecord> history = ring.records();
        List<ObjectiveStatus> statuses = s.objectives().stream().map(o -> SloEvaluator.evaluate(o, s.alerting(), history, now)).toList();
        List<Alert> alerts = new ArrayList<>();
        for (RunRecord r : folded) alerts.addAll(AlertRules.forRun(s.alertSettings(), s.labels(), r));
        alerts.addAll(AlertRules.forSlo(s.alertSettings(), s.labels(), statuses));

        IncidentRules.Step step = IncidentRules.observe(book, s.incidentPolicy(), alerts, history, now);
        List<Alert> reported = new ArrayList<>();
        for (Alert a : alerts) reported.add(withIncident(a, step.book()));
        reported.addAll(step.escalations());

        Dispatcher.Step dispatch = Dispatcher.step(in.state().dispatch(), in.routes(), reported, now);
        List<Notification> queued = dispatch.notifications().stream()
                .filter(n -> !Route.UNROUTED.equals(n.receiver())).toList();
        List<OutboxEntry> outbox = new ArrayList<>(in.state().outbox());
        for (Notification n : queued) outbox.add(OutboxEntry.of(n, now));
        if (ack instanceof IncidentRules.Transition.Accepted a) {
            outbox.addAll(acknowledgements(a.incident().id(), in.state().dispatch(), in.trackIncidents(), now));
        }
        for (Incident resolved : step.resolvedNow()) {
            outbox.addAll(resolutions(resolved.id(), dispatch.state(), in.trackIncidents(), now));
        }

        PolicyState next = new PolicyState(ring, step.book(), dispatch.state(), outbox, handled);
        return new Output(next, statuses, queued, ack, opened(in.state().book(), step.book()),
                escalated(in.state().book(), step.book()), step.resolvedNow(),
                wakeUp(dispatch.nextWakeUp(), step.book(), s, now));
    }

    /** A run the full ring already dropped would be added and dropped again on every reconcile. */
    private static boolean olderThanAFullRing(RunHistoryRing ring, RunRecord r) {
        return ring.records().size() >= ring.capacity() && r.finishedAt().isBefore(ring.records().get(0).finishedAt());
    }

    /** The incident-tracking receivers whose groups hold alerts of the incident. */
    static List<OutboxEntry> acknowledgements(String incident, dev.proctor.core.alert.DispatchState dispatch,
                                          java.util.Set<String> trackIncidents, Instant now) {
        return dispatch.groups().stream()
                .filter(g -> trackIncidents.contains(g.receiver()))
                .filter(g -> g.alerts().stream().anyMatch(a -> incident.equals(a.annotations().get(Alert.INCIDENT))))
                .map(dev.proctor.core.alert.AggregationGroup::receiver).distinct().sorted()
                .map(r -> OutboxEntry.acknowledgement(r, incident, now)).toList();
    }

    /**
     * The incident-tracking receivers still holding a firing alert of an incident that resolved by itself (the burn
     * stopped, no passing run resolved the alert): without a resolve they would keep the incident open. When a
     * passing run resolved the alert, its resolved notification already closes the receiver's incident.
     */
    static List<OutboxEntry> resolutions(String incident, dev.proctor.core.alert.DispatchState dispatch,
                                     java.util.Set<String> trackIncidents, Instant now) {
        return dispatch.groups().stream()
                .filter(g -> trackIncidents.contains(g.receiver()))
                .filter(g -> g.alerts().stream().anyMatch(a -> incident.equals(a.annotations().get(Alert.INCIDENT)) && !a.resolvedAt(now)))
                .map(dev.proctor.core.alert.AggregationGroup::receiver).distinct().sorted()
                .map(r -> OutboxEntry.resolution(r, incident, now)).toList();
    }

    /** Core leaves the incident id off page alerts; receivers that deduplicate (PagerDuty) key on it. */
    static Alert withIncident(Alert alert, IncidentBook book) {
        if (alert.severity() != Severity.Page || alert.type() == AlertType.IncidentEscalated || alert.resolvedAt(alert.startsAt())) {
            return alert;
        }
        return book.activeByKey(IncidentRules.key(alert)).map(i -> alert.withAnnotation(Alert.INCIDENT, i.id())).orElse(alert);
    }

    private static List<Incident> opened(IncidentBook before, IncidentBook after) {
        return after.incidents().stream().filter(i -> before.byId(i.id()).isEmpty()).toList();
    }

    private static List<Incident> escalated(IncidentBook before, IncidentBook after) {
        return after.incidents().stream().filter(i -> i.escalationLevel() > before.byId(i.id()).map(Incident::escalationLevel).orElse(0))
                .toList();
    }

    private static Instant wakeUp(Instant dispatch, IncidentBook book, PolicySettings s, Instant now) {
        List<Duration> steps = s.incidentPolicy().escalationSteps();
        Stream<Instant> incidents = book.active().stream().flatMap(i -> {
            List<Instant> due = new ArrayList<>();
            due.add(i.lastFiringAt().plus(s.incidentPolicy().quietPeriod()));
            if (i.state() == IncidentState.Open && i.escalationLevel() < steps.size()) {
                due.add(i.openedAt().plus(steps.get(i.escalationLevel())));
            }
            return due.stream();
        });
        Optional<Instant> earliest = Stream.concat(Stream.ofNullable(dispatch), incidents).min(Comparator.naturalOrder());
        return earliest.map(t -> t.isBefore(now) ? now : t).orElse(null);
    }
}
