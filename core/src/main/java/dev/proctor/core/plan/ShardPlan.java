package dev.proctor.core.plan;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The outcome of planning: for each shard index, the sorted unit keys it runs and its estimated load.
 * Equal inputs give an equal plan on every machine.
 *
 * <p>The shard list is kept in an indexed form, so {@link #shardOf} is a map look-up (every runner calls it
 * once per discovered test). A plan made by {@link ShardPlanner} also remembers the include filter it was
 * planned with: with class granularity a unit is a whole class, yet a test of that class that the include list
 * left out is not part of the selection and must not run. Equality compares only the two components.
 */
public record ShardPlan(Granularity granularity, List<Shard> shards) {

    /** @param index 0-based shard index; {@code units} are kept sorted as given */
    public record Shard(int index, List<String> units, long estimatedMillis) {
        public Shard {
            units = List.copyOf(units);
        }
    }

    /** @throws IllegalArgumentException when shard indexes are not 0..n-1 in order or a unit is in two shards */
    public ShardPlan {
        Objects.requireNonNull(granularity, "granularity");
        shards = shards instanceof ShardIndex index ? index : new ShardIndex(shards, test -> true);
    }

    /** Used by the planner to bind the include filter to the plan. */
    static ShardPlan of(Granularity granularity, List<Shard> shards, Predicate<TestId> selection) {
        return new ShardPlan(granularity, new ShardIndex(shards, selection));
    }

    /** The shard that runs this test, or -1 when the test is not part of the selection. */
    public int shardOf(TestId test) {
        return ((ShardIndex) shards).shardOf(test, granularity);
    }

    /** Largest estimated shard load. */
    public long makespanMillis() {
        return shards.stream().mapToLong(Shard::estimatedMillis).max().orElse(0);
    }
}
