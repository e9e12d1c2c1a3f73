package dev.proctor.runner.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.core.mask.Masker;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * One JSON object per line on stdout, for log collectors: {@code {"ts":..., "event":"test.finished", ...}}.
 * String values are masked before they are serialized, so escaping can never hide a secret from the masker.
 */
public final class EventLog {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final PrintStream out;
    private final Masker masker;
    private final Clock clock;
    private final Map<String, Object> context;
    private final PrintStream copy;

    /** @param context fields repeated on every line (run, shard, attempt) */
    public EventLog(PrintStream out, Masker masker, Clock clock, Map<String, Object> context) {
        this(out, masker, clock, context, null);
    }

    private EventLog(PrintStream out, Masker masker, Clock clock, Map<String, Object> context, PrintStream copy) {
        this.out = out;
        this.masker = masker;
        this.clock = clock;
        this.context = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
        this.copy = copy;
    }

    /** A logger with the same output and context that masks with a (better-informed) masker. */
    public EventLog withMasker(Masker newMasker) {
        return new EventLog(out, newMasker, clock, context, copy);
    }

    /** A logger that also writes each line to {@code file} (the shard's event log among its artifacts). */
    public EventLog alsoTo(PrintStream file) {
        return new EventLog(out, masker, clock, context, file);
    }

    /** A logger like this one with one context field set (e.g. the run's name once the plan is read). */
    public EventLog with(String key, Object value) {
        Map<String, Object> next = new java.util.LinkedHashMap<>(context);
        if (value == null) next.remove(key);
        else next.put(key, value);
        return new EventLog(out, masker, clock, next, copy);
    }

    /** @param fields alternating names and values; null values are left out */
    public void event(String event, Object... fields) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("ts", clock.instant().toString());
        line.put("event", event);
        context.forEach((key, value) -> put(line, key, value));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            put(line, String.valueOf(fields[i]), fields[i + 1]);
        }
        try {
            String json = MAPPER.writeValueAsString(line);
            synchronized (out) {
                out.println(json);
                out.flush();
            }
            if (copy != null) {
                synchronized (copy) {
                    copy.println(json);
                    copy.flush();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    private void put(ObjectNode line, String key, Object value) {
        if (value == null) return;
        if (value instanceof Integer i) line.put(key, i);
        else if (value instanceof Long l) line.put(key, l);
        else if (value instanceof Boolean b) line.put(key, b);
        else if (value instanceof Double d) line.put(key, d);
        else line.put(key, masker.mask(String.valueOf(value)));
    }
}
