package dev.proctor.core.plan;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What makes a {@link RunPlan} valid, and its canonical form: absent collections are empty, sets and maps are
 * sorted (so encoding is byte-stable), lists keep the order the user gave.
 */
final class RunPlanRules {
    static final int MAX_SHARDS = 1000;
    static final int MAX_TEST_RETRIES = 10;

    private RunPlanRules() {}

    /** @throws IllegalArgumentException naming the first bad field */
    static RunPlan canonical(RunPlan plan) {
        if (plan == null) throw new IllegalArgumentException("plan is missing");
        RunPlan canonical = new RunPlan(plan.schema(), plan.run(), plan.suite(), plan.shards(), plan.strategy(),
                plan.granularity(), list("packages", plan.packages()), list("classes", plan.classes()),
                plan.tagExpression(), sortedSet("include", plan.include()), plan.testRetries(), plan.testTimeout(),
                durations(plan.durations()), environment(plan.environment()), sortedSet("secretEnv", plan.secretEnv()),
                list("includePatterns", plan.includePatterns()), list("excludePatterns", plan.excludePatterns()),
                list("collect", plan.collect()));
        validate(canonical);
        return canonical;
    }

    private static void validate(RunPlan plan) {
        if (plan.schema() == null) {
            throw new IllegalArgumentException("schema is missing (expected \"" + RunPlan.SCHEMA + "\")");
        }
        if (!RunPlan.SCHEMA.equals(plan.schema())) {
            throw new IllegalArgumentException("schema must be \"" + RunPlan.SCHEMA + "\", was \""
                    + abbreviate(plan.schema()) + "\"");
        }
        if (plan.shards() < 1 || plan.shards() > MAX_SHARDS) {
            throw new IllegalArgumentException("shards must be between 1 and " + MAX_SHARDS + ", was " + plan.shards());
        }
        if (plan.strategy() == null) {
            throw new IllegalArgumentException("strategy is missing (RoundRobin or DurationBalanced)");
        }
        if (plan.granularity() == null) {
            throw new IllegalArgumentException("granularity is missing (Class or Method)");
        }
        if (plan.testRetries() < 0 || plan.testRetries() > MAX_TEST_RETRIES) {
            throw new IllegalArgumentException("testRetries must be between 0 and " + MAX_TEST_RETRIES
                    + ", was " + plan.testRetries());
        }
    }

    private static List<String> list(String field, List<String> values) {
        if (values == null) return List.of();
        requireNoNulls(field, values);
        return List.copyOf(values);
    }

    private static Set<String> sortedSet(String field, Set<String> values) {
        if (values == null) return Collections.emptySortedSet();
        requireNoNulls(field, values);
        return Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    private static Map<String, Long> durations(Map<String, Long> durations) {
        SortedMap<String, Long> sorted = sortedMap("durations", durations);
        sorted.forEach((unit, millis) -> {
            if (millis < 0) {
                throw new IllegalArgumentException("durations[\"" + abbreviate(unit) + "\"] must be >= 0, was " + millis);
            }
        });
        return Collections.unmodifiableSortedMap(sorted);
    }

    private static RunPlan.Environment environment(RunPlan.Environment environment) {
        if (environment == null) return null;
        return new RunPlan.Environment(environment.name(), environment.region(), environment.baseUrl(),
                Collections.unmodifiableSortedMap(sortedMap("environment.flags", environment.flags())),
                Collections.unmodifiableSortedMap(sortedMap("environment.variables", environment.variables())));
    }

    private static <V> SortedMap<String, V> sortedMap(String field, Map<String, V> values) {
        if (values == null) return new TreeMap<>();
        values.forEach((key, value) -> {
            if (key == null) throw new IllegalArgumentException(field + " has a null key");
            if (value == null) {
                throw new IllegalArgumentException(field + "[\"" + abbreviate(key) + "\"] must not be null");
            }
        });
        return new TreeMap<>(values);
    }

    private static void requireNoNulls(String field, Collection<String> values) {
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(field + " must not contain null");
        }
    }

    /** Messages end up in a status: never echo a long user value. */
    static String abbreviate(String value) {
        if (value.codePointCount(0, value.length()) <= 40) return value;
        return value.substring(0, value.offsetByCodePoints(0, 37)) + "...";
    }
}
