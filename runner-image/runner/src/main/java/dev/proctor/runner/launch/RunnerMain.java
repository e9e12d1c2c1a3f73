package dev.proctor.runner.launch;

import dev.proctor.core.mask.Masker;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.Verdict;
import dev.proctor.runner.mask.MaskingOutputStream;
import dev.proctor.runner.report.EventLog;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runner's entry point in every shard pod. Exit code 0 = all passed (flaky included), 1 = tests failed,
 * 2 = runner error; the reason is always in the summary written to the termination log.
 *
 * <p>Before anything else it puts masking streams in front of stdout and stderr, so what tests print is masked too,
 * and it publishes its resolved settings as {@code proctor.*} system properties, so that libraries in the same JVM
 * (the suite SDK) agree with it on the artifacts directory even when the env var is unset.
 */
public final class RunnerMain {
    /** System property holding the resolved artifacts directory. */
    public static final String ARTIFACTS_DIR_PROPERTY = "proctor.artifacts.dir";

    private RunnerMain() {}

    /**
     * Always ends through {@code System.exit}: Playwright's driver threads are not daemons, so a runner that merely
     * returned from {@code main} after an unexpected error would keep the pod running until its deadline.
     */
    public static void main(String[] args) {
        int exitCode = Verdict.ERROR.exitCode();
        try {
            exitCode = run(System.getenv());
        } catch (Throwable unexpected) {
            unexpected.printStackTrace();
        } finally {
            System.exit(exitCode);
        }
    }

    /** The whole program minus {@code System.exit}: used by the tests that run the runner as a child JVM. */
    static int run(Map<String, String> env) {
        Instant startedAt = Instant.now();
        Masker patterns = Masker.from(env, java.util.Set.of());
        MaskingOutputStream maskedOut = new MaskingOutputStream(new FileOutputStream(FileDescriptor.out), patterns);
        MaskingOutputStream maskedErr = new MaskingOutputStream(new FileOutputStream(FileDescriptor.err), patterns);
        PrintStream out = new PrintStream(maskedOut, true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(new PrintStream(maskedErr, true, StandardCharsets.UTF_8));

        Map<String, Object> context = new LinkedHashMap<>();
        context.put("run", env.getOrDefault(RunnerSettings.RUN, "local"));
        context.put("shard", env.getOrDefault(RunnerSettings.SHARD_INDEX, "0"));
        context.put("attempt", env.getOrDefault(RunnerSettings.ATTEMPT, "0"));
        EventLog log = new EventLog(out, patterns, Clock.systemUTC(), context);
        log.event("runner.started", "jvmStartedAt",
                Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()).toString());

        RunnerSettings settings;
        try {
            settings = RunnerSettings.fromEnv(env);
        } catch (RunnerError e) {
            return finishWithoutSettings(env, e.getMessage(), log);
        }
        System.setProperty(ARTIFACTS_DIR_PROPERTY, settings.artifactsDir().toAbsolutePath().toString());
        ShardRunner.Outcome outcome = new ShardRunner(settings, log, masker -> {
            maskedOut.use(masker);
            maskedErr.use(masker);
        }).run();
        EventLog finalLog = log.withMasker(outcome.masker());
        ShardSummary summary = new ShardOutputs(settings, finalLog).write(outcome, startedAt);
        finalLog.event("runner.finished", "verdict", summary.verdict().name(), "total", summary.total(),
                "passed", summary.passed(), "failed", summary.failed(), "skipped", summary.skipped(),
                "flaky", summary.flaky(), "millis", summary.durationMillis(), "error", summary.error());
        out.flush();
        return summary.verdict().exitCode();
    }

    private static int finishWithoutSettings(Map<String, String> env, String message, EventLog log) {
        try {
            java.nio.file.Files.write(RunnerSettings.terminationLog(env),
                    dev.proctor.core.result.SummaryCodec.encode(ShardSummary.error(message)));
        } catch (java.io.IOException | RuntimeException e) {
            log.event("runner.warning", "message", "cannot write the summary: " + e);
        }
        log.event("runner.finished", "verdict", Verdict.ERROR.name(), "error", message);
        return Verdict.ERROR.exitCode();
    }
}
