package dev.proctor.techshop.e2e;

import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.plan.RunPlanCodec;
import dev.proctor.core.result.DecodeResult;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs one shard the way the local pod executor does: the runner's main class in its own JVM, with the suite on
 * its classpath, the plan in a file and the contract's env vars. This module's own test classes are left off the
 * classpath, so only the suite is discovered.
 */
final class ShardProcess {
    private static final Pattern STARTED = Pattern.compile("\"event\":\"test.started\"[^\\n]*?\"test\":\"([^\"]+)\"");

    final int exitCode;
    final String output;
    final ShardSummary summary;
    final Path artifacts;
    final int shard;

    private ShardProcess(int exitCode, String output, ShardSummary summary, Path artifacts, int shard) {
        this.exitCode = exitCode;
        this.output = output;
        this.summary = summary;
        this.artifacts = artifacts;
        this.shard = shard;
    }

    static ShardProcess run(Path dir, RunPlan plan, int shard, Map<String, String> env) throws Exception {
        Path work = Files.createDirectories(dir.resolve("shard-" + shard + "-" + System.nanoTime()));
        Path planFile = work.resolve("plan.json");
        Files.writeString(planFile, RunPlanCodec.encode(plan));
        Path artifacts = work.resolve("artifacts");
        Path terminationLog = work.resolve("termination-log");
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
                "dev.proctor.runner.launch.RunnerMain")).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("PROCTOR_"));
        environment.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        environment.put("PROCTOR_PLAN_FILE", planFile.toString());
        environment.put("PROCTOR_SHARD_INDEX", String.valueOf(shard));
        environment.put("PROCTOR_SHARD_COUNT", String.valueOf(plan.shards()));
        environment.put("PROCTOR_RUN", plan.run());
        environment.put("PROCTOR_ARTIFACTS_DIR", artifacts.toString());
        environment.put("PROCTOR_TERMINATION_LOG", terminationLog.toString());
        environment.putAll(env);
        Path log = work.resolve("output.log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("shard " + shard + " did not finish:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        DecodeResult decoded = SummaryCodec.decode(Files.readAllBytes(terminationLog));
        if (!(decoded instanceof DecodeResult.Decoded ok)) {
            throw new AssertionError("unreadable summary " + decoded + "\n" + output);
        }
        return new ShardProcess(process.exitValue(), output, ok.summary(), artifacts, shard);
    }

    /**
     * What to read when a shard did not end as expected, the cause first: exit code, verdict, failed tests, then every
     * output line but a test's start and a passed test's end (failures with their messages, runner errors, the JVM's
     * own lines). A CI log shows the head of an assertion message; the passing tests' lines would push the cause out.
     */
    String diagnosis() {
        StringBuilder text = new StringBuilder("exit " + exitCode + ", verdict " + summary.verdict() + ", failed "
                + summary.failedTests() + ", error " + summary.error() + "\n");
        output.lines().filter(line -> !line.contains("\"event\":\"test.started\"")
                        && !(line.contains("\"event\":\"test.finished\"") && line.contains("\"status\":\"PASSED\"")))
                .forEach(line -> text.append(line.length() > 2_000 ? line.substring(0, 2_000) + "…" : line).append('\n'));
        return text.toString();
    }

    List<String> startedTests() {
        List<String> tests = new ArrayList<>();
        Matcher matcher = STARTED.matcher(output);
        while (matcher.find()) tests.add(matcher.group(1));
        return tests;
    }

    String junitXml() throws Exception {
        return Files.readString(artifacts.resolve("junit-shard-" + shard + ".xml"));
    }

    List<String> artifactNames() throws Exception {
        try (var files = Files.list(artifacts)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
