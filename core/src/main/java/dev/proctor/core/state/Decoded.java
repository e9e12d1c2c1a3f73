package dev.proctor.core.state;

import java.util.Objects;

/**
 * What reading one stored state document (a suite's history, a policy's run ring, incidents, dispatch state, outbox)
 * gave: its value, or — when the stored text could not be read (edited by hand, truncated, written by a newer
 * schema) — a fresh empty value and why. The operator never takes the second for the first: it says so in a
 * condition and an Event and keeps the unreadable text aside before it writes the fresh state over it.
 *
 * @param unreadable why the stored text could not be read, or null when it was read (or there was none); short and
 *                   safe to show in a status: it never echoes the stored text
 */
public record Decoded<T>(T value, String unreadable) {

    public Decoded {
        Objects.requireNonNull(value, "value");
    }

    public static <T> Decoded<T> read(T value) {
        return new Decoded<>(value, null);
    }

    public static <T> Decoded<T> unreadable(T empty, String reason) {
        return new Decoded<>(empty, Objects.requireNonNull(reason, "reason"));
    }

    /** Why parsing failed, without the parser's message (which quotes the input): its kind and where. */
    public static String notJson(Throwable e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            return "not valid JSON (" + j.getClass().getSimpleName() + " at line " + j.getLocation().getLineNr() + ", column "
                    + j.getLocation().getColumnNr() + ")";
        }
        return "not readable (" + e.getClass().getSimpleName() + ")";
    }

    public boolean ok() {
        return unreadable == null;
    }
}
