package dev.proctor.deploy.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.proctor.deploy.rules.Command;
import dev.proctor.deploy.rules.OperatorStack;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * examples/ci/run-suite.sh for real, as the CI examples call it: the real control plane, the packaged operator,
 * the local pod executor with the fake runner as the suite, kubectl from the control plane's build, and a
 * kubeconfig for a ServiceAccount holding only what the examples say CI needs (create, get, list, watch on
 * testsuiteruns). The manifest the pipelines run (examples/runs/smoke.yaml) passes; the same manifest with a failing
 * test, a runner that writes no summary and a run too slow for the timeout make the script fail as documented.
 */
@WithControlPlane
class RunSuiteScriptIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String FAILING_TEST = "dev.proctor.fake.CheckoutTest#paysWithCard";
    private static Map<String, String> env;

    @BeforeAll
    static void ciAccount(KubernetesClient client, TestNamespace ns, ControlPlane plane, @TempDir Path dir) throws IOException {
        OperatorStack.get();
        String n = ns.name();
        client.resource("""
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: ci
                """).inNamespace(n).create();
        client.resource("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: ci-runs-suites
                rules:
                  - apiGroups: [proctor.dev]
                    resources: [testsuiteruns]
                    verbs: [create, get, list, watch]
                """).inNamespace(n).create();
        client.resource("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata:
                  name: ci-runs-suites
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ci-runs-suites}
                subjects:
                  - {kind: ServiceAccount, name: ci, namespace: %s}
                """.formatted(n)).inNamespace(n).create();
        // the Secret examples/runs/smoke.yaml takes the shop password from
        client.resource("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: techshop-credentials
                stringData:
                  password: not-a-real-password
                """).inNamespace(n).create();
        String token = client.serviceAccounts().inNamespace(n).withName("ci")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Path kubeconfig = dir.resolve("ci.kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: test
                    cluster:
                      server: %s
                      insecure-skip-tls-verify: true
                users:
                  - name: ci
                    user:
                      token: %s
                contexts:
                  - name: ci
                    context: {cluster: test, user: ci, namespace: %s}
                current-context: ci
                """.formatted(plane.apiUrl(), token, n));
        env = Map.of("KUBECONFIG", kubeconfig.toString(), "KUBECTL", plane.kubectlBinary().toString(),
                "PROCTOR_NAMESPACE", n);
    }

    @Test
    void thePipelinesManifestPassesAndTheScriptExitsZero(@TempDir Path reports) throws Exception {
        Command run = runSuite(CiExamples.root().resolve("examples/runs/smoke.yaml"), reports, "5m");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.stdout()).containsPattern("Created testsuiterun.proctor.dev/techshop-smoke-[a-z0-9]{5} \\(suite techshop\\)")
                .contains("Verdict: Succeeded (AllTestsPassed): all 9 tests passed in 3 shards")
                .contains("Tests: 9 total, 9 passed, 0 failed, 0 skipped, 0 flaky")
                .doesNotContain("Failed tests:");
        Element suite = onlyReport(reports);
        assertThat(suite.getAttribute("tests")).isEqualTo("9");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(1); // the run itself
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void aFailingTestFailsTheJobAndIsNamedInTheOutputAndTheReport(@TempDir Path reports, @TempDir Path dir) throws Exception {
        Path manifest = smokeWith(dir, Map.of("PROCTOR_FAKE_FAIL", FAILING_TEST));
        Command run = runSuite(manifest, reports, "5m");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.stdout()).contains("Verdict: Failed (TestsFailed): 1 of 10 tests failed in 1 of 3 shards")
                .contains("Failed tests:\n  " + FAILING_TEST + "\n");
        Element suite = onlyReport(reports);
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element failed = (Element) cases.item(0);
        assertThat(failed.getAttribute("classname")).isEqualTo("dev.proctor.fake.CheckoutTest");
        assertThat(failed.getAttribute("name")).isEqualTo("paysWithCard");
        assertThat(failed.getElementsByTagName("failure").getLength()).isEqualTo(1);
        Element runCase = (Element) cases.item(1);
        assertThat(((Element) runCase.getElementsByTagName("failure").item(0)).getAttribute("type")).isEqualTo("TestsFailed");
    }

    @Test
    void aRunnerErrorExitsTwoAndNamesTheShards(@TempDir Path reports, @TempDir Path dir) throws Exception {
        Command run = runSuite(smokeWith(dir, Map.of("PROCTOR_FAKE_NO_SUMMARY", "true")), reports, "5m");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.stdout()).contains("Verdict: Error (MissingSummary): 3 of 3 shards did not finish");
        assertThat(run.stderr()).contains("shard 0 attempt 0: RunnerError MissingSummary the runner exited with code 2 without a summary");
        Element suite = onlyReport(reports);
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(((Element) suite.getElementsByTagName("error").item(0)).getAttribute("type")).isEqualTo("MissingSummary");
    }

    @Test
    void aRunOutlastingTheTimeoutExitsThree(@TempDir Path reports, @TempDir Path dir) throws Exception {
        Command run = runSuite(smokeWith(dir, Map.of("PROCTOR_FAKE_MILLIS", "120000")), reports, "5s");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.stderr()).containsPattern("testsuiterun.proctor.dev/techshop-smoke-[a-z0-9]{5} did not finish within 5s");
        assertThat(reports).isEmptyDirectory();
    }

    @Test
    void everyManifestThePipelinesRunIsAcceptedByTheApiServer(TestNamespace ns, ControlPlane plane) {
        for (String pipeline : CiExamples.PIPELINES) {
            for (String manifest : CiExamples.manifestsRunBy(pipeline)) {
                // generateName: create, as run-suite.sh does (apply refuses generateName)
                Command dryRun = Command.run(CiExamples.root(), env, Duration.ofMinutes(1), List.of(plane.kubectlBinary().toString(),
                        "create", "--dry-run=server", "-n", ns.name(), "-f", manifest, "-o", "name"));
                assertThat(dryRun.exitCode()).as("%s of %s: %s", manifest, pipeline, dryRun.output()).isZero();
                assertThat(dryRun.stdout()).startsWith("testsuiterun.proctor.dev/");
            }
        }
    }

    private static Command runSuite(Path manifest, Path reports, String timeout) {
        return Command.run(CiExamples.root(), env, Duration.ofMinutes(6),
                List.of("bash", CiExamples.script().toString(), "-t", timeout, "-o", reports.toString(), manifest.toString()));
    }

    /** examples/runs/smoke.yaml with fake-runner knobs in the runner's env. */
    private static Path smokeWith(Path dir, Map<String, String> runnerEnv) throws IOException {
        ObjectNode run = (ObjectNode) YAML.readTree(CiExamples.root().resolve("examples/runs/smoke.yaml").toFile());
        ArrayNode envList = ((ObjectNode) run.path("spec").path("runner")).putArray("env");
        runnerEnv.forEach((k, v) -> envList.addObject().put("name", k).put("value", v));
        Path file = dir.resolve("smoke.yaml");
        YAML.writeValue(file.toFile(), run);
        return file;
    }

    /** The one JUnit report the script wrote, parsed as XML: its testsuite element. */
    private static Element onlyReport(Path reports) throws Exception {
        List<Path> files;
        try (var list = Files.list(reports)) {
            files = list.toList();
        }
        assertThat(files).singleElement().satisfies(f -> assertThat(f.getFileName().toString()).matches("proctor-techshop-smoke-[a-z0-9]{5}\\.xml"));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(files.get(0).toFile());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("testsuites");
        NodeList suites = xml.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(1);
        return (Element) suites.item(0);
    }
}
