package dev.proctor.techshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.proctor.techshop.app.AppOptions;
import dev.proctor.techshop.app.TechShopApp;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.Crds;
import dev.proctor.testcluster.FreePorts;
import dev.proctor.testcluster.OperatorProcess;
import dev.proctor.testcluster.Poll;
import dev.proctor.testcluster.SeaweedFs;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.executor.LocalPodExecutor;
import dev.proctor.testcluster.executor.RunnerProgram;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The artifact store end to end: the TechShop smoke example on the real control plane, each shard pod the real runner
 * with the suite in Chromium, uploading to SeaweedFS on 127.0.0.1 with keys the operator passes only by Secret
 * reference. A failing sign-in test's screenshot ends up in the store where the run's status says; with the store
 * down the verdict still arrives and {@code ArtifactsStored} names the shards whose artifacts are missing.
 */
@WithControlPlane(namespacePer = WithControlPlane.Scope.METHOD)
class TechShopArtifactStoreIT {
    private static final String PASSWORD = "Tr0ub4dor-and-3";
    private static final String BUCKET = "proctor-artifacts";
    private static final String WAIT_TIMEOUT = "--timeout=420s";
    private static final Path ROOT = Path.of(System.getProperty("proctor.repo.root", "../../..")).toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new YAMLMapper();

    private static TechShopApp app;
    private static LocalPodExecutor executor;
    private static OperatorProcess operator;
    private static SeaweedFs store;
    private static S3Client s3;

