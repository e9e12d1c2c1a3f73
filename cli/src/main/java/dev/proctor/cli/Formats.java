package dev.proctor.cli;

import java.time.Duration;
import java.time.Instant;

/** Durations and ages as kubectl prints them: 45s, 3m12s, 2h5m, 4d. */
final class Formats {
    private Formats() {}

    static String duration(long seconds) {
        if (seconds < 0) return "-";
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        if (seconds < 86400) return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "m");
        return seconds / 86400 + "d" + (seconds % 86400 / 3600 == 0 ? "" : seconds % 86400 / 3600 + "h");
    }

    static String age(Instant since, Instant now) {
        return since == null ? "-" : duration(Math.max(0, Duration.between(since, now).toSeconds()));
    }

    /**
     * A bar of {@code width} cells, e.g. {@code [#####-----]}: full cells for done, the rest dashes. Nothing done of
     * nothing is an empty bar, never a division by zero.
     */
    static String bar(int done, int total, int width) {
        int full = total <= 0 ? 0 : (int) Math.min(width, (long) Math.max(0, done) * width / total);
        return "[" + "#".repeat(full) + "-".repeat(width - full) + "]";
    }
}
