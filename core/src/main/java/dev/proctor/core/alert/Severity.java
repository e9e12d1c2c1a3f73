package dev.proctor.core.alert;

/** How an alert should reach people; the lower-case name is the {@code severity} label. */
public enum Severity {
    /** Wake someone up: opens an incident. */
    Page,
    /** Needs a look within working hours. */
    Ticket,
    /** For the record only. */
    Info;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The severity of a {@code severity} label value, or null when it is not one. */
    public static Severity fromLabel(String label) {
        for (Severity s : values()) if (s.label().equals(label)) return s;
        return null;
    }
}
