package dev.proctor.core.incident;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The incidents a policy shows: all active ones and the most recent resolved ones, newest opened first.
 *
 * @param notOpened page alerts that found the active cap full, over the book's lifetime
 */
public record IncidentBook(List<Incident> incidents, long notOpened) {
    public IncidentBook {
        incidents = incidents == null ? List.of()
                : incidents.stream().sorted(Comparator.comparing(Incident::openedAt).reversed()
                        .thenComparing(Incident::id)).toList();
        notOpened = Math.max(0, notOpened);
    }

    public static IncidentBook empty() {
        return new IncidentBook(List.of(), 0);
    }

    public Optional<Incident> byId(String id) {
        return incidents.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public Optional<Incident> activeByKey(String key) {
        return incidents.stream().filter(i -> i.active() && i.key().equals(key)).findFirst();
    }

    public List<Incident> active() {
        return incidents.stream().filter(Incident::active).toList();
    }
}
