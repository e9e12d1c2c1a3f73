package dev.proctor.core.bench;

import dev.proctor.core.plan.Granularity;
import dev.proctor.core.plan.PlanSpec;
import dev.proctor.core.plan.ShardPlan;
import dev.proctor.core.plan.ShardPlanner;
import dev.proctor.core.plan.Strategy;
import dev.proctor.core.plan.TestId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * How close each strategy gets to the best possible run time (makespan), on synthetic suites whose test
 * durations are log-normal, as measured suites' are. Not part of the test run.
 *
 * <p>Run it with {@code cd /work/main && ./mvnw -B -q -pl core -Pbench test-compile exec:java}.
 *
 * <p>The makespan is always measured with the true durations; the planner only sees the history. Three kinds of
 * history are tried: exact (history = truth), noisy (truth = history × log-normal noise, sigma 0.2, as run-to-run
 * variation does), and partial (20 % of the units have no history and get the median estimate, as new tests
 * do). The lower bound max(total / shards, longest unit) is what no plan can beat.
 */
public final class PlannerBench {
    private static final int WARMUP = 5;
    private static final int REPEATS = 15;
    /** One random suite can be lucky or unlucky; the mean ratio over this many seeds says what to expect. */
    private static final int SEEDS = 20;

    private PlannerBench() {}

    record Suite(String name, int classes, int methodsPerClass, int shards, Granularity granularity,
                 double medianMillis, double sigma) {
        int units() {
            return granularity == Granularity.CLASS ? classes : classes * methodsPerClass;
        }
    }

    enum History { EXACT, NOISY, PARTIAL }

    /** A suite's tests with their true durations by unit, and the history the planner is given. */
    record Instance(List<TestId> tests, Map<String, Long> truth, Map<String, Long> history) {}

    public static void main(String[] args) {
        List<Suite> suites = List.of(
                new Suite("A", 200, 5, 10, Granularity.CLASS, 20_000, 1.0),
                new Suite("B", 200, 10, 25, Granularity.METHOD, 2_000, 1.0),
                new Suite("C", 50, 5, 8, Granularity.CLASS, 20_000, 1.0),
                new Suite("D heavy tail", 300, 5, 12, Granularity.CLASS, 5_000, 2.0));
        System.out.printf("%-12s %5s %6s %-7s %9s | %-44s | %-44s%n", "suite", "units", "shards", "history",
                "lower bnd", "RoundRobin", "DurationBalanced");
        String columns = String.format("%10s %6s %9s %8s", "makespan", "ratio", "ratio@20", "plan ms");
        System.out.printf("%-12s %5s %6s %-7s %9s | %-44s | %-44s%n", "", "", "", "", "", columns, columns);
        for (Suite suite : suites) {
            for (History history : History.values()) {
                Instance instance = instance(suite, history, 42);
                long lowerBound = lowerBound(instance.truth(), suite.shards());
                System.out.printf("%-12s %5d %6d %-7s %9s | %-44s | %-44s%n", suite.name(), suite.units(), suite.shards(),
                        history.name().toLowerCase(), seconds(lowerBound),
                        measure(suite, history, instance, Strategy.ROUND_ROBIN, lowerBound),
                        measure(suite, history, instance, Strategy.DURATION_BALANCED, lowerBound));
            }
        }
    }

    private static String measure(Suite suite, History history, Instance instance, Strategy strategy, long lowerBound) {
        PlanSpec spec = new PlanSpec(suite.shards(), strategy, suite.granularity(), Set.of(), instance.history());
        long makespan = makespan(ShardPlanner.plan(instance.tests(), spec), instance.truth());
        return String.format("%10s %6.3f %9.3f %8.2f", seconds(makespan), (double) makespan / lowerBound,
                meanRatio(suite, history, strategy), medianPlanningMillis(instance.tests(), spec));
    }

    private static double meanRatio(Suite suite, History history, Strategy strategy) {
        double sum = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            Instance instance = instance(suite, history, seed);
            PlanSpec spec = new PlanSpec(suite.shards(), strategy, suite.granularity(), Set.of(), instance.history());
            sum += (double) makespan(ShardPlanner.plan(instance.tests(), spec), instance.truth())
                    / lowerBound(instance.truth(), suite.shards());
        }
        return sum / SEEDS;
    }

    private static long makespan(ShardPlan plan, Map<String, Long> truth) {
        long makespan = 0;
        for (ShardPlan.Shard shard : plan.shards()) {
            makespan = Math.max(makespan, shard.units().stream().mapToLong(truth::get).sum());
        }
        return makespan;
    }

    private static double medianPlanningMillis(List<TestId> tests, PlanSpec spec) {
        for (int i = 0; i < WARMUP; i++) ShardPlanner.plan(tests, spec);
        double[] millis = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            ShardPlanner.plan(tests, spec);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[REPEATS / 2];
    }

    static Instance instance(Suite suite, History kind, long seed) {
        Random random = new Random(seed);
        List<TestId> tests = new ArrayList<>();
        for (int c = 0; c < suite.classes(); c++) {
            for (int m = 0; m < suite.methodsPerClass(); m++) {
                tests.add(TestId.of(String.format("shop.suite.Class%04d", c), String.format("test%02d", m)));
            }
        }
        Map<String, Long> truth = new HashMap<>();
        Map<String, Long> history = new HashMap<>();
        for (TestId test : tests) {
            String unit = test.unitKey(suite.granularity());
            if (truth.containsKey(unit)) continue;
            long recorded = Math.max(1, Math.round(suite.medianMillis() * Math.exp(suite.sigma() * random.nextGaussian())));
            long actual = kind == History.NOISY ? Math.max(1, Math.round(recorded * Math.exp(0.2 * random.nextGaussian())))
                    : recorded;
            truth.put(unit, actual);
            if (kind != History.PARTIAL || random.nextDouble() >= 0.2) history.put(unit, recorded);
        }
        return new Instance(tests, truth, history);
    }

    private static long lowerBound(Map<String, Long> truth, int shards) {
        long total = truth.values().stream().mapToLong(Long::longValue).sum();
        long longest = truth.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return Math.max((total + shards - 1) / shards, longest);
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }
}
