package dev.proctor.operator.sla;

import dev.proctor.core.alert.AlertSettings;
import dev.proctor.core.alert.AlertType;
import dev.proctor.core.alert.Severity;
import dev.proctor.core.incident.IncidentPolicy;
import dev.proctor.core.policy.PolicySettings;
import dev.proctor.core.sla.BurnAlerting;
import dev.proctor.core.sla.BurnWindowPair;
import dev.proctor.core.sla.Objective;
import dev.proctor.core.sla.ObjectiveKind;
import dev.proctor.core.sla.RunHistoryRing;
import dev.proctor.core.sla.Urgency;
import dev.proctor.core.sla.Window;
import dev.proctor.core.time.GoDuration;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.sla.AlertingSpec;
import dev.proctor.operator.api.v1alpha1.sla.BurnRateSpec;
import dev.proctor.operator.api.v1alpha1.sla.ObjectiveSpec;
import dev.proctor.operator.api.v1alpha1.sla.SeveritiesSpec;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An SLAPolicy's spec as core's {@link PolicySettings}. The API server has validated the spec; what it cannot check
 * (a short window longer than its long one) throws IllegalArgumentException with a message naming the field.
 */
public final class PolicySpecs {
    /** The label every alert of a policy carries with the policy's name. */
    public static final String POLICY_LABEL = "policy";

    private PolicySpecs() {}

    public static PolicySettings settings(SLAPolicy policy) {
        var spec = policy.getSpec();
        AlertingSpec a = spec.alerting == null ? new AlertingSpec() : spec.alerting;
        List<Objective> objectives = spec.objectives.stream().map(PolicySpecs::objective).toList();
        List<BurnWindowPair> pairs = a.burnRates == null ? List.of() : a.burnRates.stream().map(PolicySpecs::pair).toList();
        BurnAlerting alerting = new BurnAlerting(pairs, a.minRuns == null ? 0 : a.minRuns, a.minShortRuns == null ? 1 : a.minShortRuns);
        List<Duration> steps = a.escalation == null || a.escalation.steps == null ? List.of()
                : a.escalation.steps.stream().map(s -> parse("alerting.escalation.steps.after", s.after)).toList();
        Duration quiet = a.escalation == null || a.escalation.quietPeriod == null ? null
                : parse("alerting.escalation.quietPeriod", a.escalation.quietPeriod);
        SeveritiesSpec sev = a.severities;
        Severity escalation = sev == null ? null : severity(sev.incidentEscalated);
        IncidentPolicy incidents = new IncidentPolicy(steps, quiet, escalation, 0, 0, -1);
        Map<String, String> labels = new TreeMap<>();
        if (spec.alertLabels != null) labels.putAll(spec.alertLabels);
        labels.put("namespace", policy.getMetadata().getNamespace());
        labels.put(POLICY_LABEL, policy.getMetadata().getName());
        int capacity = spec.historyRuns == null ? RunHistoryRing.DEFAULT_CAPACITY : spec.historyRuns;
        return new PolicySettings(objectives, alerting, new AlertSettings(severities(sev), Map.of()), incidents, capacity, labels);
    }

    public static Objective objective(ObjectiveSpec o) {
        Window window = o.window != null ? new Window.Time(parse("objectives.window", o.window)) : new Window.Runs(o.lastRuns);
        if (o.passRate != null) return new Objective(o.name, ObjectiveKind.PassRate, o.passRate, window);
        if (o.flakyRate != null) return new Objective(o.name, ObjectiveKind.FlakyRate, o.flakyRate, window);
        if (o.durationP95 != null) return new Objective(o.name, ObjectiveKind.DurationP95, seconds(o.durationP95), window);
        if (o.durationP99 != null) return new Objective(o.name, ObjectiveKind.DurationP99, seconds(o.durationP99), window);
        throw new IllegalArgumentException("objective " + o.name + " sets none of passRate, durationP95, durationP99, flakyRate");
    }

    private static double seconds(String duration) {
        return parse("objectives.duration", duration).toMillis() / 1000.0;
    }

    static BurnWindowPair pair(BurnRateSpec b) {
        try {
            return new BurnWindowPair(parse("alerting.burnRates.longWindow", b.longWindow),
                    parse("alerting.burnRates.shortWindow", b.shortWindow), b.factor,
                    b.urgency == BurnRateSpec.Urgency.Ticket ? Urgency.Ticket : Urgency.Page);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("alerting.burnRates " + b.longWindow + "/" + b.shortWindow + ": "
                    + (e.getMessage() == null ? "invalid" : e.getMessage()));
        }
    }

    private static Map<AlertType, Severity> severities(SeveritiesSpec s) {
        Map<AlertType, Severity> out = new EnumMap<>(AlertType.class);
        if (s == null) return out;
        put(out, AlertType.RunFailed, s.runFailed);
        put(out, AlertType.RunError, s.runError);
        put(out, AlertType.FlakyTestDetected, s.flakyTestDetected);
        put(out, AlertType.BudgetExhausted, s.budgetExhausted);
        put(out, AlertType.IncidentEscalated, s.incidentEscalated);
        return out;
    }

    private static void put(Map<AlertType, Severity> out, AlertType type, SeveritiesSpec.Level level) {
        Severity s = severity(level);
        if (s != null) out.put(type, s);
    }

    private static Severity severity(SeveritiesSpec.Level level) {
        return level == null ? null : Severity.valueOf(level.name());
    }

    private static Duration parse(String field, String text) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }
}
