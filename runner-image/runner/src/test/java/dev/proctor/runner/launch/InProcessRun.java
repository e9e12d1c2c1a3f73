package dev.proctor.runner.launch;

import dev.proctor.core.mask.Masker;
import dev.proctor.core.result.DecodeResult;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.runner.report.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Runs one shard inside the test JVM, exactly as {@link RunnerMain} does minus stream capture and exit. */
final class InProcessRun {
    final ShardSummary summary;
    final String log;
    final Path dir;
    final Path xml;

    private InProcessRun(ShardSummary summary, String log, Path dir, Path xml) {
        this.summary = summary;
        this.log = log;
        this.dir = dir;
        this.xml = xml;
    }

    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

    static InProcessRun shard(Path dir, Path plan, int index, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put(RunnerSettings.PLAN_FILE, plan.toString());
        env.put(RunnerSettings.SHARD_INDEX, String.valueOf(index));
        env.put(RunnerSettings.ARTIFACTS_DIR, dir.resolve("artifacts").toString());
        env.put(RunnerSettings.TERMINATION_LOG, dir.resolve("termination-log-" + index + "-" + RUNS.incrementAndGet()).toString());
        RunnerSettings settings = RunnerSettings.fromEnv(env);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        EventLog log = new EventLog(out, Masker.patternsOnly(), Clock.systemUTC(), Map.of("shard", index));
        ShardOutputs outputs = new ShardOutputs(settings, log, Instant.now());
        ShardRunner.Outcome outcome = new ShardRunner(settings, log, masker -> { }, outputs).run();
        outputs.write(outcome, null);
        DecodeResult decoded = SummaryCodec.decode(Files.readString(settings.terminationLog()).strip());
        ShardSummary summary = ((DecodeResult.Decoded) decoded).summary();
        return new InProcessRun(summary, bytes.toString(StandardCharsets.UTF_8), dir,
                settings.artifactsDir().resolve(ShardOutputs.junitFileName(index, 0)));
    }

    static InProcessRun single(Path dir, TestPlans plan) throws IOException {
        return shard(dir, plan.writeTo(dir), 0, Map.of());
    }

    String xmlText() throws IOException {
        return Files.readString(xml);
    }
}
