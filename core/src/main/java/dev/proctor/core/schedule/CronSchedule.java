package dev.proctor.core.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;
import java.util.Optional;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week, as crontab(5) and Kubernetes CronJob read
 * it, names and the {@code @hourly}-style macros included) in an IANA time zone, and the instants it fires at.
 * Parsing and matching are cron-utils'; on top of it, one rule of our own for daylight-saving time:
 *
 * <ul>
 *   <li><b>Skipped hour</b> (clocks go forward): a time the schedule names inside the gap does not exist; the slot fires
 *       once, at the instant the clocks jump (a daily 02:30 in Europe/Berlin fires at 03:00 local on the last Sunday of
 *       March), as Vixie cron does. cron-utils alone would drop that day's run.
 *   <li><b>Repeated hour</b> (clocks go back): a fixed time fires once, at its first occurrence (02:30 +02:00); a
 *       schedule that fires every so often within the hour fires in both passes, keeping its cadence
 *       ({@code *}{@code /30} fires at 02:00 and 02:30 in each offset). This is cron-utils' own behaviour.
 * </ul>
 */
public final class CronSchedule {
    /** crontab(5): minute 0-59, hour 0-23, day-of-month 1-31, month 1-12, day-of-week 0-7 (0 and 7 are Sunday). */
    private static final CronDefinition CRONTAB = CronDefinitionBuilder.defineCron()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
            .withSupportedNicknameYearly().withSupportedNicknameAnnually().withSupportedNicknameMonthly()
            .withSupportedNicknameWeekly().withSupportedNicknameDaily().withSupportedNicknameMidnight()
            .withSupportedNicknameHourly()
            .instance();
    private static final CronParser PARSER = new CronParser(CRONTAB);
    /** No schedule is searched further ahead than this for its next slot (a 29 February in a leap year is in reach). */
    private static final long MAX_GAP_MINUTES = 60;

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime times) {
        this.expression = expression;
        this.zone = zone;
        this.times = times;
    }

    /**
     * @param zone an IANA time zone name; null or blank means UTC
     * @throws IllegalArgumentException naming what is wrong with the expression or the zone
     */
    public static CronSchedule parse(String expression, String zone) {
        if (expression == null || expression.isBlank()) throw new IllegalArgumentException("the schedule is empty");
        ZoneId zoneId;
        try {
            zoneId = zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone \"" + zone + "\": use an IANA name such as Europe/Berlin", e);
        }
        String text = expression.strip();
        if (!text.startsWith("@") && text.split("\\s+").length != 5) {
            throw new IllegalArgumentException("\"" + text + "\" has " + text.split("\\s+").length
                    + " fields; a schedule has five (minute hour day-of-month month day-of-week) or is a macro such as @hourly");
        }
        Cron cron;
        try {
            cron = PARSER.parse(text);
            cron.validate();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid schedule: " + e.getMessage(), e);
        }
        return new CronSchedule(text, zoneId, ExecutionTime.forCron(cron));
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first slot strictly after {@code after}, if the schedule ever fires again. */
    public Optional<Instant> next(Instant after) {
        Objects.requireNonNull(after, "after");
        ZonedDateTime from = after.atZone(zone);
        Optional<Instant> regular = times.nextExecution(from).map(ZonedDateTime::toInstant);
        Optional<Instant> moved = firstSkippedInGap(after, regular.orElse(null));
        if (moved.isPresent() && (regular.isEmpty() || moved.get().isBefore(regular.get()))) return moved;
        return regular;
    }

    /**
     * The instant of the first daylight-saving gap after {@code after} (and before {@code until}) in which the schedule
     * names a local time that does not exist: that slot fires when the clocks jump.
     */
    private Optional<Instant> firstSkippedInGap(Instant after, Instant until) {
        ZoneOffsetTransition transition = zone.getRules().nextTransition(after);
        while (transition != null && (until == null || !transition.getInstant().isAfter(until))) {
            if (transition.isGap() && namesTimeIn(transition)) return Optional.of(transition.getInstant());
            if (until == null) break; // the schedule never fires again: one transition is enough to look at
            transition = zone.getRules().nextTransition(transition.getInstant());
        }
        return Optional.empty();
    }

    /** Whether the schedule names a minute of the local times the transition skips. */
    private boolean namesTimeIn(ZoneOffsetTransition gap) {
        LocalDateTime start = gap.getDateTimeBefore();
        long minutes = Math.min(MAX_GAP_MINUTES * 4, ChronoUnit.MINUTES.between(start, gap.getDateTimeAfter()));
        for (long m = 0; m < minutes; m++) {
            // the skipped local time, at the offset before the jump, so its fields read as the schedule names them
            if (times.isMatch(start.plusMinutes(m).atZone(gap.getOffsetBefore()))) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return expression + " (" + zone + ")";
    }
}
