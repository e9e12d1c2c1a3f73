package dev.proctor.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.plan.Granularity;
import dev.proctor.core.plan.PlanSpec;
import dev.proctor.core.plan.ShardPlan;
import dev.proctor.core.plan.ShardPlanner;
import dev.proctor.core.plan.Strategy;
import dev.proctor.core.plan.TestId;
import dev.proctor.core.plan.UnitHash;
import dev.proctor.core.result.CompactDurations;
import dev.proctor.core.result.DecodeResult;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's figure: a 500-method shard's durations all reach the suite history through the 4096-byte summary, and
 * the next run's plan estimates every one of those methods from them (not from the median fill).
 */
class MethodHistoryAtScaleTest {

    @Test
    void fiveHundredMethodDurationsOfOneShardReachTheHistoryAndTheNextPlan() {
        Random random = new Random(17);
        List<TestId> tests = new ArrayList<>();
        Map<String, Long> measured = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            TestId test = TestId.of(String.format("com.example.shop.checkout.CheckoutFlow%02dTest", i / 25),
                    String.format("customerCanCompleteScenario%03dWithSavedCard", i));
            tests.add(test);
            measured.put(test.unitKey(Granularity.METHOD), 50L + (long) (random.nextDouble() * 40_000));
        }
        List<String> failed = tests.subList(0, 12).stream().map(TestId::methodKey).toList();
        ShardSummary summary = new ShardSummary(Verdict.FAILED, 500, 488, 12, 0, 0, 9_000_000, failed, List.of(),
                measured, null, false);

        byte[] message = SummaryCodec.encode(summary);
        ShardSummary read = ((DecodeResult.Decoded) SummaryCodec.decode(message)).summary();
        SuiteHistory history = HistoryFold.fold(SuiteHistory.empty("shop"), "run-1", List.of(read));

        assertThat(message.length).isLessThanOrEqualTo(SummaryCodec.MAX_BYTES);
        assertThat(read.truncated()).isFalse();
        assertThat(read.failedTests()).hasSize(12);
        assertThat(history.durations()).hasSize(500);
        measured.forEach((unit, millis) -> assertThat(history.durations())
                .containsEntry(UnitHash.hashedKey(unit), CompactDurations.quantized(millis)));

        // The next run: its plan carries the history; every unit is estimated from its own entry.
        PlanSpec next = new PlanSpec(1, Strategy.DURATION_BALANCED, Granularity.METHOD, Set.of(), history.durations());
        ShardPlan plan = ShardPlanner.plan(tests, next);
        long expected = measured.values().stream().mapToLong(CompactDurations::quantized).sum();
        assertThat(plan.shards().get(0).estimatedMillis()).isEqualTo(expected);

        long truth = measured.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("500-method shard: summary %d of %d bytes, %d failed names kept, %d of 500 durations in the"
                        + " history, next plan's estimate %d ms vs measured %d ms (%.3f %%)%n",
                message.length, SummaryCodec.MAX_BYTES, read.failedTests().size(), history.durations().size(), expected,
                truth, 100.0 * (expected - truth) / truth);
    }

    @Test
    void aPartialRerunTeachesTheHistoryThePassingAttemptOfAMethodButKeepsAClassWhole() {
        Map<String, Long> merged = RunDecider.rerunDurations(
                Map.of("shop.Cart#flaky", 68_000L, "shop.Cart", 120_000L, "#abcdef", 9_000L),
                Map.of("shop.Cart#flaky", 38_000L, "shop.Cart", 38_000L, "#abcdef", 7_000L));

        assertThat(merged).containsEntry("shop.Cart#flaky", 38_000L).containsEntry("shop.Cart", 120_000L)
                .containsEntry("#abcdef", 7_000L);
    }
}
