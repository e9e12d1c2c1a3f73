package dev.proctor.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.Verdict;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class HistoryFoldPropertyTest {

    @Provide
    Arbitrary<List<ShardSummary>> runs() {
        Arbitrary<String> units = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4);
        Arbitrary<ShardSummary> summaries = Combinators.combine(
                        Arbitraries.maps(units, Arbitraries.longs().between(0, 10_000_000)).ofMaxSize(30),
                        units.list().ofMaxSize(5))
                .as((durations, flaky) -> new ShardSummary(Verdict.PASSED, 0, 0, 0, 0, 0, 0, List.of(), flaky,
                        durations, null, false));
        return summaries.list().ofMaxSize(4);
    }

    @Property(tries = 200)
    void foldingIsIdempotentAndStaysWithinObservedRange(@ForAll("runs") List<ShardSummary> first,
                                                        @ForAll("runs") List<ShardSummary> second) {
        SuiteHistory once = HistoryFold.fold(SuiteHistory.empty("s"), "a", first);
        SuiteHistory twice = HistoryFold.fold(HistoryFold.fold(once, "b", second), "a", first);

        assertThat(HistoryFold.fold(once, "a", second)).isSameAs(once);
        assertThat(twice.runs()).isEqualTo(2);
        for (Map.Entry<String, Long> entry : twice.durations().entrySet()) {
            long low = Long.MAX_VALUE;
            long high = Long.MIN_VALUE;
            for (List<ShardSummary> run : List.of(first, second)) {
                for (ShardSummary summary : run) {
                    Long observed = summary.classDurations().get(entry.getKey());
                    if (observed != null) {
                        low = Math.min(low, observed);
                        high = Math.max(high, observed);
                    }
                }
            }
            // A moving average never leaves the range of what was observed.
            assertThat(entry.getValue()).isBetween(low, high);
        }
    }

    @Property(tries = 100)
    void encodingOfAFoldIsStable(@ForAll("runs") List<ShardSummary> run) {
        SuiteHistory history = HistoryFold.fold(SuiteHistory.empty("s"), "uid", run);

        String json = SuiteHistoryCodec.encode(history);

        assertThat(SuiteHistoryCodec.decode("s", json)).isEqualTo(history);
        assertThat(SuiteHistoryCodec.encode(SuiteHistoryCodec.decode("s", json))).isEqualTo(json);
    }
}
