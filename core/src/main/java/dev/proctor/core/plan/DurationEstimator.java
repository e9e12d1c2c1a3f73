package dev.proctor.core.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Estimated milliseconds per planned unit, from the suite's history snapshot.
 *
 * <p>In order of preference a unit's estimate is:
 * <ol>
 *   <li>its own history entry, by name or else by its {@link UnitHash} key (a shard whose durations did not fit its
 *       summary by name reports them hashed);</li>
 *   <li>for a method unit whose class only has class-level history (the suite used to run with class
 *       granularity): the class's duration divided by the number of that class's discovered methods, counted
 *       before the include filter because the class duration was measured with all of them;</li>
 *   <li>for a class unit whose methods have method-level history (the suite used to run with method
 *       granularity): the sum of those methods' durations;</li>
 *   <li>otherwise the lower median of the estimates found above (a new test is assumed typical, and the lower
 *       median keeps the choice deterministic for an even count); 1 ms each when nothing is known, which makes
 *       duration balancing degrade to balancing counts.</li>
 * </ol>
 * Every estimate is at least 1 ms for the same reason: zero-length units would otherwise all pile onto one shard.
 */
final class DurationEstimator {
    private DurationEstimator() {}

    /** @return estimate by unit key, for exactly the given units */
    static Map<String, Long> estimate(SortedSet<String> units, Collection<TestId> discovered, PlanSpec spec) {
        Map<String, Long> history = spec.durations();
        Map<String, String> classOfUnit = new HashMap<>();
        Map<String, Set<String>> methodsOfClass = new HashMap<>();
        for (TestId test : discovered) {
            classOfUnit.put(test.unitKey(spec.granularity()), test.className());
            methodsOfClass.computeIfAbsent(test.className(), c -> new HashSet<>()).add(test.methodKey());
        }
        boolean methodUnits = spec.granularity() == Granularity.METHOD;
        NavigableMap<String, Long> sortedHistory = methodUnits ? null : new TreeMap<>(history);

        Map<String, Long> estimates = new HashMap<>();
        List<Long> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String unit : units) {
            Long estimate = byNameOrHash(history, unit);
            if (estimate == null) {
                estimate = methodUnits
                        ? fromClass(history, classOfUnit.get(unit), methodsOfClass)
                        : fromMethods(sortedHistory, unit);
            }
            if (estimate == null) {
                unknown.add(unit);
            } else {
                long atLeastOne = Math.max(1, estimate);
                estimates.put(unit, atLeastOne);
                known.add(atLeastOne);
            }
        }
        long fill = lowerMedian(known);
        for (String unit : unknown) {
            estimates.put(unit, fill);
        }
        return estimates;
    }

    private static Long fromClass(Map<String, Long> history, String className, Map<String, Set<String>> methodsOfClass) {
        Long classMillis = className == null ? null : byNameOrHash(history, className);
        return classMillis == null ? null : classMillis / methodsOfClass.get(className).size();
    }

    private static Long fromMethods(NavigableMap<String, Long> history, String className) {
        // Method keys of a class are "class#method"; '$' is the character after '#', so this is exactly them.
        SortedMap<String, Long> methods = history.subMap(className + "#", className + "$");
        if (methods.isEmpty()) return null;
        long sum = 0;
        for (long millis : methods.values()) sum += Math.max(0, millis);
        return sum;
    }

    private static Long byNameOrHash(Map<String, Long> history, String unit) {
        Long millis = history.get(unit);
        return millis != null || history.isEmpty() ? millis : history.get(UnitHash.hashedKey(unit));
    }

    private static long lowerMedian(List<Long> values) {
        if (values.isEmpty()) return 1;
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }
}
