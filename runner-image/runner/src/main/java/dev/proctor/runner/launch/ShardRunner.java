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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * never escapes as an exception, because the shard must always end with a summary the operator can read. Results
 * are kept as each test ends ({@link LiveResults}), checkpointed to the termination log before and after every
 * test, and an {@link OutOfMemoryError} or a {@code System.exit} in a test ends the shard with the tests that
 * completed and an error naming the one that was running.
 */
public final class ShardRunner {
    /** JUnit Jupiter's own per-test timeout: it interrupts a hanging test instead of waiting for it to end. */
    static final String JUPITER_TIMEOUT = "junit.jupiter.execution.timeout.testable.method.default";
    /** Files written this shortly before a test started still count as its own: file times lag the clock a tick. */
    private static final long FILE_CLOCK_SLACK_MILLIS = 10;

    private final RunnerSettings settings;
    private final EventLog patternLog;
    private final Consumer<Masker> maskerListener;
    private final ShardOutputs outputs;
    private final LiveResults live = new LiveResults();
    private final long start = System.nanoTime();
    private volatile RunPlan plan;
    private volatile Masker masker;

    /**
     * @param log            event log masking credential shapes only (the plan's secrets are not known yet)
     * @param maskerListener told the full masker once the plan is read, so stdout can mask secret values too
     */
    public ShardRunner(RunnerSettings settings, EventLog log, Consumer<Masker> maskerListener, ShardOutputs outputs) {
        this.settings = settings;
        this.patternLog = log;
        this.maskerListener = maskerListener;
        this.outputs = outputs;
        this.masker = Masker.from(settings.env(), Set.of());
    }

    /** Result of {@link #run}: the report, and the plan when it could be read (for granularity and masking). */
    public record Outcome(ShardReport report, RunPlan plan, Masker masker) {}

    public Outcome run() {
        CrashGuard guard = new CrashGuard(this::stoppedEarly);
        guard.install();
        try {
            return runGuarded();
        } finally {
            guard.finished();
        }
    }

    private Outcome runGuarded() {
        try {
            plan = readPlan();
            masker = Masker.from(settings.env(), plan.secretEnv());
            maskerListener.accept(masker);
            EventLog log = patternLog.withMasker(masker).with("run", settings.run() != null ? settings.run() : plan.run());
            checkShard(plan);
            List<String> preflights = Preflights.run(settings.env());
            log.event("runner.preflight", "checks", String.join(",", preflights));
            runShare(plan, log);
            return new Outcome(live.report(millisSince(start), null), plan, masker);
        } catch (RunnerError e) {
            return new Outcome(live.report(millisSince(start), e.getMessage()), plan, masker);
        } catch (OutOfMemoryError e) {
            CrashGuard.releaseHeap();
            String message = crashMessage("OutOfMemoryError: " + e.getMessage());
            live.failRunning(dev.proctor.runner.report.Failure.of(e));
            return new Outcome(live.report(millisSince(start), message), plan, masker);
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(live.report(millisSince(start), "runner failed: " + Causes.describe(e)), plan, masker);
        }
    }

    /** The shutdown hook's view: write what completed; halt with 2 after a System.exit, let a signal end the JVM. */
    private int stoppedEarly(String exitCall) {
        CrashGuard.releaseHeap();
        String why = exitCall != null ? exitCall : "the JVM was asked to stop (SIGTERM: the shard's deadline or its pod deleted)";
        String message = crashMessage(why);
        TestId running = live.running();
        if (exitCall != null) {
            live.failRunning(dev.proctor.runner.report.Failure.of("java.lang.SecurityException",
                    "the test ended the JVM: " + exitCall));
        }
        Outcome outcome = new Outcome(live.report(millisSince(start), message), plan, masker);
        try {
            outputs.write(outcome, exitCall == null ? running : null);
        } catch (RuntimeException | Error e) {
            System.err.println("proctor: cannot write the outputs while stopping: " + e);
        }
        return exitCall != null ? dev.proctor.core.result.Verdict.ERROR.exitCode() : -1;
    }

    private String crashMessage(String what) {
        TestId running = live.running();
        int completed = live.completed();
        return what + (running == null ? " between tests" : " while " + running.methodKey() + " was running")
                + "; " + completed + " tests had completed and are reported, the rest of the shard did not run";
    }

