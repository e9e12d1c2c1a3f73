package dev.proctor.techshop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.proctor.core.plan.Granularity;
import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.plan.Strategy;
import dev.proctor.techshop.app.AppOptions;
import dev.proctor.techshop.app.TechShopApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Benchmark, not a test: how long a shard takes from JVM start to its first test, and what the runner and SDK add
 * to each test over a bare Playwright script doing the same page work, side by side with Playwright's driver
 * unpacked per JVM (the default) and pre-unpacked once ({@code -Dplaywright.cli.dir}, what an image can do at
 * build time).
 *
 * <p>Run: {@code ./mvnw -B -q -pl examples/techshop/e2e -am -Pbench verify -DskipTests}
 */
public final class RunnerStartBench {
    private static final String TARGET = "dev.proctor.techshop.suite.HomeTest#homeShowsFeaturedProducts";
    private static final String WARMUP = "dev.proctor.techshop.suite.CatalogTest#catalogListsEveryProduct";
    private static final int RUNS = 5;
    private static final int BARE_ITERATIONS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunnerStartBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("proctor-bench");
        Path driver = unpackDriver(work.resolve("playwright-driver"));
        try (TechShopApp app = TechShopApp.start(AppOptions.defaults())) {
            RunPlan plan = new RunPlan(RunPlan.SCHEMA, "bench", "techshop", 1, Strategy.ROUND_ROBIN, Granularity.METHOD,
                    List.of("dev.proctor.techshop"), List.of(), null, Set.of(TARGET, WARMUP), 0, "60s", Map.of(),
                    new RunPlan.Environment("bench", "us", app.baseUrl(), Map.of("checkout", true), Map.of()), Set.of());
            System.out.printf("%-18s | %-22s | %-30s | %-22s | %s%n", "Playwright driver", "JVM -> 1st test start",
                    "JVM -> 1st test done (Chromium)", "warm test in runner", "runs");
            Map<String, Map<String, String>> modes = Map.of(
                    "unpacked per JVM", Map.of(),
                    "pre-unpacked", Map.of("JAVA_TOOL_OPTIONS", "-Dplaywright.cli.dir=" + driver));
            double[] warmRunner = new double[2];
            int m = 0;
            for (String mode : List.of("unpacked per JVM", "pre-unpacked")) {
                List<Long> starts = new ArrayList<>();
                List<Long> firstDone = new ArrayList<>();
                List<Long> warm = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    ShardProcess shard = ShardProcess.run(work, plan, 0, modes.get(mode));
                    if (shard.exitCode != 0) throw new IllegalStateException("bench shard failed:\n" + shard.output);
                    Timings t = Timings.of(shard.output);
                    starts.add(t.startToFirstTest);
                    firstDone.add(t.startToFirstTest + t.firstTestMillis);
                    warm.add(t.secondTestMillis);
                }
                warmRunner[m++] = median(warm);
                System.out.printf("%-18s | median %5.0f ms        | median %5.0f ms                | median %5.0f ms        | %d%n",
                        mode, median(starts), median(firstDone), median(warm), RUNS);
            }
            double bare = bareWarmMillis(app.baseUrl());
            System.out.printf("%nbare Playwright, same page work, warm: median %.0f ms over %d iterations%n", bare, BARE_ITERATIONS);
            System.out.printf("runner + SDK per-test overhead (warm, pre-unpacked): %.0f ms, ratio %.2f%n",
                    warmRunner[1] - bare, warmRunner[1] / bare);
        }
    }

    /** JVM start, first test start and the second test's duration, read from the runner's JSON event log. */
    record Timings(long startToFirstTest, long firstTestMillis, long secondTestMillis) {
        static Timings of(String log) throws IOException {
            Instant jvm = null;
            Instant firstTest = null;
            List<Long> finished = new ArrayList<>();
            for (String line : log.split("\n")) {
                if (!line.startsWith("{")) continue;
                JsonNode event = JSON.readTree(line);
                switch (event.path("event").asText()) {
                    case "runner.started" -> jvm = Instant.parse(event.path("jvmStartedAt").asText());
                    case "test.started" -> {
                        if (firstTest == null) firstTest = Instant.parse(event.path("ts").asText());
                    }
                    case "test.finished" -> finished.add(event.path("millis").asLong());
                    default -> { }
                }
            }
            if (jvm == null || firstTest == null || finished.size() < 2) {
                throw new IllegalStateException("runner log lacks the events the bench reads:\n" + log);
            }
            return new Timings(Duration.between(jvm, firstTest).toMillis(), finished.get(0), finished.get(1));
        }
    }

    /** The target test's page work with plain Playwright: fresh context and page, open the shop, count products. */
    private static double bareWarmMillis(String baseUrl) {
        List<Long> times = new ArrayList<>();
        try (Playwright playwright = Playwright.create();
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                     .setExecutablePath(Path.of(System.getenv().getOrDefault("PROCTOR_CHROMIUM_PATH", "/usr/bin/chromium")))
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--no-first-run", "--disable-sync")))) {
            for (int i = 0; i <= BARE_ITERATIONS; i++) {
                long t0 = System.nanoTime();
                try (BrowserContext context = browser.newContext()) {
                    Page page = context.newPage();
                    page.navigate(baseUrl + "/?region=us");
                    if (page.locator("[data-test=\"product\"]").count() != 3) throw new IllegalStateException("shop changed");
                }
                if (i > 0) times.add((System.nanoTime() - t0) / 1_000_000); // iteration 0 warms up
            }
        }
        return median(times);
    }

    /** Unpacks the Node driver and Playwright's package from the jars on the classpath, as an image build would. */
    static Path unpackDriver(Path target) throws IOException {
        unpack("driver/linux/node", "driver/linux/", target);
        unpack("driver/package/cli.js", "driver/package/", target.resolve("package"));
        target.resolve("node").toFile().setExecutable(true);
        return target;
    }

    private static void unpack(String probe, String prefix, Path target) throws IOException {
        URL url = RunnerStartBench.class.getClassLoader().getResource(probe);
        if (url == null) throw new IllegalStateException(probe + " is not on the classpath");
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        try (JarFile jar = new JarFile(connection.getJarFileURL().getPath())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(prefix)) continue;
                Path out = target.resolve(entry.getName().substring(prefix.length()));
                Files.createDirectories(out.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, out);
                }
            }
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
