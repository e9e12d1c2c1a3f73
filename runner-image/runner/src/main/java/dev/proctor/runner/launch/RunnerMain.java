package dev.proctor.runner.launch;

import dev.proctor.core.mask.Masker;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import dev.proctor.runner.mask.MaskingOutputStream;
import dev.proctor.runner.report.EventLog;
import dev.proctor.runner.report.RunReporter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's entry point, in every shard pod and by hand ({@code proctor-runner --help}). Exit code 0 = all passed
 * (flaky included), 1 = tests failed, 2 = runner error; the reason is always in the summary.
 *
 * <p>Started on the runner's own jars only (the image's entry point), it first puts the suite on its own JUnit
 * Platform version ({@link SuiteLoader}) and runs the rest in that class loader; started on a classpath that
 * already has JUnit, it runs there.
 *
 * <p>Before anything else it puts masking streams in front of stdout and stderr, so what tests print is masked too,
 * and it publishes its resolved settings as {@code proctor.*} system properties, so that libraries in the same JVM
 * (the suite SDK) agree with it on the artifacts directory even when the env var is unset.
 */
public final class RunnerMain {
    /** System property holding the resolved artifacts directory. */
    public static final String ARTIFACTS_DIR_PROPERTY = "proctor.artifacts.dir";
    /** System property naming the JUnit Platform the suite runs on, set before the suite's loader takes over. */
    static final String PLATFORM_PROPERTY = "proctor.junit.platform";

    private RunnerMain() {}

    /**
     * Always ends through {@code System.exit}: Playwright's driver threads are not daemons, so a runner that merely
     * returned from {@code main} after an unexpected error would keep the pod running until its deadline.
     */
    public static void main(String[] args) {
        int exitCode = Verdict.ERROR.exitCode();
        try {
            exitCode = launch(args, System.getenv());
        } catch (Throwable unexpected) {
            unexpected.printStackTrace();
        } finally {
            System.exit(exitCode);
        }
    }

