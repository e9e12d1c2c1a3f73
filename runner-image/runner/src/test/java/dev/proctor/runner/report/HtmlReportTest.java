package dev.proctor.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.report.ArtifactFiles;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static RunReport report(RunReport.Case... cases) {
        return new RunReport("run-1", "shop", "Failed", Instant.parse("2026-12-04T12:00:00Z"), Instant.parse("2026-12-04T12:01:05Z"),
                new JUnitXmlMerger.Totals(cases.length, 1, 0, 0, 0), List.of(cases), List.of(), List.of(), List.of());
    }

    @Test
    void everythingFromTestsIsEscapedNothingRunsAndNothingIsFetched() {
        RunReport.Case evil = new RunReport.Case("shop.<b>Evil</b>", "x\" onerror=\"alert(1)", RunReport.Status.FAILED, 1.0, 0,
                List.of(0), new RunReport.Problem("failure", "<T>", "</pre><script>alert('x')</script>", "<img src=x onerror=alert(1)>"),
                List.of(), List.of(new RunReport.Artifact("shard-0/attempt-0/a b\"<c>.zip", ArtifactFiles.Kind.TRACE, 0, null)));

        String html = HtmlReport.render(report(evil));

        assertThat(html).doesNotContain("<script").doesNotContain("<b>Evil").doesNotContain("<img src=x")
                .doesNotContain("\" onerror=").doesNotContain("<T>")
                .contains("shop.&lt;b&gt;Evil&lt;/b&gt;#x&quot; onerror=&quot;alert(1)")
                .contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("href=\"../shard-0/attempt-0/a%20b%22%3Cc%3E.zip\"")
                .contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    void anEmptyRunStillRenders() {
        String html = HtmlReport.render(new RunReport("run-1", "shop", "Succeeded", null, null, new JUnitXmlMerger.Totals(0, 0, 0, 0, 0),
                List.of(), List.of(), List.of(), List.of()));
        assertThat(html).contains("Failed tests (0)").contains("No test times were recorded").contains("Duration</dt><dd>unknown");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(HtmlReport.human(850)).isEqualTo("850 ms");
        assertThat(HtmlReport.human(1500)).isEqualTo("1.5 s");
        assertThat(HtmlReport.human(65_000)).isEqualTo("1m 05s");
        assertThat(HtmlReport.human(3_723_000)).isEqualTo("1h 02m");
    }
}
