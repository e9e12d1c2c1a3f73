package dev.proctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.Crds;
import dev.proctor.testcluster.FreePorts;
import dev.proctor.testcluster.KubeBinaries;
import dev.proctor.testcluster.Poll;
import dev.proctor.testcluster.SeaweedFs;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The CLI in-process against the real control plane and a real SeaweedFS: runs and their status are written directly
 * (no operator), objects are put in the store as the shards and the reporter lay them out, and every command's output
 * and exit code is checked, the bad input too (unknown run, no store, store down, credentials refused).
 */
@WithControlPlane
class ProctorCliIT {
    private static final String BUCKET = "proctor-cli";
    private static final String PREFIX = "runs";
    private static final String SECRET = "store-credentials";

    private static SeaweedFs store;
    private static S3Client s3;
    private static Path kubeconfig;
    private static String namespace;

    @BeforeAll
    static void start(ControlPlane plane, TestNamespace ns, KubernetesClient client) {
        Crds.installAll(plane.client(), KubeBinaries.repoRoot().resolve("crds"));
        kubeconfig = plane.kubeconfig();
        namespace = ns.name();
        store = SeaweedFs.start();
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(SeaweedFs.REGION))
                .endpointOverride(store.endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(SeaweedFs.ACCESS_KEY, SeaweedFs.SECRET_KEY)))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName(SECRET).endMetadata()
                .addToStringData("accessKeyId", SeaweedFs.ACCESS_KEY).addToStringData("secretAccessKey", SeaweedFs.SECRET_KEY)
                .build()).create();
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("wrong-credentials").endMetadata()
                .addToStringData("accessKeyId", SeaweedFs.ACCESS_KEY).addToStringData("secretAccessKey", "not-the-secret-key-42")
                .build()).create();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) s3.close();
        if (store != null) store.close();
    }

    @Test
    void runsListsTheNamespacesRunsWithTheirVerdictsAndCounts(KubernetesClient client) throws Exception {
        createRun(client, "list-passed", null, Map.of("phase", "Succeeded", "duration", "1m5s", "durationSeconds", 65,
                "totals", totals(8, 8, 0, 1)));
        createRun(client, "list-failed", null, Map.of("phase", "Failed", "reason", "TestsFailed", "duration", "2m",
                "totals", totals(9, 7, 2, 0)));

        Result table = proctor("runs");
        assertThat(table.code()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow())
                .matches("NAME +SUITE +VERDICT +TESTS +PASSED +FAILED +FLAKY +DURATION +AGE");
        assertThat(table.out()).containsPattern("list-passed +techshop +Succeeded +8 +8 +0 +1 +1m5s +\\d+s")
                .containsPattern("list-failed +techshop +Failed +9 +7 +2 +0 +2m +\\d+s");

        for (String name : List.of("list-passed", "list-failed")) {
            client.genericKubernetesResources(Cluster.RUNS).withName(name).edit(r -> {
                r.getMetadata().getLabels().put("listed", "yes");
                return r;
            });
        }
        Result json = proctor("runs", "-o", "json", "-l", "listed=yes");
        assertThat(json.code()).isZero();
        JsonNode lines = Run.JSON.readTree(json.out());
        assertThat(lines).hasSize(2);
        assertThat(lines.findValuesAsText("name")).contains("list-passed", "list-failed");

        Result all = proctor("runs", "-A");
        assertThat(all.out()).startsWith("NAMESPACE").contains(namespace);
    }

    @Test
    void resultsShowTheFailedAndFlakyTestsWithMessagesShardAndAttemptFromTheStore(KubernetesClient client) {
        createRun(client, "results-run", BUCKET, Map.of("phase", "Failed", "reason", "TestsFailed",
                "totals", totals(5, 3, 1, 1), "failedTests", List.of("dev.shop.CartTest#total"),
                "flakyTests", List.of("dev.shop.LoginTest#logsIn"), "artifacts", artifacts("results-run")));
        put("results-run", "shard-0/attempt-0/junit-shard-0.xml", junit("""
                <testcase classname="dev.shop.LoginTest" name="logsIn"><flakyFailure message="login timed out" type="java.util.concurrent.TimeoutException"/></testcase>
                <testcase classname="dev.shop.HomeTest" name="shows"/>"""));
        put("results-run", "shard-1/attempt-0/junit-shard-1.xml", junit("""
                <testcase classname="dev.shop.CartTest" name="total"><failure message="expected 3 but was 4" type="org.opentest4j.AssertionFailedError"/></testcase>"""));
        put("results-run", "shard-1/attempt-1/junit-shard-1-a1.xml", junit("""
                <testcase classname="dev.shop.CartTest" name="total"><failure message="expected 3 but was 5" type="org.opentest4j.AssertionFailedError"/></testcase>"""));

        Result result = proctor("results", "results-run");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Run results-run (suite techshop): Failed (TestsFailed) - 5 tests, 3 passed, 1 failed, 0 skipped, 1 flaky\n")
                .containsPattern("FAILED +dev.shop.CartTest#total +1 +1 +AssertionFailedError: expected 3 but was 5")
                .containsPattern("FLAKY +dev.shop.LoginTest#logsIn +0 +0 +TimeoutException: login timed out");
        assertThat(proctor("results", "results-run", "-o", "json").out()).contains("\"message\" : \"expected 3 but was 5\"");
        assertThat(proctor("results", "results-run", "--no-store").out())
                .containsPattern("FAILED +dev.shop.CartTest#total +- +- +-\n");
    }

    @Test
    void reportDownloadsTheHtmlReportAndTheMergedJUnitXml(KubernetesClient client, @TempDir Path dir) throws Exception {
        createRun(client, "report-run", BUCKET, Map.of("phase", "Succeeded", "totals", totals(2, 2, 0, 0),
                "artifacts", artifacts("report-run"), "report", Map.of("phase", "Ready", "job", "report-run-report",
                        "html", location("report-run") + "report/index.html", "junit", location("report-run") + "report/junit.xml")));
        put("report-run", "report/index.html", "<!doctype html><title>report-run</title>".getBytes(StandardCharsets.UTF_8));
        put("report-run", "report/junit.xml", junit("<testcase classname=\"a.B\" name=\"c\"/>"));

        Result result = proctor("report", "report-run", "--output", dir.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(dir.resolve("index.html").toAbsolutePath() + "\n");
        assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo("<!doctype html><title>report-run</title>");
        assertThat(Files.readString(dir.resolve("junit.xml"))).contains("classname=\"a.B\"");
    }

    @Test
    void artifactsListsTheRunsFilesFilteredByTestAndDownloadsThem(KubernetesClient client, @TempDir Path dir) throws Exception {
        createRun(client, "artifacts-run", BUCKET, Map.of("phase", "Failed", "artifacts", artifacts("artifacts-run")));
        put("artifacts-run", "shard-0/attempt-0/junit-shard-0.xml", junit(""));
        put("artifacts-run", "shard-0/attempt-0/screenshots/dev.shop.CartTest#total-failure.png", new byte[2048]);
        put("artifacts-run", "shard-0/attempt-1/tests/dev.shop.CartTest/total/try-1/trace.zip", new byte[10]);
        put("artifacts-run", "shard-1/attempt-0/screenshots/dev.shop.LoginTest#logsIn-failure.png", new byte[10]);

        Result all = proctor("artifacts", "artifacts-run");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out()).containsPattern("SHARD +ATTEMPT +SIZE +PATH\n")
                .containsPattern("0 +0 +2.0 KiB +screenshots/dev.shop.CartTest#total-failure.png")
                .containsPattern("1 +0 +10 B +screenshots/dev.shop.LoginTest#logsIn-failure.png")
                .contains("junit-shard-0.xml");

        Result oneTest = proctor("artifacts", "artifacts-run", "--test", "dev.shop.CartTest#total");
        assertThat(oneTest.out().lines().skip(1).toList()).hasSize(2).allMatch(l -> l.contains("CartTest"));

        Result download = proctor("artifacts", "artifacts-run", "--test", "dev.shop.CartTest#total", "--download", dir.toString());
        assertThat(download.code()).as(download.err()).isZero();
        assertThat(dir.resolve("shard-0/attempt-0/screenshots/dev.shop.CartTest#total-failure.png")).hasSize(2048);
        assertThat(dir.resolve("shard-0/attempt-1/tests/dev.shop.CartTest/total/try-1/trace.zip")).exists();
        assertThat(download.err()).contains("Downloaded 2 files");
    }

    @Test
    void aRunOnItsNamespacesDefaultStoreIsReadFromTheStoreItsStatusRecorded(KubernetesClient client) {
        Map<String, Object> settings = Map.of("endpoint", store.endpoint().toString(), "bucket", BUCKET, "prefix", PREFIX,
                "pathStyle", true, "credentialsSecret", Map.of("name", SECRET));
        Map<String, Object> recorded = new java.util.HashMap<>(artifacts("defaulted-run"));
        recorded.put("source", "Namespace");
        recorded.put("settings", settings);
        createRun(client, "defaulted-run", null, Map.of("phase", "Failed", "artifacts", recorded));
        put("defaulted-run", "shard-2/attempt-0/screenshots/dev.shop.CartTest#total-failure.png", new byte[64]);

        Result listed = proctor("artifacts", "defaulted-run");
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).containsPattern("2 +0 +64 B +screenshots/dev.shop.CartTest#total-failure.png");
    }

    @Test
    void badInputIsOneLineOnStderrAndItsOwnExitCode(KubernetesClient client) {
        for (String command : List.of("results", "report", "artifacts", "watch")) {
            Result unknown = proctor(command, "no-such-run");
            assertThat(unknown.code()).as(command).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(unknown.err()).isEqualTo("proctor: TestSuiteRun no-such-run not found in namespace " + namespace + "\n");
        }

        createRun(client, "no-store-run", null, Map.of("phase", "Failed", "failedTests", List.of("a.B#c")));
        assertThat(proctor("report", "no-store-run").code()).isEqualTo(ExitCodes.NO_STORE);
        assertThat(proctor("artifacts", "no-store-run").err()).contains("has no artifact store (spec.artifacts.store is not set)");
        assertThat(proctor("results", "no-store-run").code()).as("the status alone is a result").isZero();

        createRun(client, "no-report-run", BUCKET, Map.of("phase", "Succeeded", "artifacts", artifacts("no-report-run")));
        Result noReport = proctor("report", "no-report-run");
        assertThat(noReport.code()).isEqualTo(ExitCodes.NO_STORE);
        assertThat(noReport.err()).startsWith("proctor: no report for no-report-run in the store yet");

        int closed = FreePorts.next();
        createRun(client, "store-down-run", BUCKET, "http://127.0.0.1:" + closed, SECRET,
                Map.of("phase", "Failed", "failedTests", List.of("a.B#c")));
        for (String command : List.of("report", "artifacts", "results")) {
            Result down = proctor(command, "store-down-run");
            assertThat(down.code()).as(command + ": " + down.err()).isEqualTo(ExitCodes.STORE_UNREACHABLE);
            assertThat(down.err()).contains("store unreachable").contains("127.0.0.1:" + closed).hasLineCount(1);
        }
        assertThat(proctor("results", "store-down-run").out()).as("what the status says still shows").contains("a.B#c");

        createRun(client, "wrong-key-run", BUCKET, store.endpoint().toString(), "wrong-credentials",
                Map.of("phase", "Failed", "artifacts", artifacts("wrong-key-run")));
        Result refused = proctor("artifacts", "wrong-key-run");
        assertThat(refused.code()).isEqualTo(ExitCodes.STORE_UNREACHABLE);
        assertThat(refused.err()).contains("the store refused").contains("Secret wrong-credentials")
                .doesNotContain("not-the-secret-key-42");

        createRun(client, "no-secret-run", BUCKET, store.endpoint().toString(), "missing-secret", Map.of("phase", "Failed"));
        Result noSecret = proctor("artifacts", "no-secret-run");
        assertThat(noSecret.code()).isEqualTo(ExitCodes.NO_STORE);
        assertThat(noSecret.err()).contains("Secret missing-secret in namespace " + namespace + " is missing");
    }

    @Test
    void credentialsFromTheAwsEnvironmentComeBeforeTheSecret(KubernetesClient client) {
        createRun(client, "env-credentials-run", BUCKET, store.endpoint().toString(), "missing-secret",
                Map.of("phase", "Failed", "artifacts", artifacts("env-credentials-run")));
        put("env-credentials-run", "shard-0/attempt-0/events.jsonl", new byte[3]);
        System.setProperty("aws.accessKeyId", SeaweedFs.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SeaweedFs.SECRET_KEY);
        try {
            Result result = proctor("artifacts", "env-credentials-run");
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(result.out()).contains("events.jsonl");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void rerunFailedCreatesARunOfExactlyTheFailedTests(KubernetesClient client) throws Exception {
        createRun(client, "rerun-source", null, Map.of("phase", "Failed", "totals", totals(6, 4, 2, 0),
                "failedTests", List.of("dev.shop.CartTest#total", "dev.shop.CheckoutTest#pays")));

        Result result = proctor("rerun", "rerun-source", "--failed");

        assertThat(result.code()).as(result.err()).isZero();
        String name = result.out().strip();
        assertThat(name).startsWith("rerun-source-rerun-");
        GenericKubernetesResource created = client.genericKubernetesResources(Cluster.RUNS).withName(name).get();
        JsonNode spec = Cluster.toJson(created).path("spec");
        assertThat(spec.path("tests").path("only").toString()).isEqualTo("[\"dev.shop.CartTest#total\",\"dev.shop.CheckoutTest#pays\"]");
        assertThat(spec.path("sharding").path("shards").asInt()).isEqualTo(2);
        assertThat(spec.path("suite").asText()).isEqualTo("techshop");
        assertThat(created.getMetadata().getLabels()).containsEntry("proctor.dev/rerun-of", "rerun-source").containsEntry("team", "checkout");
        assertThat(result.err()).isEqualTo("Re-running 2 failed tests of rerun-source as " + name + "\n");

        // the status names one failed test and counts one more: the shards' JUnit XML in the store names both
        createRun(client, "rerun-many", BUCKET, Map.of("phase", "Failed", "failedTests", List.of("dev.shop.CartTest#total"),
                "failedTestsOmitted", 1, "artifacts", artifacts("rerun-many")));
        put("rerun-many", "shard-0/attempt-0/junit-shard-0.xml", junit("""
                <testcase classname="dev.shop.CartTest" name="total"><failure message="off by one"/></testcase>
                <testcase classname="dev.shop.SearchTest" name="finds"><error message="boom"/></testcase>
                <testcase classname="dev.shop.HomeTest" name="shows"/>"""));
        Result many = proctor("rerun", "rerun-many", "--failed");
        assertThat(many.code()).as(many.err()).isZero();
        assertThat(Cluster.toJson(client.genericKubernetesResources(Cluster.RUNS).withName(many.out().strip()).get())
                .path("spec").path("tests").path("only").toString()).isEqualTo("[\"dev.shop.CartTest#total\",\"dev.shop.SearchTest#finds\"]");
        createRun(client, "rerun-many-no-store", null, Map.of("phase", "Failed", "failedTests", List.of("a.B#c"), "failedTestsOmitted", 3));
        Result noStore = proctor("rerun", "rerun-many-no-store", "--failed");
        assertThat(noStore.code()).isEqualTo(ExitCodes.NO_STORE);
        assertThat(noStore.err()).contains("has 3 more failed tests than its status names, and no artifact store");

        createRun(client, "rerun-passed", null, Map.of("phase", "Succeeded"));
        assertThat(proctor("rerun", "rerun-passed", "--failed").code()).isEqualTo(ExitCodes.NOT_FOUND);
        createRun(client, "rerun-running", null, Map.of("phase", "Running"));
        assertThat(proctor("rerun", "rerun-running", "--failed").err()).contains("is still Running");
    }

    @Test
    void watchFollowsTheRunToItsVerdictAndExitsLikeRunSuite(KubernetesClient client) throws Exception {
        createRun(client, "watch-failed", null, Map.of("phase", "Running", "shardsDone", "0/2", "totals", totals(0, 0, 0, 0)));
        StringWriter out = new StringWriter();
        CompletableFuture<Result> watch = CompletableFuture.supplyAsync(() -> proctor(out, "watch", "watch-failed", "--interval", "100ms"));

        awaitOutput(out, "0/2 shards");
        setStatus(client, "watch-failed", Map.of("phase", "Running", "shardsDone", "1/2", "totals", totals(4, 3, 1, 0)));
        awaitOutput(out, "1/2 shards  3 passed, 1 failed");
        setStatus(client, "watch-failed", Map.of("phase", "Failed", "reason", "TestsFailed", "shardsDone", "2/2",
                "totals", totals(8, 7, 1, 0), "failedTests", List.of("dev.shop.CartTest#total")));
        Result failed = watch.get(2, TimeUnit.MINUTES);

        assertThat(failed.code()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(out.toString()).contains("Running   [---------------", "Running   [###############---------------]  1/2 shards",
                "Failed    [##############################]  2/2 shards  7 passed, 1 failed, 0 flaky",
                "Run watch-failed (suite techshop): Failed (TestsFailed) - 8 tests, 7 passed, 1 failed",
                "Failed tests:\n  dev.shop.CartTest#total");

        createRun(client, "watch-passed", null, Map.of("phase", "Succeeded", "shardsDone", "1/1", "totals", totals(3, 3, 0, 0)));
        assertThat(proctor("watch", "watch-passed").code()).isEqualTo(ExitCodes.OK);
        createRun(client, "watch-error", null, Map.of("phase", "Error", "reason", "RunnerError", "message", "no tests matched"));
        Result error = proctor("watch", "watch-error");
        assertThat(error.code()).isEqualTo(ExitCodes.RUN_ERROR);
        assertThat(error.out()).contains("Error (RunnerError)", "no tests matched");
        createRun(client, "watch-slow", null, Map.of("phase", "Running", "shardsDone", "0/1"));
        Result slow = proctor("watch", "watch-slow", "--timeout", "1s", "--interval", "200ms");
        assertThat(slow.code()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(slow.err()).isEqualTo("proctor: TestSuiteRun watch-slow did not finish within 1s: Running, 0/1 shards done\n");
    }

    /**
     * The built jar through bin/kubectl-proctor as kubectl runs plugins (found on PATH as kubectl-proctor), on the
     * kubeconfig in KUBECONFIG: what users install, with its own classpath (the shaded jar), not this test's.
     */
    @Test
    void theJarRunsAsAKubectlPlugin(ControlPlane plane, KubernetesClient client, @TempDir Path dir) throws Exception {
        createRun(client, "plugin-run", BUCKET, Map.of("phase", "Failed", "reason", "TestsFailed", "totals", totals(2, 1, 1, 0),
                "failedTests", List.of("dev.shop.CartTest#total"), "artifacts", artifacts("plugin-run")));
        put("plugin-run", "shard-2/attempt-0/junit-shard-2.xml", junit("""
                <testcase classname="dev.shop.CartTest" name="total"><failure message="total is off by one" type="java.lang.AssertionError"/></testcase>"""));

        Result runs = kubectl(plane, "proctor", "runs", "-n", namespace);
        assertThat(runs.code()).as(runs.err()).isZero();
        assertThat(runs.out()).as(runs.err()).containsPattern("plugin-run +techshop +Failed +2 +1 +1 +0");

        Result results = kubectl(plane, "proctor", "results", "plugin-run", "-n", namespace);
        assertThat(results.code()).as(results.err()).isZero();
        assertThat(results.out()).containsPattern("FAILED +dev.shop.CartTest#total +2 +0 +AssertionError: total is off by one");

        Result rerun = kubectl(plane, "proctor", "rerun", "plugin-run", "--failed", "-n", namespace);
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(client.genericKubernetesResources(Cluster.RUNS).withName(rerun.out().strip()).get()).isNotNull();

        Result noReport = kubectl(plane, "proctor", "report", "plugin-run", "-n", namespace);
        assertThat(noReport.code()).as(noReport.err()).isEqualTo(ExitCodes.NO_STORE);
        assertThat(noReport.err()).startsWith("proctor: no report for plugin-run in the store yet");

        // --open hands the downloaded report to xdg-open (here a stand-in that writes down what it was given)
        put("plugin-run", "report/index.html", "<!doctype html><title>plugin-run</title>".getBytes(StandardCharsets.UTF_8));
        Path opener = Files.createDirectories(dir.resolve("opener"));
        Path opened = dir.resolve("opened.txt");
        Files.writeString(opener.resolve("xdg-open"), "#!/bin/sh\necho \"$1\" > " + opened + "\n");
        opener.resolve("xdg-open").toFile().setExecutable(true);
        Result open = kubectl(plane, List.of(opener), "proctor", "report", "plugin-run", "-n", namespace,
                "--output", dir.resolve("report").toString(), "--open");
        assertThat(open.code()).as(open.err()).isZero();
        Path index = dir.resolve("report/index.html").toAbsolutePath();
        assertThat(open.out()).isEqualTo(index + "\n");
        Poll.until("xdg-open to be run", Duration.ofMinutes(1), () -> true, () -> Files.exists(opened));
        assertThat(Poll.until("xdg-open to write", Duration.ofMinutes(1), () -> read(opened), t -> t.endsWith("\n")))
                .isEqualTo(index + "\n");

        Result unknown = kubectl(plane, "proctor", "watch", "no-such-run", "-n", namespace);
        assertThat(unknown.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err()).isEqualTo("proctor: TestSuiteRun no-such-run not found in namespace " + namespace + "\n");
    }

    // --- helpers

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static Result kubectl(ControlPlane plane, String... args) {
        return kubectl(plane, List.of(), args);
    }

    /** kubectl with cli/bin (and {@code pathDirs}) first on PATH, so that it finds kubectl-proctor there. */
    private static Result kubectl(ControlPlane plane, List<Path> pathDirs, String... args) {
        Path bin = Path.of("bin").toAbsolutePath();
        assertThat(bin.resolve("kubectl-proctor")).as("the launcher").isExecutable();
        assertThat(Path.of("target/proctor.jar")).as("built by the package phase").exists();
        List<String> command = new ArrayList<>(List.of(plane.kubectlBinary().toString()));
        command.addAll(List.of(args));
        ControlPlane.CommandResult result = plane.run(command, Map.of(
                "PATH", pathDirs.stream().map(d -> d + java.io.File.pathSeparator).collect(java.util.stream.Collectors.joining())
                        + bin + java.io.File.pathSeparator + System.getenv("PATH"),
                "KUBECONFIG", kubeconfig.toString(),
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        return new Result(result.exitCode(), result.stdout(), result.stderr());
    }

    record Result(int code, String out, String err) {}

    private static Result proctor(String... args) {
        return proctor(new StringWriter(), args);
    }

    private static Result proctor(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString(), "-n", namespace));
        all.addAll(List.of(args));
        try (Proctor root = new Proctor()) {
            var line = Proctor.commandLine(root);
            line.setOut(new PrintWriter(out, true));
            line.setErr(new PrintWriter(err, true));
            int code = line.execute(all.toArray(String[]::new));
            return new Result(code, out.toString(), err.toString());
        }
    }

    private static void awaitOutput(StringWriter out, String text) {
        Poll.until("watch to print '" + text + "'", Duration.ofMinutes(1), () -> true, () -> out.toString().contains(text));
    }

    private static Map<String, Object> totals(int tests, int passed, int failed, int flaky) {
        return Map.of("tests", tests, "passed", passed, "failed", failed, "skipped", 0, "flaky", flaky);
    }

    private static String location(String run) {
        return "s3://" + BUCKET + "/" + PREFIX + "/" + namespace + "/" + run + "/";
    }

    private static Map<String, Object> artifacts(String run) {
        return Map.of("endpoint", store.endpoint().toString(), "bucket", BUCKET, "location", location(run));
    }

    private static void put(String run, String key, byte[] content) {
        s3.putObject(p -> p.bucket(BUCKET).key(PREFIX + "/" + namespace + "/" + run + "/" + key), RequestBody.fromBytes(content));
    }

    private static byte[] junit(String cases) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><testsuite name=\"techshop\">" + cases + "</testsuite>").getBytes(StandardCharsets.UTF_8);
    }

    private static void createRun(KubernetesClient client, String name, String bucket, Map<String, Object> status) {
        createRun(client, name, bucket, bucket == null ? null : store.endpoint().toString(), SECRET, status);
    }

    /** A run as a user creates it, then the status the operator would write (through the status subresource). */
    private static void createRun(KubernetesClient client, String name, String bucket, String endpoint, String secret,
                                  Map<String, Object> status) {
        String storeYaml = bucket == null ? "" : """
                  artifacts:
                    store:
                      endpoint: %s
                      bucket: %s
                      prefix: %s
                      pathStyle: true
                      credentialsSecret:
                        name: %s
                """.formatted(endpoint, bucket, PREFIX, secret);
        String yaml = """
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteRun
                metadata:
                  name: %s
                  labels:
                    team: checkout
                spec:
                  suite: techshop
                  runner:
                    image: ghcr.io/proctor-dev/techshop-suite:0.1.0
                  sharding:
                    shards: 3
                %s""".formatted(name, storeYaml);
        GenericKubernetesResource run = client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
        client.genericKubernetesResources(Cluster.RUNS).resource(run).create();
        setStatus(client, name, status);
    }

    private static void setStatus(KubernetesClient client, String name, Map<String, Object> status) {
        GenericKubernetesResource current = client.genericKubernetesResources(Cluster.RUNS).withName(name).get();
        current.setAdditionalProperty("status", status);
        client.genericKubernetesResources(Cluster.RUNS).resource(current).updateStatus();
    }
}
