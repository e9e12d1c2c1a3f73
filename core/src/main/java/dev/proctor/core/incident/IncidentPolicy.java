package dev.proctor.core.incident;

import dev.proctor.core.alert.Severity;
import java.time.Duration;
import java.util.List;

/**
 * How incidents of an SLAPolicy behave.
 *
 * @param escalationSteps     offsets from opening, increasing: level k is reached when the incident is still
 *                            unacknowledged {@code escalationSteps[k-1]} after it opened (e.g. [15m, 30m])
 * @param quietPeriod         an incident resolves by itself once no page-level alert with its key has fired for
 *                            this long (default 30m)
 * @param escalationSeverity  severity of the IncidentEscalated alerts (default page)
 * @param timelineCap         timeline entries kept per incident (default 50)
 * @param maxActive           open or acknowledged incidents kept; more are not opened but counted (default 50)
 * @param keepResolved        resolved incidents kept for the status, newest first (default 10)
 */
public record IncidentPolicy(List<Duration> escalationSteps, Duration quietPeriod, Severity escalationSeverity,
                             int timelineCap, int maxActive, int keepResolved) {
    public IncidentPolicy {
        escalationSteps = escalationSteps == null ? List.of()
                : escalationSteps.stream().filter(d -> d != null && !d.isNegative()).sorted().distinct().toList();
        quietPeriod = quietPeriod == null || quietPeriod.isNegative() ? Duration.ofMinutes(30) : quietPeriod;
        escalationSeverity = escalationSeverity == null ? Severity.Page : escalationSeverity;
        timelineCap = timelineCap <= 0 ? 50 : timelineCap;
        maxActive = maxActive <= 0 ? 50 : maxActive;
        keepResolved = keepResolved < 0 ? 10 : keepResolved;
    }

    public static IncidentPolicy of(List<Duration> escalationSteps, Duration quietPeriod) {
        return new IncidentPolicy(escalationSteps, quietPeriod, null, 0, 0, -1);
    }
}
