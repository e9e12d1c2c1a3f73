package dev.proctor.core.sla;

import dev.proctor.core.time.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One multi-window burn-rate alert: it fires while both windows burn budget faster than {@code factor}. The
 * windows are written for a 30-day objective window ({@link Window#REFERENCE}) and scaled to the policy's window.
 * The long window makes the alert significant, the short one makes it reset soon after the burn stops.
 */
public record BurnWindowPair(Duration longWindow, Duration shortWindow, double factor, Urgency urgency) {
    public BurnWindowPair {
        Objects.requireNonNull(urgency, "urgency");
        if (longWindow == null || shortWindow == null || longWindow.isNegative() || longWindow.isZero()
                || shortWindow.isNegative() || shortWindow.isZero() || shortWindow.compareTo(longWindow) > 0) {
            throw new IllegalArgumentException("windows must be positive and short <= long");
        }
        if (!(factor > 0)) throw new IllegalArgumentException("factor must be > 0");
    }

    /**
     * The SRE workbook's recommendation (chapter 5, "multiwindow, multi-burn-rate alerts"): 2% of a 30-day budget
     * in an hour and 5% in six hours page; 10% in a day and 10% in three days open a ticket.
     */
    public static final List<BurnWindowPair> SRE_WORKBOOK = List.of(
            new BurnWindowPair(Duration.ofHours(1), Duration.ofMinutes(5), 14.4, Urgency.Page),
            new BurnWindowPair(Duration.ofHours(6), Duration.ofMinutes(30), 6, Urgency.Page),
            new BurnWindowPair(Duration.ofDays(1), Duration.ofHours(2), 3, Urgency.Ticket),
            new BurnWindowPair(Duration.ofDays(3), Duration.ofHours(6), 1, Urgency.Ticket));

    /** Stable name from the reference windows, e.g. "1h/5m", whatever the policy's window. */
    public String name() {
        return GoDuration.format(longWindow) + "/" + GoDuration.format(shortWindow);
    }
}
