package dev.proctor.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;

/**
 * Alerts that share a route and grouping labels, notified together. The timers are copied from the route when
 * the group is created, so that editing an AlertRoute does not reschedule groups already waiting.
 *
 * @param nextFlush when the group is next looked at: createdAt + groupWait before the first notification,
 *                  then every groupInterval
 * @param flushed   whether the first flush happened (after it, new alerts wait for the next interval)
 * @param alerts    sorted by fingerprint, at most {@link DispatchLimits#maxAlertsPerGroup()}
 */
public record AggregationGroup(String key, String routeId, String receiver, SortedMap<String, String> groupLabels,
                               Duration groupWait, Duration groupInterval, Duration repeatInterval,
                               Instant createdAt, Instant nextFlush, boolean flushed, List<Alert> alerts) {
    public AggregationGroup {
        groupLabels = groupLabels == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(groupLabels);
        alerts = alerts == null ? List.of()
                : alerts.stream().sorted(Comparator.comparing(Alert::fingerprint)).toList();
    }

    AggregationGroup with(Instant next, boolean flushedNow, List<Alert> newAlerts) {
        return new AggregationGroup(key, routeId, receiver, groupLabels, groupWait, groupInterval, repeatInterval,
                createdAt, next, flushedNow, newAlerts);
    }
}
