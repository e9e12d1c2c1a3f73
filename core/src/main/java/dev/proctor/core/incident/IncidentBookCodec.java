package dev.proctor.core.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.proctor.core.alert.AlertJson;
import java.util.List;
import java.util.Objects;

/**
 * JSON form of an {@link IncidentBook}, for the SLAPolicy's status. Decoding is total: an unreadable book is
 * empty (an incident still burning is opened again by the next evaluation), and an incident missing its id, key,
 * state or times is dropped on its own.
 */
public final class IncidentBookCodec {
    private IncidentBookCodec() {}

    public static String encode(IncidentBook book) {
        try {
            return AlertJson.mapper().writeValueAsString(book);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an incident book is strings, numbers and times; it always serializes", e);
        }
    }

    public static IncidentBook decode(String json) {
        if (json == null || json.isBlank()) return IncidentBook.empty();
        try {
            IncidentBook read = AlertJson.mapper().readValue(json, IncidentBook.class);
            if (read == null) return IncidentBook.empty();
            List<Incident> valid = read.incidents().stream().filter(Objects::nonNull)
                    .filter(i -> i.id() != null && i.key() != null && i.state() != null && i.severity() != null
                            && i.openedAt() != null && i.firstBadRunAt() != null && i.lastFiringAt() != null
                            && (i.state() != IncidentState.Acknowledged || i.acknowledgedAt() != null)
                            && (i.state() != IncidentState.Resolved || i.resolvedAt() != null))
                    .toList();
            return new IncidentBook(valid, read.notOpened());
        } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
            return IncidentBook.empty();
        }
    }
}
