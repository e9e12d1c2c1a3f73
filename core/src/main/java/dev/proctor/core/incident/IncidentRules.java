package dev.proctor.core.incident;

import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.AlertRules;
import dev.proctor.core.alert.AlertType;
import dev.proctor.core.alert.Severity;
import dev.proctor.core.sla.RunRecord;
import dev.proctor.core.time.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The incident lifecycle, pure and driven by {@code now}:
 * <ul>
 *   <li>a firing page-level alert (other than IncidentEscalated) opens an incident for its key, unless one is
 *       already active for that key; the key leaves out what only says which burn window fired
 *       ({@code severity}, {@code burn_pair}, {@code long_window}, {@code short_window}), so the 1h and 6h burns of
 *       one objective are one incident;
 *   <li>while open and unacknowledged, it climbs one escalation level per step that has passed since opening, and
 *       each level is an IncidentEscalated alert that fires until the incident is acknowledged or resolved (or
 *       the next level supersedes it);
 *   <li>it resolves by itself when no page-level alert with its key has fired for the policy's quiet period;
 *   <li>people acknowledge or resolve it by id. Transitions only move forward; a refused one is a
 *       {@link Transition.Rejected}, never an exception.
 * </ul>
 */
public final class IncidentRules {
    static final Set<String> WINDOW_LABELS = Set.of(Alert.SEVERITY, AlertRules.BURN_PAIR, AlertRules.LONG_WINDOW,
            AlertRules.SHORT_WINDOW);
    public static final String INCIDENT_LABEL = "incident";
    public static final String LEVEL_LABEL = "escalation_level";
    public static final String SOURCE_ALERT_LABEL = "source_alert";

    private IncidentRules() {}

    /**
     * @param book            the incidents as last stored
     * @param escalations     IncidentEscalated alerts, firing and resolved, for every incident in the book
     * @param resolvedNow     incidents this step resolved, for their post-incident reports
     */
    public record Step(IncidentBook book, List<Alert> escalations, List<Incident> resolvedNow) {}

    /** The answer to a person's request. */
    public sealed interface Transition permits Transition.Accepted, Transition.Rejected {
        record Accepted(IncidentBook book, Incident incident) implements Transition {}

        record Rejected(Rejection reason, String message) implements Transition {}
    }

    public enum Rejection { NotFound, AlreadyAcknowledged, AlreadyResolved }

    /** Labels that identify what an alert says is burning. */
    public static SortedMap<String, String> keyLabels(Alert alert) {
        TreeMap<String, String> labels = new TreeMap<>(alert.labels());
        labels.keySet().removeAll(WINDOW_LABELS);
        return labels;
    }

    public static String key(Alert alert) {
        return Alert.fingerprint(keyLabels(alert));
    }

    /** {@code inc-} + 8 hex digits of the key + {@code -} + opening time in epoch seconds: short and stable. */
    public static String incidentId(String key, Instant openedAt) {
        return "inc-" + key.substring(0, Math.min(8, key.length())) + "-" + openedAt.getEpochSecond();
    }

