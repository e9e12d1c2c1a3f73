package dev.proctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormattingTest {

    @Test
    void tablesAlignTheirColumnsAndKeepMessagesOnOneLine() {
        String table = new Table("NAME", "VERDICT", "MESSAGE")
                .row("nightly-1", "Succeeded", null)
                .row("n2", "Failed", "expected 3\n  but was 4")
                .toString();

        assertThat(table).isEqualTo("""
                NAME        VERDICT     MESSAGE
                nightly-1   Succeeded   -
                n2          Failed      expected 3 but was 4
                """);
    }

    @Test
    void durationsAndAgesReadAsKubectlPrintsThem() {
        assertThat(Formats.duration(0)).isEqualTo("0s");
        assertThat(Formats.duration(59)).isEqualTo("59s");
        assertThat(Formats.duration(192)).isEqualTo("3m12s");
        assertThat(Formats.duration(3600)).isEqualTo("1h");
        assertThat(Formats.duration(7500)).isEqualTo("2h5m");
        assertThat(Formats.duration(4 * 86400 + 3600)).isEqualTo("4d1h");
        assertThat(Formats.age(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:03:12Z"))).isEqualTo("3m12s");
        assertThat(Formats.age(null, Instant.EPOCH)).isEqualTo("-");
    }

    @Test
    void theProgressBarFillsWithTheShardsDoneAndNeverDividesByZero() {
        assertThat(Formats.bar(0, 3, 6)).isEqualTo("[------]");
        assertThat(Formats.bar(1, 3, 6)).isEqualTo("[##----]");
        assertThat(Formats.bar(3, 3, 6)).isEqualTo("[######]");
        assertThat(Formats.bar(5, 3, 6)).isEqualTo("[######]");
        assertThat(Formats.bar(0, 0, 4)).isEqualTo("[----]");
    }

    @Test
    void watchShowsShardsAndCountsFromTheStatus() {
        Run run = run("""
                {"metadata": {"name": "r", "namespace": "ns"}, "spec": {"suite": "shop", "sharding": {"shards": 4}},
                 "status": {"phase": "Running", "shardsDone": "1/4", "duration": "1m2s",
                            "totals": {"tests": 9, "passed": 7, "failed": 1, "skipped": 0, "flaky": 1}}}""");
        assertThat(WatchCommand.progress(run))
                .isEqualTo("Running   [#######-----------------------]  1/4 shards  7 passed, 1 failed, 1 flaky  (1m2s)");
        assertThat(WatchCommand.progress(run("""
                {"metadata": {"name": "r"}, "spec": {"sharding": {"shards": 3}}}""")))
                .startsWith("Pending   [------------------------------]  0/3 shards  0 passed, 0 failed, 0 flaky");
    }

    @Test
    void onATerminalTheProgressLineIsRedrawnInPlace() {
        assertThat(WatchCommand.redraw("Running  1/3", null)).isEqualTo("\rRunning  1/3");
        assertThat(WatchCommand.redraw("Failed", "Running  1/3")).isEqualTo("\rFailed      ");
    }

    @Test
    void runsListsOneAlignedLinePerRun() {
        Run done = run("""
                {"metadata": {"name": "nightly-7", "namespace": "qa", "creationTimestamp": "2026-01-01T00:00:00Z"},
                 "spec": {"suite": "techshop"},
                 "status": {"phase": "Failed", "duration": "3m12s", "durationSeconds": 192,
                            "totals": {"tests": 12, "passed": 10, "failed": 1, "skipped": 0, "flaky": 1}}}""");
        Run fresh = run("""
                {"metadata": {"name": "smoke", "namespace": "qa", "creationTimestamp": "2026-01-01T01:00:00Z"},
                 "spec": {"suite": "techshop"}}""");

        String table = RunsCommand.table(List.of(RunsCommand.Line.of(fresh), RunsCommand.Line.of(done)), true,
                Instant.parse("2026-01-01T02:00:00Z"));

        assertThat(table).isEqualTo("""
                NAMESPACE   NAME        SUITE      VERDICT   TESTS   PASSED   FAILED   FLAKY   DURATION   AGE
                qa          smoke       techshop   Pending   -       -        -        -       -          1h
                qa          nightly-7   techshop   Failed    12      10       1        1       3m12s      2h
                """);
    }

    @Test
    void resultsTakeTheTestsFromTheStatusAndWhereAndWhyFromTheShardsJUnitXml() throws Exception {
        Run run = run("""
                {"metadata": {"name": "r", "namespace": "ns"}, "spec": {"suite": "shop"},
                 "status": {"phase": "Failed", "reason": "TestsFailed",
                            "totals": {"tests": 4, "passed": 2, "failed": 1, "skipped": 0, "flaky": 1},
                            "failedTests": ["shop.CartTest#total"], "flakyTests": ["shop.LoginTest#logsIn"]}}""");
        List<JUnitCases.Case> cases = new java.util.ArrayList<>();
        cases.addAll(JUnitCases.parse(xml("""
                <testcase classname="shop.CartTest" name="total"><failure message="expected 3 but was 4" type="org.opentest4j.AssertionFailedError">trace</failure></testcase>
                <testcase classname="shop.CartTest" name="add"/>"""), 1, 0));
        cases.addAll(JUnitCases.parse(xml("""
                <testcase classname="shop.CartTest" name="total"><failure message="expected 3 but was 5" type="org.opentest4j.AssertionFailedError"/></testcase>"""), 1, 1));
        cases.addAll(JUnitCases.parse(xml("""
                <testcase classname="shop.LoginTest" name="logsIn"><flakyFailure message="timeout" type="java.util.concurrent.TimeoutException"/></testcase>
                <testcase classname="shop.SearchTest" name="finds [1] shoes"><error message="boom" type="java.lang.IllegalStateException"/></testcase>"""), 0, 0));

        List<TestResults.Row> rows = TestResults.rows(run, cases);

        assertThat(rows).containsExactly(
                new TestResults.Row(TestResults.Verdict.FAILED, "shop.CartTest#total", 1, 1, "org.opentest4j.AssertionFailedError", "expected 3 but was 5"),
                // beyond what the status names (it keeps 50)
                new TestResults.Row(TestResults.Verdict.FAILED, "shop.SearchTest#finds", 0, 0, "java.lang.IllegalStateException", "boom"),
                new TestResults.Row(TestResults.Verdict.FLAKY, "shop.LoginTest#logsIn", 0, 0, "java.util.concurrent.TimeoutException", "timeout"));
        assertThat(ResultsCommand.text(run, rows, false)).isEqualTo("""
                Run r (suite shop): Failed (TestsFailed) - 4 tests, 2 passed, 1 failed, 0 skipped, 1 flaky
                STATUS   TEST                    SHARD   ATTEMPT   MESSAGE
                FAILED   shop.CartTest#total     1       1         AssertionFailedError: expected 3 but was 5
                FAILED   shop.SearchTest#finds   0       0         IllegalStateException: boom
                FLAKY    shop.LoginTest#logsIn   0       0         TimeoutException: timeout
                """);
    }

    @Test
    void resultsNameTheShardsWhoseRunnerOrPodFailed() {
        Run run = run("""
                {"metadata": {"name": "r"}, "status": {"phase": "Error", "reason": "ShardsFailed",
                 "shards": [{"index": 0, "attempt": 0, "phase": "Succeeded", "done": true},
                            {"index": 1, "attempt": 1, "phase": "InfrastructureFailed", "done": true, "reason": "OOMKilled",
                             "message": "the runner container was killed\\nout of memory"}]}}""");

        assertThat(ResultsCommand.text(run, List.of(), true)).isEqualTo("""
                Run r: Error (ShardsFailed)
                Shards whose runner or pod failed (their tests may not all have run):
                SHARD   ATTEMPT   STATE                  REASON      MESSAGE
                1       1         InfrastructureFailed   OOMKilled   the runner container was killed out of memory
                No failed or flaky tests.
                """);
    }

    @Test
    void aTestThatPassedOnTheShardsNextAttemptIsFlaky() throws Exception {
        Run run = run("""
                {"metadata": {"name": "r"}, "status": {"phase": "Succeeded"}}""");
        List<JUnitCases.Case> cases = new java.util.ArrayList<>(JUnitCases.parse(xml("""
                <testcase classname="a.B" name="c"><error message="OOMKilled?" type="java.lang.Error"/></testcase>"""), 2, 0));
        cases.addAll(JUnitCases.parse(xml("<testcase classname=\"a.B\" name=\"c\"/>"), 2, 1));

        assertThat(TestResults.rows(run, cases)).containsExactly(
                new TestResults.Row(TestResults.Verdict.FLAKY, "a.B#c", 2, 0, "java.lang.Error", "OOMKilled?"));
    }

    @Test
    void shardJUnitXmlIsFoundByItsKey() {
        assertThat(JUnitCases.shardAttempt("shard-3/attempt-1/junit-shard-3-a1.xml")).contains(new JUnitCases.ShardAttempt(3, 1));
        assertThat(JUnitCases.shardAttempt("shard-0/attempt-0/junit/junit-shard-0.xml")).contains(new JUnitCases.ShardAttempt(0, 0));
        assertThat(JUnitCases.shardAttempt("report/junit.xml")).isEmpty();
        assertThat(JUnitCases.shardAttempt("shard-0/attempt-0/tests/a.B/c/try-1/junit-shard-x.png")).isEmpty();
    }

    @Test
    void aTestsArtifactsAreFoundByTheSdksAndTheCollectorsNames() {
        assertThat(ArtifactsCommand.matches("screenshots/dev.shop.CartTest#addsItem-failure.png", "dev.shop.CartTest#addsItem")).isTrue();
        assertThat(ArtifactsCommand.matches("tests/dev.shop.CartTest/addsItem/try-1/trace.zip", "dev.shop.CartTest#addsItem")).isTrue();
        assertThat(ArtifactsCommand.matches("tests/dev.shop.CartTest/addsItem [1] x/try-1/t.zip", "dev.shop.CartTest#addsItem")).isTrue();
        assertThat(ArtifactsCommand.matches("tests/dev.shop.CartTest/addsItems/try-1/t.zip", "dev.shop.CartTest#addsItem")).isFalse();
        assertThat(ArtifactsCommand.matches("tests/dev.shop.CartTest/removes/try-1/t.zip", "dev.shop.CartTest")).isTrue();
        assertThat(ArtifactsCommand.matches("junit-shard-0.xml", "dev.shop.CartTest#addsItem")).isFalse();
        assertThat(ArtifactsCommand.size(1536)).isEqualTo("1.5 KiB");
    }

    @Test
    void aRerunCopiesTheSpecWithOnlyTheFailedTestsAndNoMoreShardsThanTests() throws Exception {
        JsonNode original = Run.JSON.readTree("""
                {"apiVersion": "proctor.dev/v1alpha1", "kind": "TestSuiteRun",
                 "metadata": {"name": "nightly-2026-01-01-abcdefghijklmnopqrstuvwxyz", "namespace": "qa", "uid": "u",
                              "resourceVersion": "7", "labels": {"team": "shop", "proctor.dev/suite": "techshop",
                              "proctor.dev/schedule": "nightly"}},
                 "spec": {"suite": "techshop", "runner": {"image": "suite:1"}, "tests": {"tags": "smoke"},
                          "sharding": {"shards": 4, "parallelism": 3}},
                 "status": {"phase": "Failed"}}""");

        JsonNode rerun = Run.JSON.valueToTree(RerunCommand.rerun(original, List.of("a.B#c", "a.D#e")));

        assertThat(rerun.path("spec").path("tests").path("only").toString()).isEqualTo("[\"a.B#c\",\"a.D#e\"]");
        assertThat(rerun.path("spec").path("tests").path("tags").asText()).isEqualTo("smoke");
        assertThat(rerun.path("spec").path("sharding").toString()).isEqualTo("{\"shards\":2,\"parallelism\":2}");
        assertThat(rerun.path("metadata").path("labels").toString())
                .isEqualTo("{\"proctor.dev/rerun-of\":\"nightly-2026-01-01-abcdefghijklmnopqrstuvwxyz\",\"team\":\"shop\"}");
        String generateName = rerun.path("metadata").path("generateName").asText();
        assertThat(generateName).isEqualTo("nightly-2026-01-01-abcdefghijklmnopqr-rerun-");
        assertThat(generateName.length() + 5).isLessThanOrEqualTo(49);
        assertThat(rerun.has("status")).isFalse();
        assertThat(rerun.path("metadata").has("uid")).isFalse();
        assertThat(original.path("spec").path("tests").has("only")).as("the original is left alone").isFalse();
    }

    @Test
    void aReportThatIsStillBeingBuiltOrFailedSaysSoFromTheStatus() {
        assertThat(ReportCommand.notReady(run("""
                {"metadata": {"name": "r"}, "status": {"phase": "Failed", "report": {"phase": "Pending", "job": "r-report"}}}""")))
                .contains("the report of r is not ready yet: job r-report is building it");
        assertThat(ReportCommand.notReady(run("""
                {"metadata": {"name": "r"}, "status": {"phase": "Failed",
                 "report": {"phase": "Failed", "reason": "StoreUnreachable", "message": "connection refused"}}}""")))
                .contains("the report of r could not be built (StoreUnreachable): connection refused");
        assertThat(ReportCommand.notReady(run("""
                {"metadata": {"name": "r"}, "status": {"phase": "Running"}}""")))
                .contains("TestSuiteRun r is still Running; its report is written when it has finished (proctor watch r)");
        assertThat(ReportCommand.notReady(run("""
                {"metadata": {"name": "r"}, "status": {"phase": "Succeeded", "report": {"phase": "Ready"}}}"""))).isEmpty();
        assertThat(ReportCommand.notReady(run("""
                {"metadata": {"name": "r"}, "status": {"phase": "Succeeded"}}"""))).as("an operator without reports: look").isEmpty();
    }

    @Test
    void helpListsEveryExitCodeAndBadUsageExits64() {
        Result help = proctor("results", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Exit codes:").contains(" 3   no such run").contains(" 5   artifact store unreachable")
                .contains("64   bad command line").contains("AWS_ACCESS_KEY_ID").contains("credentialsSecret");
        assertThat(proctor("watch", "--help").out()).contains("Exit codes:").doesNotContain("credentialsSecret");

        Result unknown = proctor("runs", "--no-such-option");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("Unknown option: '--no-such-option'");
        assertThat(proctor().code()).isEqualTo(ExitCodes.USAGE);
        assertThat(proctor("rerun", "some-run").code()).as("--failed is required").isEqualTo(ExitCodes.USAGE);
        assertThat(proctor("watch", "r", "--timeout", "soon").err()).contains("'soon' is not a duration");
    }

    @Test
    void anUnreadableKubeconfigIsBadUsage() {
        Result result = proctor("--kubeconfig", "/nonexistent/kubeconfig", "runs");
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("proctor: cannot read kubeconfig /nonexistent/kubeconfig\n");
    }

    @Test
    void aKubernetesApiThatDoesNotAnswerIsExit7NamingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        int closed = dev.proctor.testcluster.FreePorts.next();
        java.nio.file.Path kubeconfig = java.nio.file.Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}}]
                users: [{name: u, user: {token: not-a-real-token}}]
                contexts: [{name: x, context: {cluster: c, user: u, namespace: qa}}]
                current-context: x
                """.formatted(closed));

        Result result = proctor("--kubeconfig", kubeconfig.toString(), "--request-timeout", "2s", "runs");

        assertThat(result.code()).isEqualTo(ExitCodes.CLUSTER);
        assertThat(result.err()).startsWith("proctor: the Kubernetes API at https://127.0.0.1:" + closed + "/ did not answer: ")
                .contains("Connect").doesNotContain("not-a-real-token").hasLineCount(1);
    }

    record Result(int code, String out, String err) {}

    static Result proctor(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (Proctor root = new Proctor()) {
            var line = Proctor.commandLine(root);
            line.setOut(new PrintWriter(out, true));
            line.setErr(new PrintWriter(err, true));
            int code = line.execute(args);
            return new Result(code, out.toString(), err.toString());
        }
    }

    private static Run run(String json) {
        try {
            return Run.of(Run.JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] xml(String cases) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><testsuite name=\"s\">" + cases + "</testsuite>").getBytes(StandardCharsets.UTF_8);
    }
}
