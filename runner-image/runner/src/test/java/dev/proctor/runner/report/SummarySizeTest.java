package dev.proctor.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.mask.Masker;
import dev.proctor.core.plan.Granularity;
import dev.proctor.core.plan.TestId;
import dev.proctor.core.result.DecodeResult;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A large shard's report still becomes a termination message kubelet keeps whole. */
class SummarySizeTest {

    @Test
    void fiveThousandTestsFitIn4096BytesAndDecode() {
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            TestId id = TestId.of("com.example.shop.checkout.Feature" + (i / 10) + "Test", "scenario" + i);
            Outcome first = i % 7 == 0 || i % 11 == 0 ? Outcome.FAILED : Outcome.PASSED;
            TestAttempt attempt = new TestAttempt(first, 100 + i, first == Outcome.FAILED
                    ? Failure.of("java.lang.AssertionError", "expected 3 items") : null, null);
            TestResult result = new TestResult(id, List.of(attempt));
            if (i % 11 == 0) result = result.withAttempt(new TestAttempt(Outcome.PASSED, 90, null, null));
            results.add(result);
        }
        ShardReport report = new ShardReport(results, 600_000, null);

        byte[] encoded = SummaryCodec.encode(report.toSummary(Granularity.CLASS, Masker.patternsOnly()));

        assertThat(encoded.length).isLessThanOrEqualTo(SummaryCodec.MAX_BYTES);
        ShardSummary decoded = ((DecodeResult.Decoded) SummaryCodec.decode(encoded)).summary();
        assertThat(decoded.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(decoded.total()).isEqualTo(5_000);
        assertThat(decoded.failed()).isEqualTo(report.count(TestResult.Status.FAILED));
        assertThat(decoded.flaky()).isEqualTo(report.count(TestResult.Status.FLAKY));
        assertThat(decoded.passed() + decoded.failed() + decoded.skipped()).isEqualTo(5_000);
        assertThat(decoded.truncated()).isTrue();
        assertThat(decoded.failedTests()).isNotEmpty();
    }
}
