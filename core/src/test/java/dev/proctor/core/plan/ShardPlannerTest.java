package dev.proctor.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardPlannerTest {

    private static List<TestId> tests(String... methodKeys) {
        List<TestId> tests = new ArrayList<>();
        for (String key : methodKeys) {
            String[] parts = key.split("#");
            tests.add(TestId.of(parts[0], parts[1]));
        }
        return tests;
    }

    private static PlanSpec spec(int shards, Strategy strategy, Granularity granularity, Map<String, Long> durations) {
        return new PlanSpec(shards, strategy, granularity, Set.of(), durations);
    }

    private static List<List<String>> units(ShardPlan plan) {
        return plan.shards().stream().map(ShardPlan.Shard::units).toList();
    }

    @Test
    void roundRobinDealsSortedClassesInTurn() {
        List<TestId> discovered = tests("d#x", "b#x", "a#x", "a#y", "c#x", "e#x");

        ShardPlan plan = ShardPlanner.plan(discovered, spec(2, Strategy.ROUND_ROBIN, Granularity.CLASS, Map.of()));

        assertThat(units(plan)).containsExactly(List.of("a", "c", "e"), List.of("b", "d"));
        assertThat(plan.shardOf(TestId.of("a", "y"))).isEqualTo(0);
        assertThat(plan.shardOf(TestId.of("d", "x"))).isEqualTo(1);
        assertThat(plan.shardOf(TestId.of("unknown", "x"))).isEqualTo(-1);
    }

    @Test
    void methodGranularityPlansEachMethod() {
        List<TestId> discovered = tests("a#x", "a#y", "a#z");

        ShardPlan plan = ShardPlanner.plan(discovered, spec(3, Strategy.ROUND_ROBIN, Granularity.METHOD, Map.of()));

        assertThat(units(plan)).containsExactly(List.of("a#x"), List.of("a#y"), List.of("a#z"));
        assertThat(plan.granularity()).isEqualTo(Granularity.METHOD);
    }

    @Test
    void longestProcessingTimeFirstOntoLeastLoadedShard() {
        List<TestId> discovered = tests("a#t", "b#t", "c#t", "d#t", "e#t");
        Map<String, Long> durations = Map.of("a", 10L, "b", 9L, "c", 8L, "d", 7L, "e", 6L);

        ShardPlan plan = ShardPlanner.plan(discovered, spec(2, Strategy.DURATION_BALANCED, Granularity.CLASS, durations));

        // a→0 (10), b→1 (9), c→1 (17), d→0 (17), e→0 on the tie by lowest index (23).
        assertThat(units(plan)).containsExactly(List.of("a", "d", "e"), List.of("b", "c"));
        assertThat(plan.shards()).extracting(ShardPlan.Shard::estimatedMillis).containsExactly(23L, 17L);
        assertThat(plan.makespanMillis()).isEqualTo(23);
    }

    @Test
    void unitsWithoutHistoryGetTheLowerMedian() {
        List<TestId> discovered = tests("a#t", "b#t", "c#t", "d#t", "new#t");
        Map<String, Long> durations = Map.of("a", 100L, "b", 200L, "c", 300L, "d", 400L);

        ShardPlan plan = ShardPlanner.plan(discovered, spec(1, Strategy.DURATION_BALANCED, Granularity.CLASS, durations));

        assertThat(plan.shards().get(0).estimatedMillis()).isEqualTo(100 + 200 + 300 + 400 + 200);
    }

    @Test
    void withoutAnyHistoryDurationBalancedBalancesCounts() {
        List<TestId> discovered = new ArrayList<>();
        for (int i = 0; i < 10; i++) discovered.add(TestId.of("C" + i, "t"));

        ShardPlan plan = ShardPlanner.plan(discovered, spec(3, Strategy.DURATION_BALANCED, Granularity.CLASS, Map.of()));

        assertThat(plan.shards()).extracting(s -> s.units().size()).containsExactly(4, 3, 3);
        assertThat(plan.shards()).extracting(ShardPlan.Shard::estimatedMillis).containsExactly(4L, 3L, 3L);
    }

    @Test
    void zeroDurationsStillSpreadOverShards() {
        List<TestId> discovered = tests("a#t", "b#t", "c#t", "d#t");
        Map<String, Long> zero = Map.of("a", 0L, "b", 0L, "c", 0L, "d", 0L);

        ShardPlan plan = ShardPlanner.plan(discovered, spec(2, Strategy.DURATION_BALANCED, Granularity.CLASS, zero));

        assertThat(plan.shards()).extracting(s -> s.units().size()).containsExactly(2, 2);
    }

    @Test
    void methodUnitsFallBackToTheirClassDurationSharedByItsMethods() {
        List<TestId> discovered = tests("a#x", "a#y", "a#z", "a#w", "b#x");
        // Only class-level history; b#x has its own entry.
        Map<String, Long> durations = Map.of("a", 400L, "b#x", 50L);
        PlanSpec onlyTwo = new PlanSpec(1, Strategy.DURATION_BALANCED, Granularity.METHOD, Set.of("a#x", "a#y"), durations);

        ShardPlan plan = ShardPlanner.plan(discovered, onlyTwo);

        // 400 ms over the class's 4 discovered methods, for the 2 included ones.
        assertThat(plan.shards().get(0).estimatedMillis()).isEqualTo(200);
    }

    @Test
    void classUnitsFallBackToTheSumOfTheirMethods() {
        List<TestId> discovered = tests("a#x", "a#y", "ab#x");
        Map<String, Long> durations = Map.of("a#x", 30L, "a#y", 70L, "ab#x", 1000L);

        ShardPlan plan = ShardPlanner.plan(discovered, spec(2, Strategy.DURATION_BALANCED, Granularity.CLASS, durations));

        assertThat(plan.shards()).extracting(ShardPlan.Shard::estimatedMillis).containsExactly(1000L, 100L);
    }

    @Test
    void includeKeepsTestsByMethodKeyClassOrUniqueId() {
        List<TestId> discovered = new ArrayList<>(tests("a#x", "a#y", "b#x", "b#y"));
        TestId cucumber = new TestId("[engine:cucumber]/[feature:f]/[scenario:7]", "f.feature", "checkout", null);
        discovered.add(cucumber);
        PlanSpec spec = new PlanSpec(2, Strategy.ROUND_ROBIN, Granularity.CLASS,
                Set.of("a#x", "b", cucumber.uniqueId()), Map.of());

        ShardPlan plan = ShardPlanner.plan(discovered, spec);

        assertThat(plan.shards()).flatExtracting(ShardPlan.Shard::units).containsExactlyInAnyOrder("a", "b", "f.feature");
        assertThat(plan.shardOf(TestId.of("a", "x"))).isNotNegative();
        // Class a is planned, but a#y was not included: it is not part of the selection.
        assertThat(plan.shardOf(TestId.of("a", "y"))).isEqualTo(-1);
        assertThat(plan.shardOf(TestId.of("b", "y"))).isNotNegative();
        assertThat(plan.shardOf(cucumber)).isNotNegative();
    }

    @Test
    void moreShardsThanUnitsLeavesEmptyShards() {
        ShardPlan plan = ShardPlanner.plan(tests("a#x", "b#x"), spec(4, Strategy.DURATION_BALANCED, Granularity.CLASS, Map.of()));

        assertThat(plan.shards()).hasSize(4);
        assertThat(plan.shards()).extracting(s -> s.units().size()).containsExactly(1, 1, 0, 0);
        assertThat(plan.shards().get(3).estimatedMillis()).isZero();
    }

    @Test
    void nothingDiscoveredGivesEmptyShards() {
        ShardPlan plan = ShardPlanner.plan(List.of(), spec(2, Strategy.ROUND_ROBIN, Granularity.METHOD, Map.of()));

        assertThat(units(plan)).containsExactly(List.of(), List.of());
        assertThat(plan.makespanMillis()).isZero();
    }

    @Test
    void equalInputsGiveEqualPlans() {
        List<TestId> discovered = tests("b#x", "a#x", "c#y");
        List<TestId> reversed = new ArrayList<>(discovered);
        java.util.Collections.reverse(reversed);
        PlanSpec spec = spec(2, Strategy.DURATION_BALANCED, Granularity.METHOD, Map.of("a#x", 5L));

        assertThat(ShardPlanner.plan(reversed, spec)).isEqualTo(ShardPlanner.plan(discovered, spec));
        assertThat(ShardPlanner.plan(reversed, spec).hashCode()).isEqualTo(ShardPlanner.plan(discovered, spec).hashCode());
    }

    @Test
    void handBuiltPlanLooksUpByUnit() {
        ShardPlan plan = new ShardPlan(Granularity.CLASS, List.of(
                new ShardPlan.Shard(0, List.of("a"), 1), new ShardPlan.Shard(1, List.of("b"), 1)));

        assertThat(plan.shardOf(TestId.of("b", "anything"))).isEqualTo(1);
        assertThat(plan.shards()).isEqualTo(List.of(
                new ShardPlan.Shard(0, List.of("a"), 1), new ShardPlan.Shard(1, List.of("b"), 1)));
    }

    @Test
    void handBuiltPlanRefusesAUnitInTwoShards() {
        assertThatThrownBy(() -> new ShardPlan(Granularity.CLASS, List.of(
                new ShardPlan.Shard(0, List.of("a"), 1), new ShardPlan.Shard(1, List.of("a"), 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unit a is in shards 0 and 1");
    }

    @Test
    void handBuiltPlanRefusesShardsOutOfOrder() {
        assertThatThrownBy(() -> new ShardPlan(Granularity.CLASS, List.of(new ShardPlan.Shard(1, List.of("a"), 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shard at position 0 has index 1");
    }

    @Test
    void planIsImmutable() {
        ShardPlan plan = ShardPlanner.plan(tests("a#x"), spec(1, Strategy.ROUND_ROBIN, Granularity.CLASS, Map.of()));

        assertThatThrownBy(() -> plan.shards().add(new ShardPlan.Shard(1, List.of(), 0)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> plan.shards().get(0).units().add("b"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
