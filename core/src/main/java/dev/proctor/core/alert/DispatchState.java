package dev.proctor.core.alert;

import java.util.Comparator;
import java.util.List;

/**
 * Everything the dispatcher remembers between reconciles; the operator keeps it (as JSON, see
 * {@link DispatchStateCodec}) so that a restart neither forgets a waiting group nor re-sends what was sent.
 *
 * @param droppedAlerts alerts refused by the caps, over the state's lifetime
 */
public record DispatchState(List<AggregationGroup> groups, List<NotificationLogEntry> log, long droppedAlerts) {
    public DispatchState {
        // Null-safe orders: the codec reads whatever a ConfigMap holds before it drops incomplete entries.
        groups = groups == null ? List.of() : groups.stream().filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing(AggregationGroup::key, NULLS)).toList();
        log = log == null ? List.of()
                : log.stream().filter(java.util.Objects::nonNull)
                        .sorted(Comparator.comparing(NotificationLogEntry::groupKey, NULLS)
                                .thenComparing(NotificationLogEntry::receiver, NULLS)).toList();
        droppedAlerts = Math.max(0, droppedAlerts);
    }

    private static final Comparator<String> NULLS = Comparator.nullsFirst(Comparator.naturalOrder());

    public static DispatchState empty() {
        return new DispatchState(List.of(), List.of(), 0);
    }
}
