package dev.proctor.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.proctor.core.alert.AlertJson;
import dev.proctor.core.state.Decoded;
import java.util.List;
import java.util.Objects;

/**
 * JSON form of a policy's outbox. Decoding is total: an unreadable outbox is empty (its notifications are lost, which
 * the policy's condition and Event say), and an entry with no receiver, or with neither a notification id nor an
 * incident, is dropped on its own.
 */
public final class OutboxCodec {
    private static final TypeReference<List<OutboxEntry>> ENTRIES = new TypeReference<>() {};

    private OutboxCodec() {}

    public static String encode(List<OutboxEntry> outbox) {
        try {
            return AlertJson.mapper().writeValueAsString(outbox);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notifications are strings, numbers and times; they always serialize", e);
        }
    }

    public static List<OutboxEntry> decode(String json) {
        return read(json).value();
    }

    /** The outbox, or an empty one and why the stored text could not be used. */
    public static Decoded<List<OutboxEntry>> read(String json) {
        if (json == null || json.isBlank()) return Decoded.read(List.of());
        try {
            List<OutboxEntry> read = AlertJson.mapper().readValue(json, ENTRIES);
            return Decoded.read(read == null ? List.of() : read.stream().filter(Objects::nonNull)
                    .filter(e -> e.receiver() != null && (e.notification() != null && e.notification().id() != null
                            || e.acknowledge() != null || e.resolve() != null))
                    .toList());
        } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
            return Decoded.unreadable(List.of(), Decoded.notJson(e));
        }
    }
}