    /** Finds the suite's JUnit Platform and runs the shard on it; the whole program minus {@code System.exit}. */
    static int launch(String[] args, Map<String, String> env) throws Exception {
        if (RunReporter.requested(env)) return RunReporter.run(env, System.out);
        RunnerSettings settings;
        try {
            settings = RunnerSettings.from(args, env);
        } catch (RunnerSettings.UsageRequested usage) {
            System.out.print(RunnerSettings.USAGE);
            return 0;
        } catch (RunnerError e) {
            return run(args, env);
        }
        if (SuiteLoader.platformVisible(RunnerMain.class.getClassLoader())) return run(args, env);
        List<Path> suite = new ArrayList<>(settings.testRoots());
        suite.addAll(settings.suiteClasspath());
        SuiteLoader.Choice choice;
        try {
            choice = SuiteLoader.choose(suite, settings.launchersDir());
        } catch (RunnerError e) {
            return failBeforeStart(settings, env, e.getMessage());
        }
        System.setProperty(PLATFORM_PROPERTY, choice.describe());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = SuiteLoader.create(SuiteLoader.runnerClasspath(), choice, suite)) {
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> inner = Class.forName(RunnerMain.class.getName(), true, loader);
            return (int) inner.getDeclaredMethod("run", String[].class, Map.class).invoke(null, args, env);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * The shard in this class loader (the suite's, or a flat classpath that has JUnit). Public because the copy of
     * this class in the suite's loader is another runtime package than the one that calls it.
     */
    public static int run(String[] args, Map<String, String> env) {
        Instant startedAt = Instant.now();
        Masker patterns = Masker.from(env, java.util.Set.of());
        MaskingOutputStream maskedOut = new MaskingOutputStream(new FileOutputStream(FileDescriptor.out), patterns);
        MaskingOutputStream maskedErr = new MaskingOutputStream(new FileOutputStream(FileDescriptor.err), patterns);
        PrintStream out = new PrintStream(maskedOut, true, StandardCharsets.UTF_8);
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        System.setOut(out);
        System.setErr(new PrintStream(maskedErr, true, StandardCharsets.UTF_8));
        try {
            return runMasked(args, env, startedAt, out, patterns, maskedOut, maskedErr);
        } finally {
            out.flush();
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }

    private static int runMasked(String[] args, Map<String, String> env, Instant startedAt, PrintStream out,
                                 Masker patterns, MaskingOutputStream maskedOut, MaskingOutputStream maskedErr) {
        RunnerSettings settings;
        try {
            settings = RunnerSettings.from(args, env);
        } catch (RunnerError e) {
            EventLog log = new EventLog(out, patterns, Clock.systemUTC(), context(null, env));
            log.event("runner.started");
            return failWithoutSettings(env, e.getMessage(), log);
        }
        EventLog log = withEventFile(new EventLog(out, patterns, Clock.systemUTC(), context(settings, env)), settings);
        log.event("runner.started", "jvmStartedAt",
                Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()).toString(),
                "platform", System.getProperty(PLATFORM_PROPERTY, "the runner's classpath"));
        System.setProperty(ARTIFACTS_DIR_PROPERTY, settings.artifactsDir().toAbsolutePath().toString());
        ShardOutputs outputs = new ShardOutputs(settings, log, startedAt);
        ShardRunner.Outcome outcome = new ShardRunner(settings, log, masker -> {
            maskedOut.use(masker);
            maskedErr.use(masker);
        }, outputs).run();
        EventLog finalLog = log.withMasker(outcome.masker())
                .with("run", settings.run() != null ? settings.run() : outcome.plan() == null ? null : outcome.plan().run());
        ShardSummary summary = outputs.write(outcome, null);
        finalLog.event("runner.finished", "verdict", summary.verdict().name(), "total", summary.total(),
                "passed", summary.passed(), "failed", summary.failed(), "skipped", summary.skipped(),
                "flaky", summary.flaky(), "millis", summary.durationMillis(), "error", summary.error(),
                "summary", settings.terminationLog().toString(), "artifacts", settings.artifactsDir().toString());
        out.flush();
        return summary.verdict().exitCode();
    }

    /**
     * The event log also goes to {@code events-shard-<i>[-a<k>].jsonl} among the artifacts when a store is set, so
     * that it is uploaded with them: the operator never reads pod logs, and the pod's go with it.
     */
    private static EventLog withEventFile(EventLog log, RunnerSettings settings) {
        if (!settings.env().containsKey(dev.proctor.core.plan.RunnerContract.STORE_BUCKET)) return log;
        Path file = settings.artifactsDir().resolve("events-shard-" + settings.shardIndex()
                + (settings.attempt() > 0 ? "-a" + settings.attempt() : "") + ".jsonl");
        try {
            Files.createDirectories(settings.artifactsDir());
            // closed with the JVM: the log is written to until the runner's last line
            return log.alsoTo(new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.event("runner.warning", "message", "cannot write the event log to " + file + ": " + e);
            return log;
        }
    }

    private static Map<String, Object> context(RunnerSettings settings, Map<String, String> env) {
        Map<String, Object> context = new LinkedHashMap<>();
        String run = settings != null ? settings.run() : env.get(RunnerSettings.RUN);
        if (run != null) context.put("run", run);
        context.put("shard", settings != null ? String.valueOf(settings.shardIndex())
                : env.getOrDefault(RunnerSettings.SHARD_INDEX, "0"));
        context.put("attempt", env.getOrDefault(RunnerSettings.ATTEMPT, "0"));
        return context;
    }

    /** A runner error found before the suite's class loader exists (no JUnit Platform, no fitting launcher). */
    private static int failBeforeStart(RunnerSettings settings, Map<String, String> env, String message) {
        PrintStream out = System.out;
        EventLog log = new EventLog(out, Masker.from(env, java.util.Set.of()), Clock.systemUTC(), context(settings, env));
        log.event("runner.started");
        writeError(settings.terminationLog(), message, log);
        log.event("runner.finished", "verdict", Verdict.ERROR.name(), "error", message);
        return Verdict.ERROR.exitCode();
    }

    private static int failWithoutSettings(Map<String, String> env, String message, EventLog log) {
        writeError(RunnerSettings.terminationLog(env), message, log);
        log.event("runner.finished", "verdict", Verdict.ERROR.name(), "error", message);
        return Verdict.ERROR.exitCode();
    }

    private static void writeError(Path terminationLog, String message, EventLog log) {
        try {
            Path parent = terminationLog.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(terminationLog, SummaryCodec.encode(ShardSummary.error(message)));
        } catch (IOException | RuntimeException e) {
            log.event("runner.warning", "message", "cannot write the summary: " + e);
        }
    }
}
