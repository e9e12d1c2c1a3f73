package dev.proctor.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards and their retry attempts merged into one report that Maven Surefire's own parser reads as one run. */
class JUnitXmlMergerTest {
    @TempDir
    Path dir;

    private static JUnitXmlMerger.ShardXml xml(int shard, int attempt, String cases) {
        return new JUnitXmlMerger.ShardXml(shard, attempt, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"shop shard " + shard + "\" tests=\"0\">" + cases + "</testsuite>").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void retriesAcrossAttemptsBecomeFlakyOrRerunFailuresAsSurefireWritesThem() throws Exception {
        List<JUnitXmlMerger.ShardXml> inputs = List.of(
                xml(1, 1, "<testcase name=\"broken\" classname=\"shop.B\" time=\"0.2\"><error message=\"still down\" type=\"java.lang.IllegalStateException\">trace 2</error></testcase>"),
                xml(0, 0, "<testcase name=\"ok\" classname=\"shop.A\" time=\"1.0\"/>"
                        + "<testcase name=\"wobbly\" classname=\"shop.A\" time=\"0.5\"><flakyFailure message=\"first try\" type=\"java.lang.AssertionError\"><stackTrace>t</stackTrace></flakyFailure></testcase>"
                        + "<testcase name=\"late\" classname=\"shop.A\" time=\"0.3\"><failure message=\"try 2\" type=\"java.lang.AssertionError\">trace b</failure>"
                        + "<rerunFailure message=\"try 1\" type=\"java.lang.AssertionError\"><stackTrace>trace a</stackTrace></rerunFailure></testcase>"
                        + "<testcase name=\"off\" classname=\"shop.A\" time=\"0\"><skipped message=\"disabled\"/></testcase>"),
                xml(0, 1, "<testcase name=\"late\" classname=\"shop.A\" time=\"0.4\"/>"),
                xml(1, 0, "<testcase name=\"broken\" classname=\"shop.B\" time=\"0.1\"><error message=\"down\" type=\"java.lang.IllegalStateException\">trace 1</error></testcase>"
                        + "<testcase name=\"fine\" classname=\"shop.B\" time=\"2.0\"/>"));

        Path merged = dir.resolve("TEST-shop.xml");
        Files.write(merged, JUnitXmlMerger.merge("shop", inputs));

        // Surefire's parser reads the one <testsuite> as one suite per test class, as its own reports are
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(merged.toString());
        assertThat(suites).extracting(ReportTestSuite::getFullClassName).containsExactly("shop.A", "shop.B");
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum()).isEqualTo(6);
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfErrors).sum()).isEqualTo(1);
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfFailures).sum()).isZero();
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfSkipped).sum()).isEqualTo(1);
        List<ReportTestCase> cases = suites.stream().flatMap(s -> s.getTestCases().stream()).toList();
        // flaky tests, as the run's status counts them (the parser's own count is of flaky failures: 3)
        assertThat(cases.stream().filter(ReportTestCase::hasFlakes).map(ReportTestCase::getFullName))
                .containsExactly("shop.A.wobbly", "shop.A.late");
        assertThat(cases.get(2).getFlakyFailures()).extracting(ReportTestCase.FlakyFailure::getMessage)
                .containsExactly("try 2", "try 1");
        assertThat(cases).extracting(ReportTestCase::getFullName)
                .containsExactly("shop.A.ok", "shop.A.wobbly", "shop.A.late", "shop.A.off", "shop.B.broken", "shop.B.fine");
        ReportTestCase broken = cases.get(4);
        assertThat(broken.hasError()).isTrue();
        assertThat(broken.getFailureMessage()).isEqualTo("still down");

        String xml = Files.readString(merged);
        // the test that failed twice in attempt 0 and passed in attempt 1: both failures kept as flaky, in order
        assertThat(xml).contains("<testcase classname=\"shop.A\" name=\"late\" time=\"0.4\">"
                + "<flakyFailure message=\"try 2\" type=\"java.lang.AssertionError\"><stackTrace>trace b</stackTrace></flakyFailure>"
                + "<flakyFailure message=\"try 1\" type=\"java.lang.AssertionError\"><stackTrace>trace a</stackTrace></flakyFailure></testcase>");
        // the test that failed in both attempts: the last error, the earlier one as a rerun
        assertThat(xml).contains("<error message=\"still down\" type=\"java.lang.IllegalStateException\">trace 2</error>"
                + "<rerunError message=\"down\" type=\"java.lang.IllegalStateException\"><stackTrace>trace 1</stackTrace></rerunError>");
        assertThat(xml).contains("tests=\"6\"", "errors=\"1\"", "skipped=\"1\"", "flakes=\"2\"", "failures=\"0\"");
    }
}
