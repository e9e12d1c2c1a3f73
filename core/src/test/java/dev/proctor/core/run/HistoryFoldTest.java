package dev.proctor.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class HistoryFoldTest {

    private static ShardSummary summary(Map<String, Long> durations, String... flaky) {
        return new ShardSummary(Verdict.PASSED, 1, 1, 0, 0, flaky.length, 1, List.of(), List.of(flaky), durations,
                null, false);
    }

    @Test
    void firstRunTakesTheObservations() {
        SuiteHistory history = HistoryFold.fold(SuiteHistory.empty("shop"), "uid-1",
                List.of(summary(Map.of("b.Test", 2000L)), summary(Map.of("a.Test", 1000L), "a.Test#x")));

        assertThat(history).isEqualTo(new SuiteHistory("v1", "shop", Map.of("a.Test", 1000L, "b.Test", 2000L),
                Map.of("a.Test#x", 1), List.of("uid-1"), 1));
        assertThat(history.durations()).isInstanceOf(SortedMap.class);
        assertThat(history.flaky()).isInstanceOf(SortedMap.class);
    }

    @Test
    void smoothsWithAnExponentialMovingAverage() {
        SuiteHistory before = new SuiteHistory("v1", "shop", Map.of("a", 1000L, "b", 500L), Map.of(), List.of(), 3);

        SuiteHistory after = HistoryFold.fold(before, "uid", List.of(summary(Map.of("a", 2000L, "c", 70L))));

        // 0.3 × 2000 + 0.7 × 1000; b was not observed and keeps its value; c is new.
        assertThat(after.durations()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("a", 1300L, "b", 500L, "c", 70L)));
        assertThat(after.runs()).isEqualTo(4);
    }

    @Test
    void foldingTheSameRunTwiceChangesNothing() {
        SuiteHistory once = HistoryFold.fold(SuiteHistory.empty("shop"), "uid-1", List.of(summary(Map.of("a", 10L), "a#x")));

        SuiteHistory twice = HistoryFold.fold(once, "uid-1", List.of(summary(Map.of("a", 99_999L), "a#x")));

        assertThat(twice).isSameAs(once);
    }

    @Test
    void nullPreviousAndNullSummariesAreEmpty() {
        List<ShardSummary> summaries = new ArrayList<>();
        summaries.add(null);
        summaries.add(summary(Map.of("a", 5L)));

        SuiteHistory history = HistoryFold.fold(null, "uid", summaries);

        assertThat(history.durations()).containsExactlyEntriesOf(Map.of("a", 5L));
        assertThat(history.runs()).isEqualTo(1);
        assertThat(HistoryFold.fold(null, "uid", null).foldedRuns()).containsExactly("uid");
    }

    @Test
    void aUnitReportedTwiceCountsWithItsLongerTime() {
        SuiteHistory history = HistoryFold.fold(SuiteHistory.empty("s"), "uid",
                List.of(summary(Map.of("a", 5L)), summary(Map.of("a", 8L))));

        assertThat(history.durations()).containsEntry("a", 8L);
    }

    @Test
    void flakyCountsOncePerRun() {
        SuiteHistory before = new SuiteHistory("v1", "s", Map.of(), Map.of("a#x", 2), List.of("old"), 1);

        SuiteHistory after = HistoryFold.fold(before, "uid",
                List.of(summary(Map.of(), "a#x", "b#y"), summary(Map.of(), "a#x")));

        assertThat(after.flaky()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("a#x", 3, "b#y", 1)));
    }

    @Test
    void durationsAreBoundedEvictingUnobservedShortestFirst() {
        Map<String, Long> previous = new HashMap<>();
        for (int i = 0; i < HistoryFold.MAX_DURATIONS; i++) previous.put(String.format("old%05d", i), 1000L + i);
        SuiteHistory before = new SuiteHistory("v1", "s", previous, Map.of(), List.of(), 1);

        // Three new units, one of them shorter than every old one: it stays, the three shortest old ones go.
        SuiteHistory after = HistoryFold.fold(before, "uid", List.of(summary(Map.of("new1", 1L, "new2", 9_999L, "new3", 5L))));

        assertThat(after.durations()).hasSize(HistoryFold.MAX_DURATIONS)
                .containsKeys("new1", "new2", "new3", "old00003")
                .doesNotContainKeys("old00000", "old00001", "old00002");
    }

    @Test
    void aRunObservingMoreUnitsThanTheBoundKeepsItsLongest() {
        Map<String, Long> observed = new HashMap<>();
        for (int i = 0; i < HistoryFold.MAX_DURATIONS + 10; i++) observed.put("u" + i, (long) i);

        SuiteHistory after = HistoryFold.fold(SuiteHistory.empty("s"), "uid", List.of(summary(observed)));

        assertThat(after.durations()).hasSize(HistoryFold.MAX_DURATIONS).doesNotContainKey("u9").containsKey("u10");
    }

    @Test
    void flakyIsBoundedEvictingLowestCountThenByKey() {
        Map<String, Integer> previous = new HashMap<>();
        for (int i = 0; i < HistoryFold.MAX_FLAKY; i++) previous.put(String.format("t%03d", i), i < 10 ? 1 : 5);
        SuiteHistory before = new SuiteHistory("v1", "s", Map.of(), previous, List.of(), 1);

        SuiteHistory after = HistoryFold.fold(before, "uid", List.of(summary(Map.of(), "t001", "zz#new")));

        // t001 rises to 2; the new test and t000 share the lowest count 1 with t002..t009: t000 goes by key.
        assertThat(after.flaky()).hasSize(HistoryFold.MAX_FLAKY).containsEntry("t001", 2).containsKey("zz#new")
                .doesNotContainKey("t000");
    }

    @Test
    void remembersTheLastFiftyRuns() {
        SuiteHistory history = SuiteHistory.empty("s");
        for (int i = 0; i < 60; i++) history = HistoryFold.fold(history, "uid-" + i, List.of());

        assertThat(history.foldedRuns()).hasSize(50).startsWith("uid-10").endsWith("uid-59");
        assertThat(history.runs()).isEqualTo(60);
        assertThat(history.hasFolded("uid-59")).isTrue();
        assertThat(history.hasFolded("uid-9")).isFalse();
    }
}