    @BeforeAll
    static void startStack(ControlPlane plane) throws Exception {
        long started = System.nanoTime();
        store = SeaweedFs.start();
        System.out.printf("[figures] SeaweedFS built or found cached and started: %.1f s%n", (System.nanoTime() - started) / 1e9);
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(SeaweedFs.REGION))
                .endpointOverride(store.endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(SeaweedFs.ACCESS_KEY, SeaweedFs.SECRET_KEY)))
                .build();
        Poll.until("bucket " + BUCKET + " created", Duration.ofSeconds(60), () -> {
            s3.createBucket(b -> b.bucket(BUCKET));
            return true;
        }, Boolean::booleanValue);
        Crds.installAll(plane.client(), ROOT.resolve("crds"));
        app = TechShopApp.start(AppOptions.defaults().withPassword(PASSWORD));
        Path home = Files.createTempDirectory("techshop-runner-home");
        RunnerProgram runner = RunnerProgram.suiteImage(ROOT.resolve("runner-image/runner/target"),
                ROOT.resolve("examples/techshop/suite/target"), home);
        executor = LocalPodExecutor.start(plane.newClient(), "proctor.dev/run", runner);
        Path jar = Path.of(System.getProperty("proctor.operator.jar", ROOT + "/operator/target/quarkus-app/quarkus-run.jar"));
        operator = OperatorProcess.start(jar, plane, Map.of());
    }

    @AfterAll
    static void stopStack() {
        if (operator != null) operator.close();
        if (executor != null) executor.close();
        if (app != null) app.close();
        if (s3 != null) s3.close();
        if (store != null) store.close();
    }

    @Test
    void aFailingTestsScreenshotIsInTheStoreWhereTheStatusSays(ControlPlane plane, KubernetesClient client, TestNamespace ns)
            throws Exception {
        secrets(client, "not-the-password", SeaweedFs.SECRET_KEY);
        String run = create(plane, ns, store.endpoint().toString());
        JsonNode status = awaitComplete(plane, ns, run);

        assertThat(status.path("phase").asText()).isEqualTo("Failed");
        assertThat(status.path("failedTests").toString()).contains("AccountTest#shopperCanSignIn");
        assertThat(condition(status, "ArtifactsStored").path("status").asText()).as(status.toString()).isEqualTo("True");
        JsonNode artifacts = status.path("artifacts");
        assertThat(artifacts.path("location").asText()).isEqualTo("s3://" + BUCKET + "/ci/" + ns.name() + "/" + name(run) + "/");
        assertThat(artifacts.path("shards")).hasSize(3);
        String prefix = "ci/" + ns.name() + "/" + name(run) + "/";
        List<String> keys = s3.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
        int uploaded = 0;
        for (JsonNode shard : artifacts.path("shards")) {
            assertThat(shard.path("missing").asInt()).isZero();
            uploaded += shard.path("uploaded").asInt();
            String folder = shard.path("location").asText().substring(("s3://" + BUCKET + "/").length());
            assertThat(keys).as("shard %s", shard).contains(folder + "junit-shard-" + shard.path("index").asInt() + ".xml",
                    folder + "events-shard-" + shard.path("index").asInt() + ".jsonl");
        }
        assertThat(keys).hasSize(uploaded);
        assertThat(keys).anySatisfy(key -> assertThat(key).contains("AccountTest").endsWith("screenshot.png"));
        String screenshot = keys.stream().filter(k -> k.contains("AccountTest") && k.endsWith("screenshot.png")).findFirst().orElseThrow();
        byte[] png = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key(screenshot)).asByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        String json = status.toString();
        assertThat(json).doesNotContain(SeaweedFs.SECRET_KEY).doesNotContain(SeaweedFs.ACCESS_KEY);

        // the run's report: built once by <run>-report, its counts the run's totals, the failing test's screenshot inline
        JsonNode finished = awaitReport(plane, ns, run);
        JsonNode report = finished.path("report");
        assertThat(report.path("phase").asText()).as(finished.toString()).isEqualTo("Ready");
        assertThat(finished.path("phase").asText()).as("the reporter leaves the verdict alone").isEqualTo("Failed");
        JsonNode totals = status.path("totals");
        assertThat(report.path("tests").asInt()).isEqualTo(totals.path("tests").asInt()).isPositive();
        assertThat(report.path("failures").asInt() + report.path("errors").asInt()).isEqualTo(totals.path("failed").asInt());
        assertThat(report.path("skipped").asInt()).isEqualTo(totals.path("skipped").asInt());
        assertThat(report.path("flaky").asInt()).isEqualTo(totals.path("flaky").asInt());
        assertThat(report.path("job").asText()).isEqualTo(name(run) + "-report");
        assertThat(report.path("html").asText()).isEqualTo("s3://" + BUCKET + "/" + prefix + "report/index.html");
        assertThat(report.path("junit").asText()).isEqualTo("s3://" + BUCKET + "/" + prefix + "report/junit.xml");
        assertThat(condition(finished, "ReportReady").path("status").asText()).isEqualTo("True");
        assertThat(client.batch().v1().jobs().inNamespace(ns.name()).withLabel("app.kubernetes.io/component", "report").list()
                .getItems()).extracting(j -> j.getMetadata().getName()).containsExactly(name(run) + "-report");
        String html = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key(prefix + "report/index.html")).asUtf8String();
        assertThat(html).contains("AccountTest#shopperCanSignIn")
                .contains("<img src=\"data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png) + "\"")
                .doesNotContain(PASSWORD).doesNotContain(SeaweedFs.SECRET_KEY);
        System.out.printf("[figures] report of %d tests: index.html %d bytes%n", report.path("tests").asInt(), html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        // a real JUnit XML consumer reads the merged XML: its totals are the run's (flaky: passed with flaky failures)
        Path junit = Files.createTempFile("techshop-merged", ".xml");
        Files.write(junit, s3.getObjectAsBytes(g -> g.bucket(BUCKET).key(prefix + "report/junit.xml")).asByteArray());
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(junit.toString());
        List<ReportTestCase> cases = suites.stream().flatMap(suite -> suite.getTestCases().stream()).toList();
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum()).isEqualTo(totals.path("tests").asInt());
        assertThat(suites.stream().mapToInt(suite -> suite.getNumberOfFailures() + suite.getNumberOfErrors()).sum())
                .isEqualTo(totals.path("failed").asInt());
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfSkipped).sum()).isEqualTo(totals.path("skipped").asInt());
        assertThat(cases.stream().filter(c -> c.hasFlakes() && c.isSuccessful()).count()).isEqualTo(totals.path("flaky").asLong());
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("ci/" + ns.name() + "/_suites/techshop/trend.json"))
                .asUtf8String()).contains("\"run\":\"" + name(run) + "\"");
        for (Path pod : podFolders(ns)) {
            String log = Files.readString(pod.resolve("runner.log"));
            log.lines().filter(l -> l.contains("\"event\":\"artifacts.uploaded\"") || l.contains("\"event\":\"report.finished\""))
                    .forEach(l -> System.out.println("[figures] " + l));
        }
    }

    /**
     * examples/ci/run-suite.sh as a pipeline runs it, with the proctor CLI on hand: the JUnit XML it leaves for the CI
     * server is the run's merged report from the store (every test of every shard, not only the failed ones the status
     * names), with the HTML report beside it.
     */
    @Test
    void theCiScriptPublishesTheMergedJUnitXmlAndTheHtmlReport(ControlPlane plane, KubernetesClient client, TestNamespace ns)
            throws Exception {
        secrets(client, "not-the-password", SeaweedFs.SECRET_KEY);
        Path reports = Files.createTempDirectory("ci-reports");
        Map<String, String> env = new java.util.HashMap<>(plane.kubeconfigEnv());
        env.putAll(Map.of("KUBECTL", plane.kubectlBinary().toString(), "PROCTOR_CLI", ROOT.resolve("cli/bin/proctor").toString(),
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "PROCTOR_NAMESPACE", ns.name(),
                "PROCTOR_REPORT_DIR", reports.toString(), "PROCTOR_TIMEOUT", "420s"));
        ControlPlane.CommandResult ci = plane.run(List.of("bash", ROOT.resolve("examples/ci/run-suite.sh").toString(),
                manifest(store.endpoint().toString()).toString()), env);

        assertThat(ci.exitCode()).as("the sign-in test fails: %s%n%s", ci.stdout(), ci.stderr()).isEqualTo(1);
        java.util.regex.Matcher created = java.util.regex.Pattern.compile("Created \\S+/(\\S+) ").matcher(ci.stdout());
        assertThat(created.find()).as(ci.stdout()).isTrue();
        String name = created.group(1);
        assertThat(ci.stdout()).contains("JUnit report (merged from every shard): " + reports.resolve("proctor-" + name + ".xml"));
        byte[] merged = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("ci/" + ns.name() + "/" + name + "/report/junit.xml")).asByteArray();
        assertThat(reports.resolve("proctor-" + name + ".xml")).hasBinaryContent(merged);
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(reports.resolve("proctor-" + name + ".xml").toString());
        JsonNode status = awaitComplete(plane, ns, "testsuiterun/" + name);
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum())
                .as("every test, not only the failed ones").isEqualTo(status.path("totals").path("tests").asInt()).isGreaterThan(1);
        assertThat(Files.readString(reports.resolve(name).resolve("index.html"))).contains("AccountTest#shopperCanSignIn");
    }

    @Test
    void aStoreThatIsDownLeavesTheVerdictAndAConditionNamingWhatIsMissing(ControlPlane plane, KubernetesClient client,
                                                                          TestNamespace ns) throws Exception {
        secrets(client, PASSWORD, SeaweedFs.SECRET_KEY);
        String run = create(plane, ns, "http://127.0.0.1:" + FreePorts.next());
        JsonNode status = awaitComplete(plane, ns, run);

        assertThat(status.path("phase").asText()).as("the verdict does not wait on the store").isEqualTo("Succeeded");
        JsonNode stored = condition(status, "ArtifactsStored");
        assertThat(stored.path("status").asText()).isEqualTo("False");
        assertThat(stored.path("reason").asText()).isEqualTo("UploadIncomplete");
        assertThat(stored.path("message").asText()).contains("shard 0 attempt 0: ", "shard 1 attempt 0: ", "shard 2 attempt 0: ")
                .contains("files missing (store unreachable: ");
        status.path("artifacts").path("shards").forEach(shard -> {
            assertThat(shard.path("uploaded").asInt()).isZero();
            assertThat(shard.path("missing").asInt()).isPositive();
        });
        // and a Warning Event says the same (kubectl describe)
        io.fabric8.kubernetes.api.model.Event event = Poll.until("an ArtifactsIncomplete Event", Duration.ofSeconds(60),
                () -> client.v1().events().inNamespace(ns.name()).list().getItems().stream()
                        .filter(e -> "ArtifactsIncomplete".equals(e.getReason())).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getMessage()).contains("store unreachable: ");

        // no report either, and the status says why
        JsonNode report = awaitReport(plane, ns, run).path("report");
        assertThat(report.path("phase").asText()).as(report.toString()).isEqualTo("Failed");
        assertThat(report.path("reason").asText()).isEqualTo("StoreUnreachable");
        assertThat(report.path("message").asText()).startsWith("store unreachable: ");
        Poll.until("a ReportFailed Event", Duration.ofSeconds(60),
                () -> client.v1().events().inNamespace(ns.name()).list().getItems().stream()
                        .filter(e -> "ReportFailed".equals(e.getReason())).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    @Test
    void wrongStoreCredentialsAreAClearReason(ControlPlane plane, KubernetesClient client, TestNamespace ns) throws Exception {
        secrets(client, PASSWORD, "not-the-secret-key");
        String run = create(plane, ns, store.endpoint().toString());
        JsonNode status = awaitComplete(plane, ns, run);

        assertThat(status.path("phase").asText()).isEqualTo("Succeeded");
        JsonNode stored = condition(status, "ArtifactsStored");
        assertThat(stored.path("status").asText()).isEqualTo("False");
        assertThat(stored.path("message").asText()).contains("SignatureDoesNotMatch: ");
        assertThat(status.toString()).doesNotContain("not-the-secret-key");

        JsonNode finished = awaitReport(plane, ns, run);
        assertThat(finished.path("report").path("reason").asText()).as(finished.toString()).isEqualTo("StoreRefused");
        assertThat(finished.path("report").path("message").asText()).startsWith("SignatureDoesNotMatch: ");
        assertThat(condition(finished, "ReportReady").path("reason").asText()).isEqualTo("StoreRefused");
        assertThat(finished.toString()).doesNotContain("not-the-secret-key");
    }

    /** The run's status once its report is no longer Pending (the reporter Job ran after the verdict). */
    private static JsonNode awaitReport(ControlPlane plane, TestNamespace ns, String run) {
        return Poll.until("the report of " + run, Duration.ofSeconds(180), () -> {
            ControlPlane.CommandResult got = plane.kubectl("get", "-n", ns.name(), run, "-o", "json");
            try {
                return got.exitCode() == 0 ? new ObjectMapper().readTree(got.stdout()).path("status") : null;
            } catch (java.io.IOException e) {
                return null;
            }
        }, status -> status != null && !status.path("report").path("phase").asText("Pending").equals("Pending"));
    }

    private static void secrets(KubernetesClient client, String password, String secretKey) {
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("techshop-credentials").endMetadata()
                .addToStringData("password", password).build()).create();
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("artifact-store-keys").endMetadata()
                .addToStringData("accessKeyId", SeaweedFs.ACCESS_KEY).addToStringData("secretAccessKey", secretKey).build()).create();
    }

    /** {@code kubectl create} of {@link #manifest}; returns {@code testsuiterun.proctor.dev/<name>}. */
    private static String create(ControlPlane plane, TestNamespace ns, String endpoint) throws Exception {
        Path file = manifest(endpoint);
        ControlPlane.CommandResult created = plane.kubectl("create", "-n", ns.name(), "-f", file.toString(), "-o", "name");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        return created.stdout().trim();
    }

    /** The smoke example with the store of examples/runs/artifact-store.yaml pointed at {@code endpoint}, as a file. */
    private static Path manifest(String endpoint) throws Exception {
        ObjectNode manifest = (ObjectNode) YAML.readTree(ROOT.resolve("examples/techshop/smoke-run.yaml").toFile());
        ((ObjectNode) manifest.path("spec").path("environment")).put("baseUrl", app.baseUrl());
        ((ObjectNode) manifest.path("spec")).remove("retries"); // one attempt per shard: the folders are known
        ObjectNode example = (ObjectNode) YAML.readTree(ROOT.resolve("examples/runs/artifact-store.yaml").toFile());
        ObjectNode artifacts = (ObjectNode) example.path("spec").path("artifacts");
        artifacts.remove("collect");
        ((ObjectNode) artifacts.path("store")).put("endpoint", endpoint).put("bucket", BUCKET);
        ((ObjectNode) manifest.path("spec")).set("artifacts", artifacts);
        Path file = Files.createTempFile("techshop-store", ".yaml");
        YAML.writeValue(file.toFile(), manifest);
        return file;
    }

    private static JsonNode awaitComplete(ControlPlane plane, TestNamespace ns, String run) throws Exception {
        ControlPlane.CommandResult waited = plane.kubectl("wait", "-n", ns.name(), "--for=condition=Complete", WAIT_TIMEOUT, run);
        assertThat(waited.exitCode()).as(waited.stderr() + "\n" + plane.kubectl("describe", "-n", ns.name(), run).stdout()
                + "\n" + operator.logTail(40)).isZero();
        ControlPlane.CommandResult got = plane.kubectl("get", "-n", ns.name(), run, "-o", "json");
        assertThat(got.exitCode()).as(got.stderr()).isZero();
        return new ObjectMapper().readTree(got.stdout()).path("status");
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (type.equals(condition.path("type").asText())) return condition;
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String name(String kindSlashName) {
        return kindSlashName.substring(kindSlashName.indexOf('/') + 1);
    }

    private static List<Path> podFolders(TestNamespace ns) {
        try (var dirs = Files.list(executor.workRoot())) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith(ns.name() + "_")).sorted().toList();
        } catch (Exception e) {
            return List.of();
        }
    }
}
