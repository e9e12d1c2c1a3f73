package dev.proctor.core.plan;

import java.util.Collection;

/** Pure planning function called by every shard (and by the benchmark) with the same inputs. */
public final class ShardPlanner {
    private ShardPlanner() {}

    public static ShardPlan plan(Collection<TestId> discovered, PlanSpec spec) {
        throw new UnsupportedOperationException("contract: implemented in core");
    }
}
