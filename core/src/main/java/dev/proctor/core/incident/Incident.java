package dev.proctor.core.incident;

import dev.proctor.core.alert.Severity;
import dev.proctor.core.sla.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One incident: opened by a page-level alert, closed by a person or by the burn stopping.
 *
 * @param key             fingerprint of the labels that identify what burns ({@link IncidentRules#key})
 * @param labels          those labels
 * @param summary         the opening alert's summary
 * @param firstBadRunAt   finish time of the first run of the failing streak that led here (time to detect
 *                        starts there); openedAt when there was none
 * @param lastFiringAt    the last time a page-level alert with this key was seen firing
 * @param escalatedAt     when each escalation level was reached; its size is the level
 * @param badRuns         names of the bad runs seen while open, at most {@link #MAX_NAMES}; a name can repeat when
 *                        CI recreated a run under it
 * @param badRunKeys      {@link RunRecord#key()} of each of {@code badRuns}, in the same order: which runs are
 *                        recorded. An incident stored before keys were kept reads with its names as keys
 * @param failedTests     failed tests of those runs, at most {@link #MAX_NAMES}
 * @param timeline        by time, at most the policy's cap; the oldest entries are dropped first
 * @param timelineDropped entries dropped to keep the cap
 */
public record Incident(String id, String key, SortedMap<String, String> labels, Severity severity, String summary,
                       IncidentState state, Instant openedAt, Instant firstBadRunAt, Instant lastFiringAt,
                       Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy,
                       List<Instant> escalatedAt, List<String> badRuns, List<String> badRunKeys, List<String> failedTests,
                       List<TimelineEntry> timeline, int timelineDropped) {
    public static final int MAX_NAMES = 20;
    /** Who resolves an incident when the burn stops. */
    public static final String AUTO = "proctor (burn stopped)";

    public Incident {
        labels = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
        escalatedAt = escalatedAt == null ? List.of() : List.copyOf(escalatedAt);
        badRuns = badRuns == null ? List.of() : List.copyOf(badRuns);
        badRunKeys = badRunKeys == null || badRunKeys.size() != badRuns.size() ? badRuns : List.copyOf(badRunKeys);
        failedTests = failedTests == null ? List.of() : List.copyOf(failedTests);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        timelineDropped = Math.max(0, timelineDropped);
    }

    public int escalationLevel() {
        return escalatedAt.size();
    }

    public boolean active() {
        return !state.isTerminal();
    }

    Incident withState(IncidentState next, Instant at, String by) {
        return new Incident(id, key, labels, severity, summary, next, openedAt, firstBadRunAt, lastFiringAt,
                next == IncidentState.Acknowledged ? at : acknowledgedAt,
                next == IncidentState.Acknowledged ? by : acknowledgedBy,
                next == IncidentState.Resolved ? at : resolvedAt, next == IncidentState.Resolved ? by : resolvedBy,
                escalatedAt, badRuns, badRunKeys, failedTests, timeline, timelineDropped);
    }

    Incident withFiring(Instant at) {
        return new Incident(id, key, labels, severity, summary, state, openedAt, firstBadRunAt, at, acknowledgedAt,
                acknowledgedBy, resolvedAt, resolvedBy, escalatedAt, badRuns, badRunKeys, failedTests, timeline, timelineDropped);
    }

    Incident withEscalation(Instant at) {
        List<Instant> levels = new ArrayList<>(escalatedAt);
        levels.add(at);
        return new Incident(id, key, labels, severity, summary, state, openedAt, firstBadRunAt, lastFiringAt,
                acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, levels, badRuns, badRunKeys, failedTests, timeline, timelineDropped);
    }

    Incident withRuns(List<String> runs, List<String> keys, List<String> tests) {
        return new Incident(id, key, labels, severity, summary, state, openedAt, firstBadRunAt, lastFiringAt,
                acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, escalatedAt, runs, keys, tests, timeline, timelineDropped);
    }

    /** The incident with one more timeline entry, dropping the oldest beyond {@code cap}. */
    Incident log(TimelineEntry entry, int cap) {
        List<TimelineEntry> next = new ArrayList<>(timeline);
        next.add(entry);
        next.sort(java.util.Comparator.comparing(TimelineEntry::at)); // stable: equal times keep their order
        int excess = Math.max(0, next.size() - Math.max(1, cap));
        return new Incident(id, key, labels, severity, summary, state, openedAt, firstBadRunAt, lastFiringAt,
                acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, escalatedAt, badRuns, badRunKeys, failedTests,
                next.subList(excess, next.size()), timelineDropped + excess);
    }
}
