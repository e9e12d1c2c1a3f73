package dev.proctor.core.plan;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Predicate;

/**
 * The immutable shard list of a {@link ShardPlan}, carrying a unit → shard look-up table. It is a {@link List}
 * so the record's component, equality and JSON form stay those of a plain list.
 */
final class ShardIndex extends AbstractList<ShardPlan.Shard> implements RandomAccess {
    private final List<ShardPlan.Shard> shards;
    private final Map<String, Integer> shardByUnit = new HashMap<>();
    private final Predicate<TestId> selection;

    ShardIndex(List<ShardPlan.Shard> shards, Predicate<TestId> selection) {
        this.shards = List.copyOf(shards);
        this.selection = selection;
        for (int i = 0; i < this.shards.size(); i++) {
            ShardPlan.Shard shard = this.shards.get(i);
            if (shard.index() != i) {
                throw new IllegalArgumentException("shard at position " + i + " has index " + shard.index());
            }
            for (String unit : shard.units()) {
                Integer previous = shardByUnit.putIfAbsent(unit, i);
                if (previous != null) {
                    throw new IllegalArgumentException("unit " + unit + " is in shards " + previous + " and " + i);
                }
            }
        }
    }

    int shardOf(TestId test, Granularity granularity) {
        if (!selection.test(test)) return -1;
        return shardByUnit.getOrDefault(test.unitKey(granularity), -1);
    }

    @Override
    public ShardPlan.Shard get(int index) {
        return shards.get(index);
    }

    @Override
    public int size() {
        return shards.size();
    }
}
