package dev.proctor.runner.launch;

import dev.proctor.core.mask.Masker;
import dev.proctor.core.plan.PlanSpec;
import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.plan.RunPlanCodec;
import dev.proctor.core.plan.ShardPlan;
import dev.proctor.core.plan.ShardPlanner;
import dev.proctor.core.plan.TestId;
import dev.proctor.core.time.GoDuration;
import dev.proctor.runner.report.EventLog;
import dev.proctor.runner.report.ShardReport;
import dev.proctor.runner.report.TestAttempt;
import dev.proctor.runner.report.TestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One shard's run, from plan to report: read the plan, run the suite's preflights, discover, let core's planner
 * pick this shard's share, run it, re-run failures up to the plan's test retries.
 *
 * <p>Anything that keeps the runner from doing that becomes a {@link RunnerError} and a report with an error; it
 * never escapes as an exception, because the shard must always end with a summary the operator can read.
 */
public final class ShardRunner {
    /** JUnit Jupiter's own per-test timeout: it interrupts a hanging test instead of waiting for it to end. */
    static final String JUPITER_TIMEOUT = "junit.jupiter.execution.timeout.testable.method.default";

    private final RunnerSettings settings;
    private final EventLog patternLog;
    private final Consumer<Masker> maskerListener;

    /**
     * @param log            event log masking credential shapes only (the plan's secrets are not known yet)
     * @param maskerListener told the full masker once the plan is read, so stdout can mask secret values too
     */
    public ShardRunner(RunnerSettings settings, EventLog log, Consumer<Masker> maskerListener) {
        this.settings = settings;
        this.patternLog = log;
        this.maskerListener = maskerListener;
    }

    /** Result of {@link #run}: the report, and the plan when it could be read (for granularity and masking). */
    public record Outcome(ShardReport report, RunPlan plan, Masker masker) {}

    public Outcome run() {
        long start = System.nanoTime();
        RunPlan plan = null;
        Masker masker = Masker.from(settings.env(), Set.of());
        try {
            plan = readPlan();
            masker = Masker.from(settings.env(), plan.secretEnv());
            maskerListener.accept(masker);
            EventLog log = patternLog.withMasker(masker);
            checkShard(plan);
            List<String> preflights = Preflights.run(settings.env());
            log.event("runner.preflight", "checks", String.join(",", preflights));
            List<TestResult> results = runShare(plan, log);
            return new Outcome(new ShardReport(results, millisSince(start), null), plan, masker);
        } catch (RunnerError e) {
            return new Outcome(ShardReport.error(e.getMessage(), millisSince(start)), plan, masker);
        } catch (RuntimeException | Error e) {
            return new Outcome(ShardReport.error("runner failed: " + e, millisSince(start)), plan, masker);
        }
    }

