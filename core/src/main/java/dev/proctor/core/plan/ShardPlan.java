package dev.proctor.core.plan;

import java.util.List;

/**
 * The outcome of planning: for each shard index, the sorted unit keys it runs and its estimated load.
 * Equal inputs give an equal plan on every machine.
 */
public record ShardPlan(Granularity granularity, List<Shard> shards) {
    public record Shard(int index, List<String> units, long estimatedMillis) {}

    /** The shard that runs this test, or -1 when the test is not part of the selection. */
    public int shardOf(TestId test) {
        throw new UnsupportedOperationException("contract: implemented in core");
    }

    /** Largest estimated shard load. */
    public long makespanMillis() {
        return shards.stream().mapToLong(Shard::estimatedMillis).max().orElse(0);
    }
}