    /**
     * One evaluation: open, refresh, escalate and auto-resolve.
     *
     * @param alerts all alerts the rules report now (only firing page-level ones matter)
     * @param runs   the policy's run history, oldest first, for time to detect and the runs involved
     */
    public static Step observe(IncidentBook book, IncidentPolicy policy, List<Alert> alerts, List<RunRecord> runs,
                               Instant now) {
        Map<String, Alert> paging = new LinkedHashMap<>();
        for (Alert a : alerts) {
            if (a.severity() == Severity.Page && a.type() != AlertType.IncidentEscalated && !a.resolvedAt(now)) {
                paging.putIfAbsent(key(a), a);
            }
        }
        List<Incident> incidents = new ArrayList<>(book.incidents());
        long notOpened = book.notOpened();
        for (Map.Entry<String, Alert> e : paging.entrySet()) {
            int index = indexOfActive(incidents, e.getKey());
            if (index >= 0) {
                incidents.set(index, incidents.get(index).withFiring(now));
            } else if (incidents.stream().filter(Incident::active).count() >= policy.maxActive()) {
                notOpened++;
            } else {
                incidents.add(open(e.getKey(), e.getValue(), policy, runs, now));
            }
        }
        List<Incident> resolvedNow = new ArrayList<>();
        for (int i = 0; i < incidents.size(); i++) {
            Incident incident = incidents.get(i);
            if (!incident.active()) continue;
            incident = recordBadRuns(incident, policy, runs, now);
            if (incident.state() == IncidentState.Open) incident = escalate(incident, policy, now);
            if (!paging.containsKey(incident.key()) && !incident.lastFiringAt().plus(policy.quietPeriod()).isAfter(now)) {
                incident = incident.withState(IncidentState.Resolved, now, Incident.AUTO)
                        .log(new TimelineEntry(now, TimelineEntry.Kind.Resolved, "no page-level alert for "
                                + GoDuration.format(policy.quietPeriod())), policy.timelineCap());
                resolvedNow.add(incident);
            }
            incidents.set(i, incident);
        }
        IncidentBook next = trim(incidents, notOpened, policy);
        return new Step(next, escalationAlerts(next, policy), List.copyOf(resolvedNow));
    }

    public static Transition acknowledge(IncidentBook book, IncidentPolicy policy, String id, String by, Instant now) {
        return move(book, policy, id, IncidentState.Acknowledged, by, now);
    }

    public static Transition resolve(IncidentBook book, IncidentPolicy policy, String id, String by, Instant now) {
        return move(book, policy, id, IncidentState.Resolved, by, now);
    }

