package dev.proctor.core.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert, shaped like Prometheus Alertmanager's: identity is the label set, annotations are free text that may
 * change while it fires. The labels always hold {@code alertname} (the type) and {@code severity}, so two alerts
 * with the same labels are the same alert.
 *
 * @param endsAt null while firing; the alert is resolved from {@code endsAt} on
 */
public record Alert(AlertType type, Severity severity, SortedMap<String, String> labels,
                    SortedMap<String, String> annotations, Instant startsAt, Instant endsAt) {
    public static final String ALERTNAME = "alertname";
    public static final String SEVERITY = "severity";
    /** Annotation holding the id of the incident this alert belongs to, when it has one. */
    public static final String INCIDENT = "incident";
    /** Longest annotation value kept: alerts are stored in the dispatcher's bounded state. */
    public static final int MAX_ANNOTATION_LENGTH = 1024;
    public static final int FINGERPRINT_LENGTH = 16;

    public Alert {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(startsAt, "startsAt");
        TreeMap<String, String> l = new TreeMap<>();
        if (labels != null) labels.forEach((k, v) -> { if (k != null && v != null && !v.isEmpty()) l.put(k, v); });
        l.put(ALERTNAME, type.name());
        l.put(SEVERITY, severity.label());
        labels = java.util.Collections.unmodifiableSortedMap(l);
        TreeMap<String, String> a = new TreeMap<>();
        if (annotations != null) annotations.forEach((k, v) -> { if (k != null && v != null) a.put(k, abbreviate(v)); });
        annotations = java.util.Collections.unmodifiableSortedMap(a);
    }

    public static Alert firing(AlertType type, Severity severity, Map<String, String> labels,
                               Map<String, String> annotations, Instant startsAt) {
        return new Alert(type, severity, new TreeMap<>(labels), new TreeMap<>(annotations), startsAt, null);
    }

    public boolean resolvedAt(Instant now) {
        return endsAt != null && !endsAt.isAfter(now);
    }

    /** This alert, resolved at {@code at}. */
    public Alert resolve(Instant at) {
        return new Alert(type, severity, labels, annotations, startsAt.isAfter(at) ? at : startsAt, at);
    }

    public Alert withAnnotation(String name, String value) {
        TreeMap<String, String> a = new TreeMap<>(annotations);
        a.put(name, value);
        return new Alert(type, severity, labels, a, startsAt, endsAt);
    }

    /**
     * The newer report of the same alert: its annotations and end, but the earliest start, as Alertmanager merges
     * an alert that a rule re-sends on every evaluation. The {@value #INCIDENT} annotation survives a newer
     * <em>resolving</em> report without one: a run that resolves an alert does not know the incident it belongs to,
     * and the resolved notification must still carry it (PagerDuty resolves by the incident id as {@code dedup_key}).
     * A firing report without one means the incident is over, and drops it.
     */
    public Alert mergedWith(Alert newer) {
        Instant start = newer.startsAt.isBefore(startsAt) ? newer.startsAt : startsAt;
        SortedMap<String, String> text = newer.annotations;
        if (newer.endsAt != null && annotations.containsKey(INCIDENT) && !text.containsKey(INCIDENT)) {
            SortedMap<String, String> kept = new TreeMap<>(text);
            kept.put(INCIDENT, annotations.get(INCIDENT));
            text = kept;
        }
        return new Alert(type, severity, labels, text, start, newer.endsAt);
    }

    /**
     * Stable identity of the label set: SHA-256 over the sorted {@code name, value} pairs (each followed by a
     * 0xff byte, which UTF-8 text never holds, so no two label sets collide by concatenation), first 16 hex digits.
     */
    public String fingerprint() {
        return fingerprint(labels);
    }

    public static String fingerprint(Map<String, String> labels) {
        MessageDigest sha = sha256();
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0xff);
            sha.update(e.getValue().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0xff);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, FINGERPRINT_LENGTH);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String abbreviate(String text) {
        if (text.length() <= MAX_ANNOTATION_LENGTH) return text;
        int end = MAX_ANNOTATION_LENGTH - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }
}
