package dev.proctor.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.result.DecodeResult;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import dev.proctor.core.run.AttemptClassifier;
import dev.proctor.core.run.AttemptFacts;
import dev.proctor.core.run.AttemptState;
import dev.proctor.core.run.ShardState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test that takes the JVM down keeps every completed result: the real entry point in a child JVM, on fixtures
 * where three tests pass and the fourth runs out of heap, calls System.exit, or SIGKILLs its own JVM.
 */
class CrashSafetyTest {
    private static final String FIXTURES = "dev.proctor.runner.fixture.crash.";

    @TempDir
    Path dir;

    @Test
    void anOutOfMemoryErrorKeepsTheCompletedTestsAndNamesTheOneRunning() throws Exception {
        Child child = run("OomFixture", "-Xmx96m");
        ShardSummary summary = child.summary();

        assertThat(child.exitCode).isEqualTo(2);
        assertThat(summary.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(summary.passed()).isEqualTo(3);
        assertThat(summary.failedTests()).containsExactly(FIXTURES + "OomFixture#b_exhaustsHeap");
        assertThat(summary.total()).isEqualTo(4);
        assertThat(summary.error()).contains("OutOfMemoryError: Java heap space while " + FIXTURES
                + "OomFixture#b_exhaustsHeap was running; 3 tests had completed");
        assertThat(summary.classDurations()).containsKey(FIXTURES + "OomFixture");
        assertThat(child.xml()).contains("name=\"a1\"").contains("name=\"a3\"")
                .contains("type=\"java.lang.OutOfMemoryError\"").doesNotContain("c_neverRuns");
        assertThat(child.journal()).hasSize(3);
        print("OutOfMemoryError", child);
    }

    @Test
    void systemExitInATestKeepsTheCompletedTestsAndNamesWhereItWasCalled() throws Exception {
        Child child = run("ExitFixture");
        ShardSummary summary = child.summary();

        assertThat(child.exitCode).isEqualTo(2);
        assertThat(summary.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(summary.passed()).isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.error()).contains("System.exit called at " + FIXTURES + "ExitFixture.b_callsSystemExit(ExitFixture.java:")
                .contains("while " + FIXTURES + "ExitFixture#b_callsSystemExit was running");
        assertThat(summary.isCheckpoint()).isFalse();
        assertThat(child.xml()).contains("name=\"a2\"").contains("the test ended the JVM: System.exit called at");
        assertThat(child.journal()).hasSize(3);
        print("System.exit", child);
    }

    @Test
    void aJvmKilledOutrightLeavesItsLastCheckpointWhichTheOperatorCounts() throws Exception {
        Child child = run("KillFixture");
        ShardSummary summary = child.summary();

        assertThat(child.exitCode).isEqualTo(137);
        assertThat(summary.isCheckpoint()).isTrue();
        assertThat(summary.running()).isEqualTo(FIXTURES + "KillFixture#b_killsItsJvm");
        assertThat(summary.total()).isEqualTo(3);
        assertThat(summary.passed()).isEqualTo(3);
        assertThat(child.journal()).hasSize(3);

        // what the operator makes of that pod: a killed container, retried as infrastructure, its 3 tests counted
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        AttemptFacts facts = new AttemptFacts(0, 0, true, t0, null, null, new AttemptFacts.PodFacts("Failed", null, null,
                "n1", t0, t0, null, null, new AttemptFacts.Terminated(137, "Error", child.summaryText(), t0, t0.plusSeconds(9))));
        ShardState state = AttemptClassifier.classify(facts, t0.plusSeconds(10), Duration.ofMinutes(5)).state();
        assertThat(state.state()).isEqualTo(AttemptState.InfrastructureFailed);
        assertThat(state.reason()).isEqualTo("ContainerKilled");
        assertThat(state.summary().passed()).isEqualTo(3);
        assertThat(state.message()).contains("while running " + FIXTURES + "KillFixture#b_killsItsJvm (3 tests had completed)");
        print("SIGKILL", child);
    }

    private static void print(String what, Child child) throws Exception {
        ShardSummary s = child.summary();
        System.out.printf("crash fixture %-16s exit %3d, summary %4d bytes: total %d, passed %d, failed %d, running %s%n  error: %s%n",
                what, child.exitCode, child.summaryText().length(), s.total(), s.passed(), s.failed(), s.running(), s.error());
    }

    private record Child(int exitCode, String output, Path dir) {
        String summaryText() throws Exception {
            return Files.readString(dir.resolve("termination-log")).strip();
        }

        ShardSummary summary() throws Exception {
            DecodeResult decoded = SummaryCodec.decode(summaryText());
            assertThat(decoded).as(output).isInstanceOf(DecodeResult.Decoded.class);
            return ((DecodeResult.Decoded) decoded).summary();
        }

        String xml() throws Exception {
            return Files.readString(dir.resolve("artifacts/junit-shard-0.xml"));
        }

        List<String> journal() throws Exception {
            return Files.readAllLines(dir.resolve("artifacts/results-shard-0.jsonl"));
        }
    }

    private Child run(String fixture, String... jvmOptions) throws Exception {
        Path plan = TestPlans.packages().classes(FIXTURES + fixture).writeTo(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RunnerMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PROCTOR_CRASH_FIXTURES", "1");
        builder.environment().put(RunnerSettings.PLAN_FILE, plan.toString());
        builder.environment().put(RunnerSettings.ARTIFACTS_DIR, dir.resolve("artifacts").toString());
        builder.environment().put(RunnerSettings.TERMINATION_LOG, dir.resolve("termination-log").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Child(process.exitValue(), output, dir);
    }
}
