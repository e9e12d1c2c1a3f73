package dev.proctor.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real entry point in a child JVM, as a pod runs it: exit codes and masking of everything it writes. */
class RunnerMainProcessTest {
    private static final String SECRET = "s3cr3t-Value-42";

    @TempDir
    Path dir;

    @Test
    void aSecretFromEnvNeverReachesLogsXmlOrSummary() throws Exception {
        Path plan = TestPlans.packages("dev.proctor.runner.fixture.failing").secretEnv("SHOP_LOGIN").writeTo(dir);
        Result result = runMain(plan, Map.of("SHOP_LOGIN", SECRET, "FIXTURE_SECRET", SECRET));

        assertThat(result.exitCode).isEqualTo(1);
        String xml = Files.readString(dir.resolve("artifacts/junit-shard-0.xml"));
        String summary = Files.readString(dir.resolve("termination-log"));
        assertThat(result.output).contains("\"event\":\"test.finished\"").contains("connecting with password ****");
        assertThat(xml).contains("login failed for password ****").contains("https://admin:****@example.com");
        assertThat(summary).contains("\"verdict\":\"failed\"");
        for (String written : List.of(result.output, xml, summary)) {
            assertThat(written).doesNotContain(SECRET).doesNotContain("hunter22").doesNotContain("abc.def-ghi_jkl");
        }
    }

    @Test
    void aBadPlanExitsWithTwoAndSaysWhy() throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "not json");
        Result result = runMain(plan, Map.of());

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("termination-log")))
                .contains("\"verdict\":\"error\"").contains("is not a valid plan: plan is not valid JSON");
    }

    @Test
    void aPassingShardExitsWithZero() throws Exception {
        Result result = runMain(TestPlans.packages("dev.proctor.runner.fixture.basic").writeTo(dir), Map.of());
        assertThat(result.exitCode).isZero();
        assertThat(result.output).contains("\"event\":\"runner.finished\"").contains("\"verdict\":\"PASSED\"");
    }

    private record Result(int exitCode, String output) {}

    private Result runMain(Path plan, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), RunnerMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put(RunnerSettings.PLAN_FILE, plan.toString());
        builder.environment().put(RunnerSettings.ARTIFACTS_DIR, dir.resolve("artifacts").toString());
        builder.environment().put(RunnerSettings.TERMINATION_LOG, dir.resolve("termination-log").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
