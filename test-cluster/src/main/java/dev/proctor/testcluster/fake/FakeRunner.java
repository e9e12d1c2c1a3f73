package dev.proctor.testcluster.fake;

import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.plan.RunPlanCodec;
import dev.proctor.core.plan.RunnerContract;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A stand-in for the runner program, <b>for tests and the demo only</b>: it honours the runner's side of the
 * contract (env vars, the plan file, the termination-message summary, exit codes 0/1/2) without running any
 * test. Its shard "contains" {@code PROCTOR_FAKE_TESTS} made-up tests plus every id in {@code PROCTOR_FAKE_FAIL}
 * that hashes to it; those fail. {@code PROCTOR_FAKE_MILLIS} makes it take that long;
 * {@code PROCTOR_FAKE_NO_SUMMARY=true} makes it exit 2 without writing a summary.
 */
public final class FakeRunner {
    private FakeRunner() {}

    public static void main(String[] args) throws Exception {
        int shard = Integer.parseInt(env(RunnerContract.SHARD_INDEX, "0"));
        int shards = Integer.parseInt(env(RunnerContract.SHARD_COUNT, "1"));
        Path terminationLog = Path.of(env(RunnerContract.TERMINATION_LOG, RunnerContract.DEFAULT_TERMINATION_LOG));
        Thread.sleep(Long.parseLong(env("PROCTOR_FAKE_MILLIS", "0")));
        if (Boolean.parseBoolean(env("PROCTOR_FAKE_NO_SUMMARY", "false"))) {
            System.err.println("fake runner: exiting without a summary, as asked");
            System.exit(Verdict.ERROR.exitCode());
        }
        ShardSummary summary = summarise(shard, shards);
        Files.write(terminationLog, SummaryCodec.encode(summary));
        Path artifacts = Path.of(env(RunnerContract.ARTIFACTS_DIR, "."));
        Files.writeString(artifacts.resolve("fake-runner-shard-" + shard + ".txt"), summary.toString(), StandardCharsets.UTF_8);
        System.out.println("fake runner: shard " + shard + "/" + shards + " " + summary.verdict());
        System.exit(summary.verdict().exitCode());
    }

    static ShardSummary summarise(int shard, int shards) {
        RunPlan plan;
        try {
            plan = RunPlanCodec.decode(Files.readString(Path.of(env(RunnerContract.PLAN_FILE, RunnerContract.DEFAULT_PLAN_FILE))));
        } catch (IOException | RuntimeException e) {
            return ShardSummary.error("cannot read the plan: " + e.getMessage());
        }
        if (plan.shards() != shards) {
            return ShardSummary.error("plan has " + plan.shards() + " shards, env says " + shards);
        }
        Set<String> failing = new LinkedHashSet<>();
        for (String id : list("PROCTOR_FAKE_FAIL")) {
            if (Math.floorMod(id.hashCode(), shards) == shard) failing.add(id);
        }
        List<String> mine = new ArrayList<>();
        int count = Integer.parseInt(env("PROCTOR_FAKE_TESTS", "3"));
        for (int i = 0; i < count; i++) mine.add("dev.proctor.fake.Shard" + shard + "Test#test" + i);
        mine.addAll(failing);
        List<String> include = list(RunnerContract.INCLUDE);
        List<String> run = include.isEmpty() ? mine : mine.stream().filter(include::contains).toList();
        List<String> failed = run.stream().filter(failing::contains).toList();
        Map<String, Long> durations = new TreeMap<>();
        run.forEach(id -> durations.merge(id.substring(0, id.indexOf('#') < 0 ? id.length() : id.indexOf('#')), 100L, Long::sum));
        return new ShardSummary(failed.isEmpty() ? Verdict.PASSED : Verdict.FAILED, run.size(), run.size() - failed.size(),
                failed.size(), 0, 0, 100L * run.size(), failed, List.of(), durations, null, false);
    }

    private static List<String> list(String name) {
        String value = env(name, "");
        return value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
