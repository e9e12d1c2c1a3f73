package dev.proctor.core.plan;

import java.util.Map;
import java.util.Set;

/**
 * Everything {@link ShardPlanner} needs besides the discovered tests.
 *
 * @param shards       number of shards, 1..1000
 * @param include      method keys ("class#method"), class names or JUnit unique ids to keep; empty keeps every test
 * @param durations    measured duration in milliseconds by unit key (class name, or class#method); may be empty
 */
public record PlanSpec(int shards, Strategy strategy, Granularity granularity, Set<String> include,
                       Map<String, Long> durations) {
    public PlanSpec {
        if (shards < 1) throw new IllegalArgumentException("shards must be >= 1, was " + shards);
        strategy = strategy == null ? Strategy.ROUND_ROBIN : strategy;
        granularity = granularity == null ? Granularity.CLASS : granularity;
        include = include == null ? Set.of() : Set.copyOf(include);
        durations = durations == null ? Map.of() : Map.copyOf(durations);
    }

    /** Whether the include list keeps this test: by its method key, its class, or its unique id. */
    public boolean selects(TestId test) {
        return include.isEmpty()
                || include.contains(test.methodKey())
                || include.contains(test.className())
                || include.contains(test.uniqueId());
    }
}
