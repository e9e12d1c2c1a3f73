package dev.proctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.state.Decoded;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportSummaryCodecTest {
    @Test
    void countsRoundTrip() {
        ReportSummary summary = new ReportSummary(12, 1, 0, 2, 1, 840, null, null);
        Decoded<ReportSummary> decoded = ReportSummaryCodec.decode(new String(ReportSummaryCodec.encode(summary), StandardCharsets.UTF_8));
        assertThat(decoded.ok()).isTrue();
        assertThat(decoded.value()).isEqualTo(summary);
    }

    @Test
    void aLongErrorIsCutSoTheMessageFitsWhatKubeletKeeps() {
        ReportSummary failed = ReportSummary.failed(ReportSummary.STORE_UNREACHABLE, "x".repeat(10_000), 5);
        byte[] encoded = ReportSummaryCodec.encode(failed);
        assertThat(encoded.length).isLessThan(4096);
        Decoded<ReportSummary> decoded = ReportSummaryCodec.decode(new String(encoded, StandardCharsets.UTF_8));
        assertThat(decoded.value().reason()).isEqualTo(ReportSummary.STORE_UNREACHABLE);
        assertThat(decoded.value().ok()).isFalse();
    }

    @Test
    void malformedMessagesAreUnreadableWithoutQuotingThem() {
        assertThat(ReportSummaryCodec.decode(null).unreadable()).isEqualTo("the reporter wrote no summary");
        assertThat(ReportSummaryCodec.decode("{\"tests\": s3cr3t").unreadable()).startsWith("the reporter's summary is not valid JSON")
                .doesNotContain("s3cr3t");
        assertThat(ReportSummaryCodec.decode("{\"v\":\"v1\",\"total\":3}").unreadable()).contains("schema");
        assertThat(ReportSummaryCodec.decode("{\"v\":\"report-v1\",\"tests\":-1}").unreadable()).contains("'tests'");
        assertThat(ReportSummaryCodec.decode("[1,2]").ok()).isFalse();
    }
}
