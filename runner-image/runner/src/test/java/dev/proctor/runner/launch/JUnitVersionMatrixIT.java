package dev.proctor.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.result.DecodeResult;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged runner (its jar and lib, no JUnit of its own) run by hand on one suite compiled once, with the suite's
 * classpath on every Jupiter version that resolves here (5.9 to 5.14, and 6.0): each runs, on a launcher of its own
 * platform version, with the same counts. Prints the table.
 */
class JUnitVersionMatrixIT {
    private static final Path TARGET = Path.of("target");
    private static final List<String> VERSIONS = List.of("5.9.3", "5.10.5", "5.11.4", "5.12.2", "5.13.4", "5.14.1", "6.0.1");
    private static final Pattern PLATFORM = Pattern.compile("\"platform\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void theSameSuiteRunsOnEveryJupiterVersion() throws Exception {
        StringBuilder table = new StringBuilder("\n| Jupiter | runs on | tests | passed | failed | skipped | wall time |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (String version : VERSIONS) {
            long start = System.nanoTime();
            Child child = runner(dir.resolve(version), suiteClasspath(version), "--packages", "dev.proctor.runner.fixture.matrix");
            long millis = (System.nanoTime() - start) / 1_000_000;
            ShardSummary summary = child.summary(0);
            String platform = child.platform();
            table.append(String.format("| %s | %s | %d | %d | %d | %d | %d ms |%n", version, platform, summary.total(),
                    summary.passed(), summary.failed(), summary.skipped(), millis));

            assertThat(child.exitCode).as(child.output).isEqualTo(1);
            assertThat(summary.error()).as(version).isNull();
            assertThat(List.of(summary.total(), summary.passed(), summary.failed(), summary.skipped()))
                    .as(version).containsExactly(9, 7, 1, 1);
            assertThat(summary.failedTests()).containsExactly("dev.proctor.runner.fixture.matrix.MatrixFixture#fails");
            String platformVersion = version.startsWith("6") ? version : "1" + version.substring(1);
            assertThat(platform).startsWith("JUnit Platform " + platformVersion + " (launcher " + platformVersion);
        }
        System.out.println(table);
    }

    @Test
    void aPlatformNoLauncherFitsFailsWithOneErrorNamingBothVersions() throws Exception {
        Path fake = dir.resolve("junit-platform-engine-1.7.9.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "junit-platform-engine");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.7.9");
        try (OutputStream out = Files.newOutputStream(fake); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        Child child = runner(dir.resolve("old"), fake.toString(), "--packages", "dev.proctor.runner.fixture.matrix");

        assertThat(child.exitCode).isEqualTo(2);
        assertThat(child.summary(0).error()).startsWith("the suite uses JUnit Platform 1.7.9 (junit-platform-engine-1.7.9.jar)"
                + " and this runner brings launchers for [1.9.3, 1.10.5, 1.11.4, 1.12.2, 1.13.4, 1.14.1, 6.0.1]: none matches."
                + " Add org.junit.platform:junit-platform-launcher:1.7.9 to the suite's test dependencies");

        Child none = runner(dir.resolve("none"), "", "--packages", "dev.proctor.runner.fixture.matrix");
        assertThat(none.summary(0).error()).startsWith("the suite's classpath has no JUnit Platform");
        System.out.println("no fitting launcher: " + child.summary(0).error());
    }

    @Test
    void byHandInFourShardsWithoutAPlanEachTestRunsOnce() throws Exception {
        Path out = dir.resolve("local");
        int total = 0;
        List<String> ran = new ArrayList<>();
        for (int index = 0; index < 4; index++) {
            Child child = runner(out, suiteClasspath("5.13.4"), "--packages", "dev.proctor.runner.fixture.matrix",
                    "--shards", "4", "--index", String.valueOf(index), "--granularity", "Method");
            ShardSummary summary = child.summary(index);
            total += summary.total();
            Matcher started = Pattern.compile("\"event\":\"test.finished\"[^\\n]*\"uniqueId\":\"([^\"]+)\"").matcher(child.output);
            while (started.find()) ran.add(started.group(1));
            assertThat(out.resolve("shard-" + index + "/junit-shard-" + index + ".xml")).exists();
            assertThat(child.output).contains("\"strategy\":\"RoundRobin\"").contains("\"run\":\"local\"");
        }
        assertThat(total).isEqualTo(9);
        assertThat(ran).hasSize(9).doesNotHaveDuplicates();
    }

    private String suiteClasspath(String version) throws IOException {
        try (Stream<Path> jars = Files.list(TARGET.resolve("junit-matrix").resolve(version))) {
            return String.join(File.pathSeparator, jars.map(Path::toString).sorted().toList());
        }
    }

    private record Child(int exitCode, String output, Path out) {
        ShardSummary summary(int shard) throws IOException {
            String text = Files.readString(out.resolve("shard-" + shard).resolve("summary.json")).strip();
            DecodeResult decoded = SummaryCodec.decode(text);
            assertThat(decoded).as(output).isInstanceOf(DecodeResult.Decoded.class);
            return ((DecodeResult.Decoded) decoded).summary();
        }

        String platform() {
            Matcher matcher = PLATFORM.matcher(output);
            return matcher.find() ? matcher.group(1) : "?";
        }
    }

    private Child runner(Path out, String classpath, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", runnerClasspath(), RunnerMain.class.getName(),
                "--tests", TARGET.resolve("test-classes").toString(), "--out", out.toString()));
        if (!classpath.isEmpty()) command.addAll(List.of("--classpath", classpath));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PROCTOR_") || name.equals("KUBERNETES_SERVICE_HOST"));
        builder.environment().putAll(Map.of(RunnerSettings.LAUNCHERS_DIR, TARGET.resolve("launchers").toString(),
                "PROCTOR_MATRIX", "1"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Child(process.exitValue(), output, out);
    }

    /** The runner as the image has it: its jar and target/lib, nothing else. */
    private static String runnerClasspath() throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            Path jar = files.filter(f -> f.getFileName().toString().matches("proctor-runner-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("package the runner first"));
            return jar + File.pathSeparator + TARGET.resolve("lib").resolve("*");
        }
    }
}
