package dev.proctor.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ShardPlannerPropertyTest {

    /** A suite and a spec drawn together, so include lists and history refer to tests that exist. */
    record Case(List<TestId> discovered, PlanSpec spec) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<TestId>> suites = Arbitraries.integers().between(0, 40).flatMap(classes ->
                Arbitraries.integers().between(1, 6).list().ofSize(classes).map(methodCounts -> {
                    List<TestId> tests = new ArrayList<>();
                    for (int c = 0; c < methodCounts.size(); c++) {
                        for (int m = 0; m < methodCounts.get(c); m++) tests.add(TestId.of("pkg.C" + c, "m" + m));
                    }
                    return tests;
                }));
        return Combinators.combine(suites, Arbitraries.integers().between(1, 50),
                        Arbitraries.of(Strategy.class), Arbitraries.of(Granularity.class),
                        Arbitraries.longs(), Arbitraries.integers().between(0, 100))
                .as((tests, shards, strategy, granularity, seed, knownPercent) -> {
                    Random random = new Random(seed);
                    Set<String> include = new HashSet<>();
                    if (random.nextBoolean()) {
                        for (TestId test : tests) {
                            if (random.nextInt(3) == 0) include.add(random.nextBoolean() ? test.methodKey() : test.className());
                        }
                    }
                    Map<String, Long> durations = new HashMap<>();
                    for (TestId test : tests) {
                        String key = random.nextBoolean() ? test.className() : test.methodKey();
                        if (random.nextInt(100) < knownPercent) durations.put(key, (long) random.nextInt(100_000));
                    }
                    return new Case(tests, new PlanSpec(shards, strategy, granularity, include, durations));
                });
    }

    @Property(tries = 300)
    void everySelectedTestRunsInExactlyOneShard(@ForAll("cases") Case c) {
        ShardPlan plan = ShardPlanner.plan(c.discovered(), c.spec());

        assertThat(plan.shards()).hasSize(c.spec().shards());
        Set<String> planned = new TreeSet<>();
        int plannedCount = 0;
        for (ShardPlan.Shard shard : plan.shards()) {
            assertThat(shard.units()).isSorted();
            planned.addAll(shard.units());
            plannedCount += shard.units().size();
        }
        assertThat(plannedCount).as("no unit in two shards").isEqualTo(planned.size());

        Set<String> selectedUnits = new TreeSet<>();
        for (TestId test : c.discovered()) {
            int shard = plan.shardOf(test);
            if (c.spec().selects(test)) {
                String unit = test.unitKey(c.spec().granularity());
                selectedUnits.add(unit);
                assertThat(shard).isBetween(0, c.spec().shards() - 1);
                assertThat(plan.shards().get(shard).units()).contains(unit);
            } else {
                assertThat(shard).isEqualTo(-1);
            }
        }
        assertThat(planned).isEqualTo(selectedUnits);
    }

    @Property(tries = 200)
    void planDoesNotDependOnDiscoveryOrder(@ForAll("cases") Case c, @ForAll long seed) {
        List<TestId> shuffled = new ArrayList<>(c.discovered());
        Collections.shuffle(shuffled, new Random(seed));

        ShardPlan original = ShardPlanner.plan(c.discovered(), c.spec());
        ShardPlan reordered = ShardPlanner.plan(shuffled, c.spec());

        assertThat(reordered).isEqualTo(original);
        assertThat(reordered.toString()).isEqualTo(original.toString());
    }

    @Property(tries = 200)
    void longestFirstIsWithinTheListSchedulingBound(@ForAll("cases") Case c) {
        PlanSpec balanced = new PlanSpec(c.spec().shards(), Strategy.DURATION_BALANCED, c.spec().granularity(),
                c.spec().include(), c.spec().durations());
        ShardPlan plan = ShardPlanner.plan(c.discovered(), balanced);

        TreeSet<String> units = new TreeSet<>();
        plan.shards().forEach(shard -> units.addAll(shard.units()));
        Map<String, Long> estimates = DurationEstimator.estimate(units, c.discovered(), balanced);
        long total = estimates.values().stream().mapToLong(Long::longValue).sum();
        long longest = estimates.values().stream().mapToLong(Long::longValue).max().orElse(0);
        assertThat(plan.shards().stream().mapToLong(ShardPlan.Shard::estimatedMillis).sum()).isEqualTo(total);
        // Graham: a greedy list schedule ends within the average load plus the longest unit.
        assertThat((double) plan.makespanMillis()).isLessThanOrEqualTo((double) total / balanced.shards() + longest);
    }

    @Property(tries = 100)
    void roundRobinShardSizesDifferByAtMostOne(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 50) int shards) {
        PlanSpec spec = new PlanSpec(shards, Strategy.ROUND_ROBIN, c.spec().granularity(), c.spec().include(), Map.of());

        ShardPlan plan = ShardPlanner.plan(c.discovered(), spec);

        int min = plan.shards().stream().mapToInt(s -> s.units().size()).min().orElse(0);
        int max = plan.shards().stream().mapToInt(s -> s.units().size()).max().orElse(0);
        assertThat(max - min).isLessThanOrEqualTo(1);
    }
}
