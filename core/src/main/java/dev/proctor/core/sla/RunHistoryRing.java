package dev.proctor.core.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The most recent runs a policy selected, oldest first, never more than {@code capacity}: the status of an
 * SLAPolicy must not grow with the number of runs, so the oldest record is dropped when a new one arrives.
 *
 * <p>Adding is idempotent per run ({@link RunRecord#sameRun}: by uid), because a restarted operator sees the same
 * finished run again; a run deleted and recreated under the same name is another run and is added.
 *
 * @param dropped how many records were dropped to keep the cap, over the ring's lifetime
 */
public record RunHistoryRing(int capacity, List<RunRecord> records, long dropped) {
    public static final int DEFAULT_CAPACITY = 500;
    public static final int MAX_CAPACITY = 5_000;

    public RunHistoryRing {
        capacity = capacity <= 0 ? DEFAULT_CAPACITY : Math.min(capacity, MAX_CAPACITY);
        List<RunRecord> sorted = new ArrayList<>(records == null ? List.of() : records);
        sorted.sort(ORDER);
        int excess = Math.max(0, sorted.size() - capacity);
        records = List.copyOf(sorted.subList(excess, sorted.size()));
        dropped = Math.max(0, dropped) + excess;
    }

    /** Finish time, then run name and uid, so that runs finishing in the same second still have one order. */
    static final Comparator<RunRecord> ORDER = Comparator.comparing(RunRecord::finishedAt).thenComparing(RunRecord::run)
            .thenComparing(RunRecord::uid);

    public static RunHistoryRing empty(int capacity) {
        return new RunHistoryRing(capacity, List.of(), 0);
    }

    public RunHistoryRing add(RunRecord record) {
        if (contains(record)) return this;
        List<RunRecord> next = new ArrayList<>(records);
        next.add(record);
        return new RunHistoryRing(capacity, next, dropped);
    }

    public boolean contains(RunRecord run) {
        return records.stream().anyMatch(r -> r.sameRun(run));
    }

    /** Runs finished in {@code (from, to]}, oldest first. */
    public List<RunRecord> between(Instant from, Instant to) {
        return records.stream().filter(r -> r.finishedAt().isAfter(from) && !r.finishedAt().isAfter(to)).toList();
    }

    /** The last {@code count} runs finished at or before {@code to}, oldest first. */
    public List<RunRecord> last(int count, Instant to) {
        List<RunRecord> upTo = records.stream().filter(r -> !r.finishedAt().isAfter(to)).toList();
        return upTo.subList(Math.max(0, upTo.size() - Math.max(0, count)), upTo.size());
    }
}
