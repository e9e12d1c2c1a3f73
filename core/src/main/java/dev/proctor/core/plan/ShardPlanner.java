package dev.proctor.core.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Pure planning function called by every shard (and by the benchmark) with the same inputs.
 *
 * <p>Every shard discovers the same tests and must reach the same plan, in whatever order its engine listed
 * them: units are collected into a sorted set first, and every tie is broken by unit key or shard index, so
 * nothing depends on input or hash order.
 */
public final class ShardPlanner {
    private ShardPlanner() {}

    public static ShardPlan plan(Collection<TestId> discovered, PlanSpec spec) {
        Objects.requireNonNull(discovered, "discovered");
        Objects.requireNonNull(spec, "spec");
        SortedSet<String> units = new TreeSet<>();
        for (TestId test : discovered) {
            if (spec.selects(test)) units.add(test.unitKey(spec.granularity()));
        }
        Map<String, Long> estimates = DurationEstimator.estimate(units, discovered, spec);
        List<List<String>> assigned = spec.strategy() == Strategy.DURATION_BALANCED
                ? longestFirst(units, estimates, spec.shards())
                : roundRobin(units, spec.shards());

        List<ShardPlan.Shard> shards = new ArrayList<>(spec.shards());
        for (int i = 0; i < assigned.size(); i++) {
            List<String> shardUnits = assigned.get(i);
            shardUnits.sort(null);
            long load = shardUnits.stream().mapToLong(estimates::get).sum();
            shards.add(new ShardPlan.Shard(i, shardUnits, load));
        }
        return ShardPlan.of(spec.granularity(), shards, spec::selects);
    }

    private static List<List<String>> roundRobin(SortedSet<String> units, int shardCount) {
        List<List<String>> shards = emptyShards(shardCount);
        int i = 0;
        for (String unit : units) {
            shards.get(i++ % shardCount).add(unit);
        }
        return shards;
    }

    /** Graham's LPT rule: longest unit first, onto the least-loaded shard; within 4/3 of optimal. */
    private static List<List<String>> longestFirst(SortedSet<String> units, Map<String, Long> estimates, int shardCount) {
        List<String> longestFirst = new ArrayList<>(units);
        longestFirst.sort(Comparator.comparing((String unit) -> estimates.get(unit)).reversed()
                .thenComparing(Comparator.naturalOrder()));

        long[] load = new long[shardCount];
        PriorityQueue<Integer> leastLoaded = new PriorityQueue<>(shardCount,
                Comparator.comparingLong((Integer shard) -> load[shard]).thenComparingInt(shard -> shard));
        for (int i = 0; i < shardCount; i++) leastLoaded.add(i);

        List<List<String>> shards = emptyShards(shardCount);
        for (String unit : longestFirst) {
            int shard = leastLoaded.poll();
            shards.get(shard).add(unit);
            load[shard] += estimates.get(unit);
            leastLoaded.add(shard);
        }
        return shards;
    }

    private static List<List<String>> emptyShards(int count) {
        List<List<String>> shards = new ArrayList<>(count);
        for (int i = 0; i < count; i++) shards.add(new ArrayList<>());
        return shards;
    }
}