    private static Transition move(IncidentBook book, IncidentPolicy policy, String id, IncidentState next, String by,
                                   Instant now) {
        Incident incident = book.byId(id == null ? "" : id).orElse(null);
        if (incident == null) return new Transition.Rejected(Rejection.NotFound, "no incident " + id);
        if (!incident.state().canMoveTo(next)) {
            Rejection why = incident.state() == IncidentState.Resolved ? Rejection.AlreadyResolved : Rejection.AlreadyAcknowledged;
            return new Transition.Rejected(why, "incident " + id + " is already " + incident.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        String who = by == null || by.isBlank() ? "unknown" : by;
        Incident moved = incident.withState(next, now, who).log(new TimelineEntry(now,
                next == IncidentState.Acknowledged ? TimelineEntry.Kind.Acknowledged : TimelineEntry.Kind.Resolved,
                "by " + who), policy.timelineCap());
        List<Incident> incidents = new ArrayList<>(book.incidents());
        incidents.replaceAll(i -> i.id().equals(id) ? moved : i);
        return new Transition.Accepted(trim(incidents, book.notOpened(), policy), moved);
    }

    /**
     * IncidentEscalated alerts for the book: level k fires from its escalation until the next level, the
     * acknowledgement or the resolution. Resolved ones are reported again on every step, which the dispatcher
     * ignores once the group is gone.
     */
    public static List<Alert> escalationAlerts(IncidentBook book, IncidentPolicy policy) {
        List<Alert> alerts = new ArrayList<>();
        for (Incident incident : book.incidents()) {
            for (int level = 1; level <= incident.escalationLevel(); level++) {
                TreeMap<String, String> labels = new TreeMap<>(incident.labels());
                String source = labels.remove(Alert.ALERTNAME);
                if (source != null) labels.put(SOURCE_ALERT_LABEL, source);
                labels.put(INCIDENT_LABEL, incident.id());
                labels.put(LEVEL_LABEL, Integer.toString(level));
                Instant start = incident.escalatedAt().get(level - 1);
                Instant end = level < incident.escalationLevel() ? incident.escalatedAt().get(level)
                        : incident.state() == IncidentState.Acknowledged ? incident.acknowledgedAt()
                        : incident.state() == IncidentState.Resolved ? incident.resolvedAt() : null;
                Map<String, String> annotations = Map.of(
                        "summary", "incident " + incident.id() + " unacknowledged for "
                                + GoDuration.format(Duration.between(incident.openedAt(), start)) + ", escalated to level " + level
                                + ": " + incident.summary(),
                        Alert.INCIDENT, incident.id());
                alerts.add(new Alert(AlertType.IncidentEscalated, policy.escalationSeverity(), labels,
                        new TreeMap<>(annotations), start, end));
            }
        }
        return alerts;
    }

    private static Incident open(String key, Alert alert, IncidentPolicy policy, List<RunRecord> runs, Instant now) {
        String suite = alert.labels().get(AlertRules.SUITE);
        Instant firstBad = now;
        for (int i = runs.size() - 1; i >= 0; i--) {
            RunRecord r = runs.get(i);
            if (r.finishedAt().isAfter(now) || suite != null && !suite.equals(r.suite())) continue;
            if (r.succeeded()) break;
            firstBad = r.finishedAt();
        }
        String summary = alert.annotations().getOrDefault("summary", alert.type().name());
        String id = incidentId(key, now);
        Incident incident = new Incident(id, key, keyLabels(alert), alert.severity(), summary, IncidentState.Open, now,
                firstBad, now, null, null, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), 0);
        // The streak's runs go first, so that a run finishing at the opening instant precedes "Opened".
        return recordBadRuns(incident, policy, runs, now).log(new TimelineEntry(now, TimelineEntry.Kind.Opened,
                alert.type().name() + ": " + summary), policy.timelineCap());
    }

    /** Adds the bad runs finished since the streak began that the incident has not recorded yet. */
    private static Incident recordBadRuns(Incident incident, IncidentPolicy policy, List<RunRecord> runs, Instant now) {
        String suite = incident.labels().get(AlertRules.SUITE);
        List<String> names = new ArrayList<>(incident.badRuns());
        List<String> keys = new ArrayList<>(incident.badRunKeys());
        LinkedHashSet<String> tests = new LinkedHashSet<>(incident.failedTests());
        Incident next = incident;
        for (RunRecord r : runs) {
            if (r.succeeded() || r.finishedAt().isBefore(incident.firstBadRunAt()) || r.finishedAt().isAfter(now)
                    || suite != null && !suite.equals(r.suite()) || keys.contains(r.key())) continue;
            if (names.size() >= Incident.MAX_NAMES) break;
            names.add(r.run());
            keys.add(r.key());
            for (String t : r.failedTests()) if (tests.size() < Incident.MAX_NAMES) tests.add(t);
            next = next.log(new TimelineEntry(r.finishedAt(), TimelineEntry.Kind.BadRun, r.run() + " " + r.phase()
                    + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")")
                    + (r.failed() > 0 ? ", " + r.failed() + " of " + r.tests() + " tests failed" : "")), policy.timelineCap());
        }
        return next == incident ? incident : next.withRuns(names, keys, List.copyOf(tests));
    }

    private static Incident escalate(Incident incident, IncidentPolicy policy, Instant now) {
        Incident next = incident;
        List<Duration> steps = policy.escalationSteps();
        while (next.escalationLevel() < steps.size()
                && !incident.openedAt().plus(steps.get(next.escalationLevel())).isAfter(now)) {
            int level = next.escalationLevel() + 1;
            next = next.withEscalation(now).log(new TimelineEntry(now, TimelineEntry.Kind.Escalated, "level " + level
                    + " after " + GoDuration.format(steps.get(level - 1)) + " unacknowledged"), policy.timelineCap());
        }
        return next;
    }

    private static IncidentBook trim(List<Incident> incidents, long notOpened, IncidentPolicy policy) {
        List<Incident> active = incidents.stream().filter(Incident::active).toList();
        List<Incident> resolved = incidents.stream().filter(i -> !i.active())
                .sorted(java.util.Comparator.comparing(Incident::resolvedAt).reversed())
                .limit(policy.keepResolved()).toList();
        List<Incident> kept = new ArrayList<>(active);
        kept.addAll(resolved);
        return new IncidentBook(kept, notOpened);
    }

    private static int indexOfActive(List<Incident> incidents, String key) {
        for (int i = 0; i < incidents.size(); i++) {
            if (incidents.get(i).active() && incidents.get(i).key().equals(key)) return i;
        }
        return -1;
    }
}
