package dev.proctor.runner.launch;

import dev.proctor.core.plan.Granularity;
import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.plan.RunPlanCodec;
import dev.proctor.core.plan.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds plans the way the operator does (through the codec) for the runner's tests. */
final class TestPlans {
    private String run = "fixture-run";
    private int shards = 1;
    private Strategy strategy = Strategy.ROUND_ROBIN;
    private Granularity granularity = Granularity.CLASS;
    private List<String> packages = List.of();
    private List<String> classes = List.of();
    private String tags;
    private Set<String> include = Set.of();
    private int retries;
    private String timeout;
    private Map<String, Long> durations = Map.of();
    private Set<String> secretEnv = Set.of();
    private List<String> includePatterns = List.of();
    private List<String> excludePatterns = List.of();
    private List<String> collect = List.of();

    static TestPlans packages(String... names) {
        TestPlans plans = new TestPlans();
        plans.packages = List.of(names);
        return plans;
    }

    TestPlans classes(String... names) { classes = List.of(names); return this; }

    TestPlans shards(int count) { shards = count; return this; }

    TestPlans strategy(Strategy value) { strategy = value; return this; }

    TestPlans granularity(Granularity value) { granularity = value; return this; }

    TestPlans tags(String expression) { tags = expression; return this; }

    TestPlans include(String... keys) { include = Set.of(keys); return this; }

    TestPlans retries(int count) { retries = count; return this; }

    TestPlans timeout(String value) { timeout = value; return this; }

    TestPlans durations(Map<String, Long> value) { durations = value; return this; }

    TestPlans secretEnv(String... names) { secretEnv = Set.of(names); return this; }

    TestPlans includePatterns(String... patterns) { includePatterns = List.of(patterns); return this; }

    TestPlans excludePatterns(String... patterns) { excludePatterns = List.of(patterns); return this; }

    TestPlans collect(String... globs) { collect = List.of(globs); return this; }

    RunPlan build() {
        return new RunPlan(RunPlan.SCHEMA, run, "fixtures", shards, strategy, granularity, packages, classes, tags,
                include, retries, timeout, durations, null, secretEnv, includePatterns, excludePatterns, collect);
    }

    Path writeTo(Path dir) throws IOException {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, RunPlanCodec.encode(build()));
        return file;
    }
}
