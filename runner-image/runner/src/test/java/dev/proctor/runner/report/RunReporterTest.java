package dev.proctor.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.mask.Masker;
import dev.proctor.core.report.ReportSummary;
import dev.proctor.runner.store.DirectoryStore;
import dev.proctor.runner.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReporterTest {
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static final Masker MASKER = Masker.of(List.of(ReportFixture.SECRET));

    @TempDir
    Path dir;

    private RunReporter.Outcome report(String run) throws Exception {
        ReportFixture.write(dir, run, PNG);
        return RunReporter.report(ReportFixture.settings(run), new DirectoryStore(dir), MASKER, System.nanoTime());
    }

    @Test
    void attemptsMergeIntoFlakyAndRerunFailuresAndTheCountsAreTheMergedXmls() throws Exception {
        RunReporter.Outcome outcome = report("nightly-1");

        ReportSummary summary = outcome.summary();
        assertThat(summary.ok()).isTrue();
        assertThat(List.of(summary.tests(), summary.failures(), summary.errors(), summary.skipped(), summary.flaky()))
                .containsExactly(6, 1, 1, 1, 1);
        String xml = Files.readString(dir.resolve("ci/qa/nightly-1/report/junit.xml"));
        assertThat(xml).contains("<flakyFailure message=\"first try\"")
                .contains("<rerunFailure message=\"expected total &lt;script&gt;alert(1)&lt;/script&gt; for ****\"")
                .doesNotContain(ReportFixture.SECRET);
    }

    /** Maven Surefire's own parser reads the merged XML; its totals are the reporter's, flaky counted as the run does. */
    @Test
    void aRealJUnitXmlConsumerReadsTheMergedReport() throws Exception {
        ReportSummary summary = report("nightly-1").summary();

        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger())
                .parse(dir.resolve("ci/qa/nightly-1/report/junit.xml").toString());
        List<ReportTestCase> cases = suites.stream().flatMap(s -> s.getTestCases().stream()).toList();
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum()).isEqualTo(summary.tests());
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfFailures).sum()).isEqualTo(summary.failures());
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfErrors).sum()).isEqualTo(summary.errors());
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfSkipped).sum()).isEqualTo(summary.skipped());
        // a flaky test is one that passed with flaky failures (Surefire's getNumberOfFlakes counts the failures)
        assertThat(cases.stream().filter(c -> c.hasFlakes() && c.isSuccessful()).count()).isEqualTo(summary.flaky());
    }

    @Test
    void theHtmlShowsTheFailedTestsScreenshotInlineLinksItsTraceAndEscapesAndMasksWhatTestsSaid() throws Exception {
        RunReporter.Outcome outcome = report("nightly-1");

        String html = Files.readString(dir.resolve("ci/qa/nightly-1/report/index.html"));
        assertThat(outcome.htmlBytes()).isEqualTo(html.getBytes(StandardCharsets.UTF_8).length);
        assertThat(html).contains("Failed tests (2)").contains("Flaky tests (1)").contains("Verdict: <strong>Failed</strong>")
                .contains("<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(PNG) + "\"")
                .contains("href=\"../shard-0/attempt-1/shop.CheckoutTest%23checkout-trace.zip\"")
                .contains("href=\"../shard-0/attempt-1/tests/shop.CheckoutTest/checkout/try-1/screenshot.png\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script")
                .doesNotContain(ReportFixture.SECRET).contains("****")
                .contains("<svg role=\"img\" aria-labelledby=\"timeline-title\"").contains("shard 1 · attempt 0")
                .contains("Slowest tests").contains("Trend of the last 1 run")
                .doesNotContain("http://").doesNotContain("https://");
        // the timeline: attempt 0 of shard 0 from its event log (3 tests), the others from their XML
        assertThat(html).contains("<title>shop.CheckoutTest#checkout — FAILED, 1.5 s</title>");
    }

    /**
     * 20 shards of 250 tests, each shard retried once for its 10 failing tests (5 pass on the retry), a 200 KB
     * screenshot per failing attempt: the page stays bounded (budgeted screenshots, 5,000 timeline bars, 2,000 table
     * rows) and the build time and size are printed as figures.
     */
    @Test
    void aLargeRunsReportIsBoundedAndItsFiguresArePrinted() throws Exception {
        byte[] screenshot = new byte[200 * 1024];
        new java.util.Random(3).nextBytes(screenshot);
        java.time.Instant at = ReportFixture.STARTED;
        Map<Integer, Integer> attempts = new java.util.LinkedHashMap<>();
        for (int shard = 0; shard < 20; shard++) {
            attempts.put(shard, 1);
            for (int attempt = 0; attempt < 2; attempt++) {
                Path folder = dir.resolve("big/run/shard-" + shard + "/attempt-" + attempt);
                Files.createDirectories(folder);
                StringBuilder xml = new StringBuilder("<testsuite name=\"big\" timestamp=\"" + at + "\">");
                StringBuilder events = new StringBuilder();
                for (int i = 0; i < (attempt == 0 ? 250 : 10); i++) {
                    String cls = "big.Class" + shard + "_" + (i / 25);
                    String method = "test" + i;
                    boolean fails = i < 10 && (attempt == 0 || i < 5);
                    xml.append("<testcase classname=\"").append(cls).append("\" name=\"").append(method).append("\" time=\"0.100\">")
                            .append(fails ? "<failure message=\"boom " + i + "\" type=\"java.lang.AssertionError\">trace</failure>" : "")
                            .append("</testcase>");
                    events.append("{\"ts\":\"").append(at).append("\",\"event\":\"test.started\",\"test\":\"").append(cls).append('#')
                            .append(method).append("\",\"try\":1}\n");
                    at = at.plusMillis(100);
                    events.append("{\"ts\":\"").append(at).append("\",\"event\":\"test.finished\",\"test\":\"").append(cls).append('#')
                            .append(method).append("\",\"try\":1,\"status\":\"").append(fails ? "FAILED" : "PASSED").append("\"}\n");
                    if (fails) Files.write(folder.resolve(cls + "#" + method + "-screenshot.png"), screenshot);
                }
                Files.writeString(folder.resolve("junit-shard-" + shard + (attempt > 0 ? "-a" + attempt : "") + ".xml"), xml.append("</testsuite>"));
                Files.writeString(folder.resolve("events-shard-" + shard + (attempt > 0 ? "-a" + attempt : "") + ".jsonl"), events);
            }
        }
        RunReporter.Settings settings = new RunReporter.Settings("run", "big", "Failed", ReportFixture.STARTED, at, "big/run/",
                attempts, "big/_suites/big/trend.json");

        long started = System.nanoTime();
        RunReporter.Outcome outcome = RunReporter.report(settings, new DirectoryStore(dir), MASKER, started);

        ReportSummary summary = outcome.summary();
        assertThat(List.of(summary.tests(), summary.failures(), summary.flaky())).containsExactly(5000, 100, 100);
        String html = Files.readString(dir.resolve("big/run/report/index.html"));
        assertThat(html).contains("screenshot(s) linked rather than shown: over the report&#39;s size budget")
                .contains("5000 tests (the first 2000 listed)")
                .contains("the timeline shows 5000 of 5200 test attempts").contains("shard 19 · attempt 1");
        assertThat(html.split("<rect ", -1).length - 1).as("timeline and trend bars").isLessThanOrEqualTo(RunReportBuilder.MAX_SPANS + 2 * SuiteTrend.MAX_RUNS);
        assertThat((long) outcome.htmlBytes()).isLessThan(RunReportBuilder.MAX_INLINE_TOTAL * 4 / 3 + 3_000_000);
        System.out.printf("[figures] report of %d tests (20 shards, 2 attempts each, 300 screenshots of 200 KB) built in %d ms:"
                + " index.html %.1f MB, junit.xml %.1f MB%n", summary.tests(), summary.millis(), outcome.htmlBytes() / 1e6,
                outcome.junitBytes() / 1e6);
    }

    @Test
    void theSuitesTrendKeepsOneEntryPerRunAndTheLastThirty() throws Exception {
        report("nightly-1");
        report("nightly-1");
        report("nightly-2");
        byte[] stored = Files.readAllBytes(dir.resolve("ci/qa/_suites/shop/trend.json"));
        assertThat(SuiteTrend.read(stored).value()).extracting(SuiteTrend.Point::run).containsExactly("nightly-1", "nightly-2");

        List<SuiteTrend.Point> runs = List.of();
        for (int i = 0; i < 40; i++) runs = SuiteTrend.add(runs, new SuiteTrend.Point("r" + i, null, "Succeeded", 1, 0, 0, 0, 0, 1));
        assertThat(runs).hasSize(SuiteTrend.MAX_RUNS);
        assertThat(runs.get(0).run()).isEqualTo("r10");
        assertThat(SuiteTrend.read("{not json".getBytes(StandardCharsets.UTF_8)).unreadable()).contains("not valid JSON");
    }

    private static ObjectStore failing(String message, boolean refused) {
        return new ObjectStore() {
            @Override
            public List<String> list(String prefix) {
                throw new StoreException(message, null, refused);
            }

            @Override
            public Optional<byte[]> get(String key) {
                throw new StoreException(message, null, refused);
            }

            @Override
            public void put(String key, byte[] bytes, String contentType) {
                throw new StoreException(message, null, refused);
            }
        };
    }

    @Test
    void aStoreThatCannotBeReachedOrRefusesFailsTheReportWithThatReason() {
        ReportSummary down = RunReporter.report(ReportFixture.settings("nightly-1"),
                failing("store unreachable: Connection refused (s3://proctor-artifacts/ci/qa/nightly-1/)", false), MASKER, System.nanoTime()).summary();
        assertThat(down.ok()).isFalse();
        assertThat(down.reason()).isEqualTo(ReportSummary.STORE_UNREACHABLE);
        assertThat(down.error()).startsWith("store unreachable: Connection refused");

        ReportSummary refused = RunReporter.report(ReportFixture.settings("nightly-1"),
                failing("SignatureDoesNotMatch: the signature does not match", true), MASKER, System.nanoTime()).summary();
        assertThat(refused.reason()).isEqualTo(ReportSummary.STORE_REFUSED);
        assertThat(refused.error()).startsWith("SignatureDoesNotMatch");
    }

    @Test
    void aShardXmlThatIsNotXmlFailsTheReportWithAReason() throws Exception {
        ReportFixture.write(dir, "nightly-1", PNG);
        Files.writeString(dir.resolve("ci/qa/nightly-1/shard-1/attempt-0/junit-shard-1.xml"), "<testsuite><testcase");
        ReportSummary summary = RunReporter.report(ReportFixture.settings("nightly-1"), new DirectoryStore(dir), MASKER,
                System.nanoTime()).summary();
        assertThat(summary.reason()).isEqualTo(ReportSummary.REPORTER_FAILED);
        assertThat(summary.error()).contains("shard 1 attempt 0: not JUnit XML");
    }

    @Test
    void anAttemptWithoutXmlIsNotedAndTheRestIsReported() throws Exception {
        ReportFixture.write(dir, "nightly-1", PNG);
        Files.delete(dir.resolve("ci/qa/nightly-1/shard-1/attempt-0/junit-shard-1.xml"));
        RunReporter.Outcome outcome = RunReporter.report(ReportFixture.settings("nightly-1"), new DirectoryStore(dir), MASKER,
                System.nanoTime());
        assertThat(outcome.summary().tests()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("ci/qa/nightly-1/report/index.html"))).contains("shard 1 attempt 0 stored no JUnit XML");
    }
}
