package dev.proctor.core.alert;

import java.time.Duration;

/**
 * Caps that keep the dispatcher's state small enough for a ConfigMap (1 MiB). With the defaults and alerts as the
 * rules make them (under 1 KiB each), the worst case is about 64 × 32 alerts ≈ 2,000 alerts; in practice a policy
 * has a handful. What does not fit is counted in {@link DispatchState#droppedAlerts()}, never silently lost.
 *
 * @param maxGroups         new groups beyond this are refused
 * @param maxAlertsPerGroup new alerts beyond this are refused (known alerts still update and resolve)
 * @param maxLogEntries     the oldest notification-log entries of groups that no longer exist go first
 * @param logRetention      entries of groups that no longer exist are forgotten after this (Alertmanager: 120h)
 */
public record DispatchLimits(int maxGroups, int maxAlertsPerGroup, int maxLogEntries, Duration logRetention) {
    public DispatchLimits {
        maxGroups = maxGroups <= 0 ? 64 : maxGroups;
        maxAlertsPerGroup = maxAlertsPerGroup <= 0 ? 32 : maxAlertsPerGroup;
        maxLogEntries = maxLogEntries <= 0 ? 256 : maxLogEntries;
        logRetention = logRetention == null || logRetention.isNegative() || logRetention.isZero()
                ? Duration.ofHours(120) : logRetention;
    }

    public static DispatchLimits defaults() {
        return new DispatchLimits(0, 0, 0, null);
    }
}