    private RunPlan readPlan() {
        if (settings.planFile() == null) return LocalPlans.build(settings);
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

    private void runShare(RunPlan plan, EventLog log) {
        long timeoutMillis = timeoutMillis(plan);
        SuiteDescriptor suite = SuiteDescriptor.find(settings);
        Map<String, String> configuration = new LinkedHashMap<>(suite.configurationParameters());
        if (timeoutMillis > 0) configuration.put(JUPITER_TIMEOUT, timeoutMillis + " ms");
        Launcher launcher = LauncherFactory.create();
        SuiteDiscovery discovery = new SuiteDiscovery(launcher, configuration);

        List<DiscoveredTest> discovered = discovery.discover(plan, settings.testRoots(), suite.classSelection());
        // PROCTOR_INCLUDE is a retry attempt: exactly the tests this shard failed before, all of them run here,
        // so they are not split again across the plan's shards (that would leave most of them to no pod).
        PlanSpec spec = settings.include()
                .map(include -> new PlanSpec(1, plan.strategy(), plan.granularity(), include, plan.durations()))
                .orElse(plan.planSpec());
        int share = settings.include().isPresent() ? 0 : settings.shardIndex();
        ShardPlan shardPlan = ShardPlanner.plan(discovered.stream().map(DiscoveredTest::id).toList(), spec);
        List<DiscoveredTest> selected = discovered.stream().filter(t -> shardPlan.shardOf(t.id()) >= 0).toList();
        if (selected.isEmpty()) {
            throw new RunnerError("none of the " + discovered.size() + " tests found is in the include list ("
                    + spec.include().size() + " keys, e.g. " + spec.include().stream().limit(3).toList() + ")");
        }
        List<DiscoveredTest> mine = selected.stream().filter(t -> shardPlan.shardOf(t.id()) == share).toList();
        log.event("plan.ready", "discovered", discovered.size(), "selected", selected.size(), "shardTests", mine.size(),
                "strategy", PlanNames.of(plan.strategy()), "granularity", PlanNames.of(plan.granularity()));
        if (mine.isEmpty()) return;

        outputs.startResults(plan, masker);
        ArtifactCollector collector = new ArtifactCollector(Path.of("").toAbsolutePath(), settings.artifactsDir(),
                plan.collect(), "always".equalsIgnoreCase(settings.env().get(ArtifactCollector.KEEP_ARTIFACTS)));
        CrashGuard.reserveHeap();
        execute(launcher, discovery, mine, log, 0, timeoutMillis, collector);
        for (int retry = 1; retry <= plan.testRetries(); retry++) {
            Set<String> failedKeys = live.failedMethodKeys();
            List<DiscoveredTest> failed = mine.stream().filter(t -> failedKeys.contains(t.id().methodKey())).toList();
            if (failed.isEmpty()) break;
            log.event("test.retry", "try", retry, "tests", failed.size());
            execute(launcher, discovery, failed, log, retry, timeoutMillis, collector);
        }
    }

    private void execute(Launcher launcher, SuiteDiscovery discovery, List<DiscoveredTest> tests, EventLog log,
                         int tryNumber, long timeoutMillis, ArtifactCollector collector) {
        live.startTry(tryNumber);
        AttemptRecorder recorder = new AttemptRecorder(tests, log, tryNumber, timeoutMillis, new AttemptRecorder.Progress() {
            @Override
            public void started(TestId planned) {
                live.started(planned);
                outputs.checkpoint(live, millisSince(start));
            }

            @Override
            public void finished(TestId test, TestAttempt attempt, Instant startedAt) {
                live.finished(test, attempt);
                outputs.journal(test, tryNumber, attempt, startedAt);
                if (collector.active()) {
                    collector.collect(test, tryNumber, attempt.outcome() == dev.proctor.runner.report.Outcome.FAILED,
                            startedAt.minusMillis(FILE_CLOCK_SLACK_MILLIS));
                }
                outputs.checkpoint(live, millisSince(start));
            }
        });
        Set<String> ids = tests.stream().map(DiscoveredTest::uniqueId).collect(Collectors.toSet());
        launcher.execute(discovery.executionRequest(ids), recorder);
        live.notRunning();
        recorder.reportMissing();
        if (!recorder.engineFailures().isEmpty()) {
            throw new RunnerError(String.join("; ", recorder.engineFailures()));
        }
    }

    private static long timeoutMillis(RunPlan plan) {
        if (plan.testTimeout() == null || plan.testTimeout().isBlank()) return 0;
        try {
            return GoDuration.parse(plan.testTimeout()).toMillis();
        } catch (IllegalArgumentException e) {
            throw new RunnerError("testTimeout in the plan is " + e.getMessage(), e);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
