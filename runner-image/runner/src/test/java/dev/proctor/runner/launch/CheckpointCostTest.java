package dev.proctor.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.plan.TestId;
import dev.proctor.core.result.DecodeResult;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.mask.Masker;
import dev.proctor.runner.report.EventLog;
import dev.proctor.runner.report.Outcome;
import dev.proctor.runner.report.TestAttempt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a checkpoint costs as a shard grows (it is written before and after every test): printed, not asserted —
 * the machine is shared. Asserted: every checkpoint is a whole, decodable summary.
 */
class CheckpointCostTest {
    @TempDir
    Path dir;

    @Test
    void checkpointsStayWholeAndTheirCostIsPrinted() throws Exception {
        for (int tests : new int[] {100, 500, 2_000}) {
            Path log = dir.resolve("termination-log-" + tests);
            RunnerSettings settings = RunnerSettings.fromEnv(Map.of(RunnerSettings.TERMINATION_LOG, log.toString(),
                    RunnerSettings.ARTIFACTS_DIR, dir.resolve("artifacts").toString()));
            EventLog events = new EventLog(new PrintStream(new ByteArrayOutputStream()), Masker.patternsOnly(),
                    Clock.systemUTC(), Map.of());
            ShardOutputs outputs = new ShardOutputs(settings, events, Instant.now());
            LiveResults live = new LiveResults();
            long start = System.nanoTime();
            for (int i = 0; i < tests; i++) {
                TestId test = TestId.of("com.example.shop.Checkout" + (i / 20) + "Test", "scenario" + i);
                live.started(test);
                outputs.checkpoint(live, i);
                live.finished(test, new TestAttempt(i % 50 == 0 ? Outcome.FAILED : Outcome.PASSED, 100 + i, null, null));
                outputs.checkpoint(live, i);
            }
            double perCheckpoint = (System.nanoTime() - start) / 1e3 / (2.0 * tests);
            String written = Files.readString(log).strip();
            assertThat(SummaryCodec.decode(written)).isInstanceOf(DecodeResult.Decoded.class);
            System.out.printf("checkpoint cost: %5d tests in the shard, %7.1f µs per checkpoint on average (2 per test)%n",
                    tests, perCheckpoint);
        }
    }
}
