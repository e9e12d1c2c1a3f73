package dev.proctor.core.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.proctor.core.alert.AlertJson;
import dev.proctor.core.state.Decoded;
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
        return read(json).value();
    }

    /** The book, or an empty one and why the stored text could not be used. */
    public static Decoded<IncidentBook> read(String json) {
        if (json == null || json.isBlank()) return Decoded.read(IncidentBook.empty());
        try {
            IncidentBook read = AlertJson.mapper().readValue(json, IncidentBook.class);
            if (read == null) return Decoded.unreadable(IncidentBook.empty(), "not an incident book");
            List<Incident> valid = read.incidents().stream().filter(Objects::nonNull)
                    .filter(i -> i.id() != null && i.key() != null && i.state() != null && i.severity() != null
                            && i.openedAt() != null && i.firstBadRunAt() != null && i.lastFiringAt() != null
                            && (i.state() != IncidentState.Acknowledged || i.acknowledgedAt() != null)
                            && (i.state() != IncidentState.Resolved || i.resolvedAt() != null))
                    .toList();
            return Decoded.read(new IncidentBook(valid, read.notOpened()));
        } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
            return Decoded.unreadable(IncidentBook.empty(), Decoded.notJson(e));
        }
    }
}
