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