    private RunPlan readPlan() {
        String json;
        try {
            json = Files.readString(settings.planFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunnerError("cannot read the plan file " + settings.planFile() + ": " + e, e);
        }
        try {
            return RunPlanCodec.decode(json);
        } catch (IllegalArgumentException e) {
            throw new RunnerError("the plan file " + settings.planFile() + " is not a valid plan: " + e.getMessage(), e);
        }
    }

    private void checkShard(RunPlan plan) {
        if (settings.shardCount() != null && settings.shardCount() != plan.shards()) {
            throw new RunnerError(RunnerSettings.SHARD_COUNT + "=" + settings.shardCount()
                    + " does not match the plan's shards=" + plan.shards());
        }
        if (settings.shardIndex() >= plan.shards()) {
            throw new RunnerError(RunnerSettings.SHARD_INDEX + "=" + settings.shardIndex()
                    + " is out of range for " + plan.shards() + " shards (0-based)");
        }
    }

    private List<TestResult> runShare(RunPlan plan, EventLog log) {
        long timeoutMillis = timeoutMillis(plan);
        Map<String, String> configuration = new LinkedHashMap<>();
        if (timeoutMillis > 0) configuration.put(JUPITER_TIMEOUT, timeoutMillis + " ms");
        Launcher launcher = LauncherFactory.create();
        SuiteDiscovery discovery = new SuiteDiscovery(launcher, configuration);

        List<DiscoveredTest> discovered = discovery.discover(plan, settings.testRoots());
        // PROCTOR_INCLUDE is a retry attempt: exactly the tests this shard failed before, all of them run here,
        // so they are not split again across the plan's shards (that would leave most of them to no pod).
        PlanSpec spec = settings.include()
                .map(include -> new PlanSpec(1, plan.strategy(), plan.granularity(), include, plan.durations()))
                .orElse(plan.planSpec());
        int share = settings.include().isPresent() ? 0 : settings.shardIndex();
        ShardPlan shardPlan = ShardPlanner.plan(discovered.stream().map(DiscoveredTest::id).toList(), spec);
        List<DiscoveredTest> selected = discovered.stream().filter(t -> shardPlan.shardOf(t.id()) >= 0).toList();
        if (selected.isEmpty()) throw new RunnerError(nothingMatched(plan, spec, discovered.size()));
        List<DiscoveredTest> mine = selected.stream().filter(t -> shardPlan.shardOf(t.id()) == share).toList();
        log.event("plan.ready", "discovered", discovered.size(), "selected", selected.size(), "shardTests", mine.size(),
                "strategy", plan.strategy().name(), "granularity", plan.granularity().name());
        if (mine.isEmpty()) return List.of();

        Map<String, TestId> ids = new LinkedHashMap<>();
        mine.forEach(test -> ids.put(test.uniqueId(), test.id()));
        Map<String, TestResult> results = new LinkedHashMap<>();
        execute(launcher, discovery, mine, log, 0, timeoutMillis).forEach((id, attempt) ->
                results.put(id, new TestResult(ids.get(id), List.of(attempt))));
        for (int retry = 1; retry <= plan.testRetries(); retry++) {
            List<DiscoveredTest> failed = mine.stream()
                    .filter(t -> results.get(t.uniqueId()).status() == TestResult.Status.FAILED).toList();
            if (failed.isEmpty()) break;
            log.event("test.retry", "try", retry, "tests", failed.size());
            execute(launcher, discovery, failed, log, retry, timeoutMillis).forEach((id, attempt) ->
                    results.computeIfPresent(id, (k, result) -> result.withAttempt(attempt)));
        }
        return new ArrayList<>(results.values());
    }

    private static Map<String, TestAttempt> execute(Launcher launcher, SuiteDiscovery discovery,
                                                    List<DiscoveredTest> tests, EventLog log, int tryNumber,
                                                    long timeoutMillis) {
        AttemptRecorder recorder = new AttemptRecorder(tests, log, tryNumber, timeoutMillis);
        Set<String> ids = tests.stream().map(DiscoveredTest::uniqueId).collect(Collectors.toSet());
        launcher.execute(discovery.executionRequest(ids), recorder);
        if (!recorder.engineFailures().isEmpty()) {
            throw new RunnerError(String.join("; ", recorder.engineFailures()));
        }
        return recorder.attempts();
    }

    private static long timeoutMillis(RunPlan plan) {
        if (plan.testTimeout() == null || plan.testTimeout().isBlank()) return 0;
        try {
            return GoDuration.parse(plan.testTimeout()).toMillis();
        } catch (IllegalArgumentException e) {
            throw new RunnerError("testTimeout in the plan is " + e.getMessage(), e);
        }
    }

    private static String nothingMatched(RunPlan plan, PlanSpec spec, int discovered) {
        String what = "packages " + plan.packages() + ", classes " + plan.classes()
                + (plan.tagExpression() == null ? "" : ", tags '" + plan.tagExpression() + "'");
        if (discovered == 0) return "no tests matched the selection (" + what + ")";
        return "none of the " + discovered + " tests found for " + what + " is in the include list ("
                + spec.include().size() + " keys, e.g. " + spec.include().stream().limit(3).toList() + ")";
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
