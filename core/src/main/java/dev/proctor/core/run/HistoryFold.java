package dev.proctor.core.run;

import dev.proctor.core.result.ShardSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds a finished run into its suite's history: bounded, smoothed, idempotent per run uid.
 *
 * <p>Durations are an exponentially weighted moving average ({@link #ALPHA} on the new observation), so one slow
 * run on a busy node moves the estimate but does not take it over. The history lives in a ConfigMap (1 MiB at
 * most), so every part of it is bounded; what is evicted first is what the planner needs least.
 */
public final class HistoryFold {
    static final double ALPHA = 0.3;
    static final int MAX_DURATIONS = 5_000;
    static final int MAX_FLAKY = 500;
    static final int MAX_FOLDED_RUNS = 50;

    private HistoryFold() {}

    /**
     * @param previous the suite's history, or null for none (the result then has a null suite name)
     * @param summaries the run's shard summaries; null entries (shards without a summary) are skipped
     */
    public static SuiteHistory fold(SuiteHistory previous, String runUid, List<ShardSummary> summaries) {
        Objects.requireNonNull(runUid, "runUid");
        SuiteHistory history = previous == null ? SuiteHistory.empty(null) : previous;
        List<String> foldedRuns = history.foldedRuns() == null ? List.of() : history.foldedRuns();
        if (foldedRuns.contains(runUid)) return previous;

        List<ShardSummary> present = summaries == null ? List.of()
                : summaries.stream().filter(Objects::nonNull).toList();
        return new SuiteHistory(SuiteHistory.SCHEMA, history.suite(),
                durations(history.durations(), observed(present)),
                flaky(history.flaky(), present),
                lastRuns(foldedRuns, runUid),
                history.runs() + 1);
    }

    /** A unit reported twice (it should not be) counts with its longer time: over-estimating balances better. */
    private static Map<String, Long> observed(List<ShardSummary> summaries) {
        Map<String, Long> observed = new TreeMap<>();
        for (ShardSummary summary : summaries) {
            summary.classDurations().forEach((unit, millis) -> {
                if (millis >= 0) observed.merge(unit, millis, Math::max);
            });
        }
        return observed;
    }

    /**
     * Smooths each observation into the history. Over the bound, units this run did not observe go first
     * (they may have been deleted or renamed), shortest first (they matter least for balancing); only a run
     * that alone observed more units than the bound evicts its own, again shortest first.
     */
    private static Map<String, Long> durations(Map<String, Long> previous, Map<String, Long> observed) {
        TreeMap<String, Long> durations = new TreeMap<>(previous == null ? Map.of() : previous);
        observed.forEach((unit, millis) -> durations.merge(unit, millis,
                (old, now) -> Math.round(ALPHA * now + (1 - ALPHA) * old)));
        if (durations.size() > MAX_DURATIONS) {
            List<Map.Entry<String, Long>> evictionOrder = new ArrayList<>(durations.entrySet());
            evictionOrder.sort(Comparator.comparing((Map.Entry<String, Long> e) -> observed.containsKey(e.getKey()))
                    .thenComparing(Map.Entry.comparingByValue())
                    .thenComparing(Map.Entry.comparingByKey()));
            evict(durations, evictionOrder, durations.size() - MAX_DURATIONS);
        }
        return Collections.unmodifiableSortedMap(durations);
    }

    /** Each test counts at most once per run; over the bound the least flaky go first, then by key. */
    private static Map<String, Integer> flaky(Map<String, Integer> previous, List<ShardSummary> summaries) {
        TreeMap<String, Integer> flaky = new TreeMap<>(previous == null ? Map.of() : previous);
        Set<String> flakyThisRun = new HashSet<>();
        summaries.forEach(summary -> flakyThisRun.addAll(summary.flakyTests()));
        flakyThisRun.forEach(test -> flaky.merge(test, 1, Integer::sum));
        if (flaky.size() > MAX_FLAKY) {
            List<Map.Entry<String, Integer>> evictionOrder = new ArrayList<>(flaky.entrySet());
            evictionOrder.sort(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
            evict(flaky, evictionOrder, flaky.size() - MAX_FLAKY);
        }
        return Collections.unmodifiableSortedMap(flaky);
    }

    private static <V> void evict(Map<String, V> map, List<Map.Entry<String, V>> evictionOrder, int count) {
        List<String> keys = evictionOrder.subList(0, count).stream().map(Map.Entry::getKey).toList();
        keys.forEach(map::remove);
    }

    private static List<String> lastRuns(List<String> foldedRuns, String runUid) {
        List<String> runs = new ArrayList<>(foldedRuns);
        runs.add(runUid);
        return List.copyOf(runs.subList(Math.max(0, runs.size() - MAX_FOLDED_RUNS), runs.size()));
    }
}
