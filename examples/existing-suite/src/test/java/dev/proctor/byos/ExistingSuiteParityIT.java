package dev.proctor.byos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.result.DecodeResult;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The suite as {@code proctor:suite} packaged it (target/proctor-suite), run by the real runner — its jar and lib,
 * no JUnit of its own, as the image runs it — in 4 shards, against what Surefire's {@code mvn test} reported for the
 * same project in this build: the same test classes and methods, the same number of tests in each (parameterized
 * invocations one by one), the same outcomes. Then a second run, DurationBalanced at method level on the durations
 * the first run measured, to show the history feeding the next plan. Prints the figures.
 */
class ExistingSuiteParityIT {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path RUNNER = Path.of("..", "..", "runner-image", "runner", "target").toAbsolutePath().normalize();
    /** Surefire's working directory, where the suite finds the src/test/resources it reads by relative path. */
    private static final Path WORKDIR = TARGET.resolve("test-workdir");
    private static final int SHARDS = 4;

    @Test
    void fourShardsRunWhatMavenTestRanWithTheSameOutcomes() throws Exception {
        Map<String, int[]> surefire = new TreeMap<>();
        double surefireSeconds = readReports(listXml(TARGET.resolve("surefire-reports"), "TEST-"), surefire);
        assertThat(surefire).as("mvn test ran first in this build").isNotEmpty();

        Path out = TARGET.resolve("proctor-run");
        Run first = runShards(out, "--strategy", "RoundRobin");
        Map<String, int[]> proctor = new TreeMap<>();
        readReports(first.xmls, proctor);

        int[] surefireTotals = totals(surefire);
        int[] proctorTotals = totals(proctor);
        System.out.printf("%n| | test classes | tests | passed | failed | skipped | time |%n|---|---|---|---|---|---|---|%n");
        System.out.printf("| mvn test (Surefire 3.5.2, 1 JVM) | %d | %d | %d | %d | %d | %.1f s tests |%n",
                classes(surefire), surefireTotals[0], surefireTotals[1], surefireTotals[2], surefireTotals[3], surefireSeconds);
        System.out.printf("| Proctor, %d shards, RoundRobin by class | %d | %d | %d | %d | %d | %s |%n", SHARDS,
                classes(proctor), proctorTotals[0], proctorTotals[1], proctorTotals[2], proctorTotals[3], first.describe());

        assertThat(proctor.keySet()).as("the same test methods").isEqualTo(surefire.keySet());
        surefire.forEach((method, counts) -> assertThat(proctor.get(method)).as(method).containsExactly(counts));
        assertThat(first.summaryTotal).isEqualTo(surefireTotals[0]);

        Run balanced = runShards(TARGET.resolve("proctor-run-balanced"), "--strategy", "DurationBalanced",
                "--granularity", "Method", "--history", out.toString());
        Map<String, int[]> again = new TreeMap<>();
        readReports(balanced.xmls, again);
        System.out.printf("| Proctor, %d shards, DurationBalanced by method on the first run's durations | %d | %d | | | | %s |%n%n",
                SHARDS, classes(again), totals(again)[0], balanced.describe());
        assertThat(again.keySet()).isEqualTo(surefire.keySet());
        assertThat(balanced.output).contains("\"strategy\":\"DurationBalanced\"");
    }

    private record Run(List<Path> xmls, long[] shardMillis, int summaryTotal, String output) {
        String describe() {
            long max = 0;
            long sum = 0;
            StringBuilder each = new StringBuilder();
            for (long millis : shardMillis) {
                max = Math.max(max, millis);
                sum += millis;
                each.append(each.length() == 0 ? "" : " / ").append(String.format("%.1f", millis / 1000.0));
            }
            return String.format("shards %s s (tests), slowest %.1f s, sum %.1f s", each, max / 1000.0, sum / 1000.0);
        }
    }

