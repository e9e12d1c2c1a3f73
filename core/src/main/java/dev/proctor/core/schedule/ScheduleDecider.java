package dev.proctor.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A schedule's decisions as one pure function of its settings, the runs it made and the time: which slot is due,
 * whether the concurrency policy lets it run, which slots were missed, which finished runs to prune. The operator
 * observes, calls this, and acts; nothing here polls — the decision says when to look again.
 *
 * <p><b>Never two runs for one slot.</b> A slot's run is named from the slot ({@link #runName}), so a restarted
 * operator, or a new leader after a failover, that decides the same slot again creates nothing new.
 *
 * <p><b>At most one catch-up run.</b> Slots that passed while nothing ran them (the operator down, the schedule
 * suspended) are counted as missed; only the latest runs, and only within {@code startingDeadline} of its time.
 */
public final class ScheduleDecider {
    /** Missed slots are counted up to this many; more is reported as "at least". */
    public static final int MISSED_COUNT_CAP = 10_000;
    /** Longest schedule name: {@code <schedule>-<epoch minutes>} must fit a run's 49 characters. */
    public static final int MAX_NAME_LENGTH = 40;

    private ScheduleDecider() {}

    /**
     * @param name     the schedule's name
     * @param since    the last slot handled, or the schedule's creation time: slots after it are due
     * @param runs     the runs the schedule made that still exist
     * @param runNow   a run was asked for by hand (the run-now annotation)
     */
    public static ScheduleDecision decide(ScheduleSettings settings, String name, Instant since, List<ScheduledRun> runs,
                                          boolean runNow, Instant now) {
        List<ScheduleDecision.NewRun> create = new ArrayList<>();
        List<String> stop = new ArrayList<>();
        List<String> blockedBy = List.of();
        Instant last = since;
        Instant skipped = null;
        long missed = 0;
        List<ScheduledRun> active = runs.stream().filter(r -> !r.finished()).toList();

        if (runNow) create.add(new ScheduleDecision.NewRun(manualRunName(name, now), now, true));
        if (!settings.suspend()) {
            Missed due = missedSlots(settings.schedule(), since, now);
            if (due.latest() != null) {
                last = due.latest();
                boolean tooLate = settings.startingDeadline() != null
                        && now.isAfter(due.latest().plus(settings.startingDeadline()));
                if (tooLate) {
                    missed = due.count();
                } else {
                    missed = due.count() - 1;
                    String runName = runName(name, due.latest());
                    boolean exists = runs.stream().anyMatch(r -> r.name().equals(runName));
                    if (!exists && settings.concurrency() == ConcurrencyPolicy.Forbid && !active.isEmpty()) {
                        skipped = due.latest();
                        blockedBy = active.stream().map(ScheduledRun::name).sorted().toList();
                    } else if (!exists) {
                        if (settings.concurrency() == ConcurrencyPolicy.Replace) active.forEach(r -> stop.add(r.name()));
                        create.add(new ScheduleDecision.NewRun(runName, due.latest(), false));
                    }
                }
            }
        }
        List<String> prune = prune(runs, settings);
        Instant next = settings.suspend() ? null
                : settings.schedule().next(last != null && last.isAfter(now) ? last : now).orElse(null);
        return new ScheduleDecision(List.copyOf(create), List.copyOf(stop), prune, last, next, missed, skipped, blockedBy);
    }

    /** The run for a slot: {@code <schedule>-<minutes since the epoch>}, as CronJob names its Jobs. */
    public static String runName(String schedule, Instant slot) {
        return schedule + "-" + Math.floorDiv(slot.getEpochSecond(), 60);
    }

    /** A run asked for by hand: {@code <schedule>-m<seconds since the epoch, base 36>}. */
    public static String manualRunName(String schedule, Instant at) {
        return schedule + "-m" + Long.toString(at.getEpochSecond(), Character.MAX_RADIX);
    }

    /** Slots in (since, now]: how many, and the latest. */
    public record Missed(long count, Instant latest, boolean capped) {}

    public static Missed missedSlots(CronSchedule schedule, Instant since, Instant now) {
        long count = 0;
        Instant latest = null;
        Optional<Instant> slot = schedule.next(since);
        while (slot.isPresent() && !slot.get().isAfter(now)) {
            count++;
            latest = slot.get();
            if (count >= MISSED_COUNT_CAP) {
                // far behind: jump to the slots just before now rather than walk every one
                Instant recent = latestSlotAtOrBefore(schedule, now);
                return new Missed(count, recent == null ? latest : recent, true);
            }
            slot = schedule.next(slot.get());
        }
        return new Missed(count, latest, false);
    }

    /** The latest slot at or before {@code now}, searched backwards in widening windows. */
    private static Instant latestSlotAtOrBefore(CronSchedule schedule, Instant now) {
        for (Duration window = Duration.ofHours(1); window.compareTo(Duration.ofDays(800)) <= 0; window = window.multipliedBy(4)) {
            Instant latest = null;
            Optional<Instant> slot = schedule.next(now.minus(window));
            while (slot.isPresent() && !slot.get().isAfter(now)) {
                latest = slot.get();
                slot = schedule.next(slot.get());
            }
            if (latest != null) return latest;
        }
        return null;
    }

    /** Finished runs beyond the history limits, oldest first; running runs are never pruned. */
    static List<String> prune(List<ScheduledRun> runs, ScheduleSettings settings) {
        Comparator<ScheduledRun> newestFirst = Comparator.comparing(ScheduledRun::scheduledAt).reversed()
                .thenComparing(ScheduledRun::name);
        List<String> prune = new ArrayList<>();
        List<ScheduledRun> succeeded = runs.stream().filter(r -> r.finished() && r.succeeded()).sorted(newestFirst).toList();
        List<ScheduledRun> failed = runs.stream().filter(r -> r.finished() && !r.succeeded()).sorted(newestFirst).toList();
        succeeded.stream().skip(settings.successfulRunsHistoryLimit()).forEach(r -> prune.add(r.name()));
        failed.stream().skip(settings.failedRunsHistoryLimit()).forEach(r -> prune.add(r.name()));
        prune.sort(Comparator.naturalOrder());
        return List.copyOf(prune);
    }
}
