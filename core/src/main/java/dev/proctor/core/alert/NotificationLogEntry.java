package dev.proctor.core.alert;

import java.time.Instant;
import java.util.List;

/**
 * What a receiver was last told about a group, as in Alertmanager's notification log: decides whether the next
 * flush has anything new to say.
 *
 * @param firing   fingerprints firing in the last notification, sorted
 * @param resolved fingerprints resolved in the last notification, sorted
 */
public record NotificationLogEntry(String groupKey, String receiver, Instant sentAt, List<String> firing,
                                   List<String> resolved) {
    public NotificationLogEntry {
        firing = firing == null ? List.of() : firing.stream().sorted().distinct().toList();
        resolved = resolved == null ? List.of() : resolved.stream().sorted().distinct().toList();
    }
}