    private Run runShards(Path out, String... options) throws Exception {
        List<Path> xmls = new ArrayList<>();
        long[] millis = new long[SHARDS];
        int total = 0;
        StringBuilder output = new StringBuilder();
        for (int index = 0; index < SHARDS; index++) {
            // Surefire's argLine (-Xmx3g), as a suite image would set JAVA_TOOL_OPTIONS. With more heap
            // Base64Test#testCodec265 runs (5.3 GiB in a few huge arrays) and can run out of memory after other tests
            // in a shard (it did under -XX:+UseSerialGC, and at method granularity under G1): the shard then ends
            // with an OutOfMemoryError naming it, after reporting every test before it.
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx3g", "-cp", runnerClasspath(), "dev.proctor.runner.launch.RunnerMain",
                    "--suite", TARGET.resolve("proctor-suite").toString(), "--shards", String.valueOf(SHARDS),
                    "--index", String.valueOf(index), "--out", out.toString()));
            command.addAll(List.of(options));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(WORKDIR.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("PROCTOR_") || name.equals("KUBERNETES_SERVICE_HOST"));
            builder.environment().put("PROCTOR_LAUNCHERS_DIR", RUNNER.resolve("launchers").toString());
            Process process = builder.start();
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
            output.append(log);
            Path shard = out.resolve("shard-" + index);
            DecodeResult decoded = SummaryCodec.decode(Files.readString(shard.resolve("summary.json")).strip());
            assertThat(decoded).as(log).isInstanceOf(DecodeResult.Decoded.class);
            ShardSummary summary = ((DecodeResult.Decoded) decoded).summary();
            assertThat(summary.error()).as(log).isNull();
            assertThat(process.exitValue()).as(log).isZero();
            total += summary.total();
            millis[index] = summary.durationMillis();
            xmls.add(shard.resolve("junit-shard-" + index + ".xml"));
        }
        return new Run(xmls, millis, total, output.toString());
    }

    /** @return the reports' total test time in seconds; counts per class#method: tests, passed, failed, skipped */
    private static double readReports(List<Path> files, Map<String, int[]> into) throws Exception {
        double seconds = 0;
        for (Path file : files) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            NodeList cases = doc.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testcase = (Element) cases.item(i);
                String name = testcase.getAttribute("name");
                if (name.equals("runner")) continue;
                String key = testcase.getAttribute("classname") + "#" + method(name);
                int[] counts = into.computeIfAbsent(key, k -> new int[4]);
                counts[0]++;
                boolean failed = testcase.getElementsByTagName("failure").getLength() > 0
                        || testcase.getElementsByTagName("error").getLength() > 0;
                boolean skipped = testcase.getElementsByTagName("skipped").getLength() > 0;
                counts[failed ? 2 : skipped ? 3 : 1]++;
                seconds += Double.parseDouble(testcase.getAttribute("time").isEmpty() ? "0" : testcase.getAttribute("time"));
            }
        }
        return seconds;
    }

    /** "encode(String)[3]", "encode [3] abc", "encode()" and "encode" all name the method encode. */
    static String method(String testcaseName) {
        int end = testcaseName.length();
        for (char c : new char[] {'(', '[', ' '}) {
            int at = testcaseName.indexOf(c);
            if (at > 0) end = Math.min(end, at);
        }
        return testcaseName.substring(0, end);
    }

    private static int[] totals(Map<String, int[]> counts) {
        int[] totals = new int[4];
        counts.values().forEach(c -> {
            for (int i = 0; i < 4; i++) totals[i] += c[i];
        });
        return totals;
    }

    private static long classes(Map<String, int[]> counts) {
        return counts.keySet().stream().map(k -> k.substring(0, k.indexOf('#'))).distinct().count();
    }

    private static List<Path> listXml(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static String runnerClasspath() throws IOException {
        try (Stream<Path> files = Files.list(RUNNER)) {
            Path jar = files.filter(f -> f.getFileName().toString().matches("proctor-runner-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("package runner-image/runner first"));
            return jar + File.pathSeparator + RUNNER.resolve("lib").resolve("*");
        }
    }
}
