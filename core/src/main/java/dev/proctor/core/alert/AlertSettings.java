package dev.proctor.core.alert;

import dev.proctor.core.sla.Urgency;
import java.util.EnumMap;
import java.util.Map;

/**
 * The severities an SLAPolicy gives its alerts. Anything it leaves out takes the default: failed and errored runs
 * and an exhausted budget open tickets, flaky tests are for information, an escalated incident pages, and a burn
 * pages or opens a ticket as its pair's urgency says.
 */
public record AlertSettings(Map<AlertType, Severity> severities, Map<Urgency, Severity> burnSeverities) {
    private static final Map<AlertType, Severity> DEFAULTS = Map.of(
            AlertType.RunFailed, Severity.Ticket,
            AlertType.RunError, Severity.Ticket,
            AlertType.FlakyTestDetected, Severity.Info,
            AlertType.BudgetExhausted, Severity.Ticket,
            AlertType.IncidentEscalated, Severity.Page,
            AlertType.SLOBurnRate, Severity.Page);

    public AlertSettings {
        EnumMap<AlertType, Severity> s = new EnumMap<>(DEFAULTS);
        if (severities != null) severities.forEach((k, v) -> { if (k != null && v != null) s.put(k, v); });
        severities = Map.copyOf(s);
        EnumMap<Urgency, Severity> b = new EnumMap<>(Map.of(Urgency.Page, Severity.Page, Urgency.Ticket, Severity.Ticket));
        if (burnSeverities != null) burnSeverities.forEach((k, v) -> { if (k != null && v != null) b.put(k, v); });
        burnSeverities = Map.copyOf(b);
    }

    public static AlertSettings defaults() {
        return new AlertSettings(Map.of(), Map.of());
    }

    public Severity severity(AlertType type) {
        return severities.get(type);
    }

    public Severity severity(Urgency urgency) {
        return burnSeverities.get(urgency);
    }
}
