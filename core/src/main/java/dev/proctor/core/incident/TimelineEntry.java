package dev.proctor.core.incident;

import java.time.Instant;

/** One line of an incident's timeline. @param detail short text, safe to show (masked by the caller's renderers) */
public record TimelineEntry(Instant at, Kind kind, String detail) {
    public enum Kind { Opened, BadRun, Escalated, Acknowledged, Resolved }
}
