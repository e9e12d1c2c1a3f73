package dev.proctor.deploy.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.deploy.argocd.LuaHealth.Health;
import dev.proctor.deploy.rules.MetricScenario;
import dev.proctor.deploy.rules.OperatorStack;
import dev.proctor.deploy.rules.WebhookSink;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The health scripts on objects as the packaged operator really leaves them on the real control plane (the
 * fixtures under testdata/ are hand-made; this keeps them honest): runs that succeed, fail, end in Error and are
 * still running; a policy with an open incident and a healthy one; a route with a missing Secret and a ready one.
 * The live objects are written to target/argocd-live/ for reference.
 */
@WithControlPlane
class HealthOnLiveObjectsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebhookSink sink;

    @BeforeAll
    static void start(KubernetesClient client, TestNamespace ns) {
        OperatorStack.get();
        sink = new WebhookSink();
        String n = ns.name();
        MetricScenario.create(client, n, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: hook
                stringData:
                  url: %s
                """.formatted(sink.url("/ok")));
        MetricScenario.create(client, n, """
                apiVersion: proctor.dev/v1alpha1
                kind: AlertRoute
                metadata:
                  name: ready-route
                spec:
                  receivers:
                    - name: hook
                      webhook:
                        urlSecretKeyRef: {name: hook, key: url}
                """);
        MetricScenario.create(client, n, """
                apiVersion: proctor.dev/v1alpha1
                kind: AlertRoute
                metadata:
                  name: missing-secret
                spec:
                  receivers:
                    - name: team-slack
                      slack:
                        urlSecretKeyRef: {name: slack-webhook, key: url}
                """);
        for (String suite : new String[] {"green", "red"}) {
            MetricScenario.create(client, n, """
                    apiVersion: proctor.dev/v1alpha1
                    kind: SLAPolicy
                    metadata:
                      name: %s-policy
                    spec:
                      selector:
                        matchLabels:
                          proctor.dev/suite: %s
                      objectives:
                        - name: pass-rate
                          passRate: 0.99
                          window: 7d
                    """.formatted(suite, suite));
        }
        MetricScenario.create(client, n, run("succeeded", "green", Map.of()));
        MetricScenario.create(client, n, run("failed", "red", Map.of("PROCTOR_FAKE_FAIL", MetricScenario.FAILING_TEST)));
        MetricScenario.create(client, n, run("failed-2", "red", Map.of("PROCTOR_FAKE_FAIL", MetricScenario.FAILING_TEST)));
        MetricScenario.create(client, n, run("failed-3", "red", Map.of("PROCTOR_FAKE_FAIL", MetricScenario.FAILING_TEST)));
        MetricScenario.create(client, n, run("error", "other", Map.of("PROCTOR_FAKE_NO_SUMMARY", "true")));
        MetricScenario.create(client, n, run("running", "other", Map.of("PROCTOR_FAKE_MILLIS", "300000")));
    }

    @AfterAll
    static void stop() {
        sink.close();
    }

    static String run(String name, String suite, Map<String, String> env) {
        return MetricScenario.run(name, env).replace("suite: metrics", "suite: " + suite);
    }

    @Test
    void runs(KubernetesClient client, TestNamespace ns) throws IOException {
        assertThat(healthOnceFinal(client, ns, "TestSuiteRun", "succeeded")).isEqualTo(new Health("Healthy", "all 6 tests passed in 2 shards"));
        assertThat(healthOnceFinal(client, ns, "TestSuiteRun", "failed"))
                .isEqualTo(new Health("Degraded", "TestsFailed: 1 of 7 tests failed in 1 of 2 shards; failed: " + MetricScenario.FAILING_TEST));
        Health error = healthOnceFinal(client, ns, "TestSuiteRun", "error");
        assertThat(error.status()).isEqualTo("Degraded");
        assertThat(error.message()).startsWith("MissingSummary: ");
        MetricScenario.await("run running to have a running shard", () -> MetricScenario.status(client, ns.name(), "TestSuiteRun", "running"),
                s -> s != null && "Running".equals(s.get("phase")));
        Health running = health(client, ns, "TestSuiteRun", "running");
        assertThat(running).isEqualTo(new Health("Progressing", "Running: 0/2 shards finished"));
    }

    @Test
    void policies(KubernetesClient client, TestNamespace ns) throws IOException {
        MetricScenario.await("an incident on red-policy", () -> MetricScenario.status(client, ns.name(), "SLAPolicy", "red-policy"),
                s -> s != null && s.get("openIncidents") instanceof Number n && n.intValue() == 1);
        Health red = health(client, ns, "SLAPolicy", "red-policy");
        assertThat(red.status()).isEqualTo("Degraded");
        assertThat(red.message()).startsWith("1 active incident: ").contains("(page, Open)");
        MetricScenario.await("green-policy to have evaluated its run", () -> MetricScenario.status(client, ns.name(), "SLAPolicy", "green-policy"),
                s -> s != null && s.get("runsInHistory") instanceof Number n && n.intValue() == 1);
        assertThat(health(client, ns, "SLAPolicy", "green-policy"))
                .isEqualTo(new Health("Healthy", "Every objective with data is met; lowest error budget remaining 100.0%"));
    }

    @Test
    void routes(KubernetesClient client, TestNamespace ns) throws IOException {
        MetricScenario.await("the routes checked", () -> MetricScenario.status(client, ns.name(), "AlertRoute", "missing-secret"),
                s -> s != null && s.get("conditions") != null);
        Health missing = health(client, ns, "AlertRoute", "missing-secret");
        assertThat(missing.status()).isEqualTo("Degraded");
        assertThat(missing.message()).startsWith("SecretNotFound: receiver team-slack: ").contains("slack-webhook");
        MetricScenario.await("the ready route checked", () -> MetricScenario.status(client, ns.name(), "AlertRoute", "ready-route"),
                s -> s != null && s.get("conditions") != null);
        assertThat(health(client, ns, "AlertRoute", "ready-route")).isEqualTo(new Health("Healthy", "1 receiver ready"));
    }

    @Test
    void thePostSyncHookRunsAndItsHealthDecidesTheSync(KubernetesClient client, TestNamespace ns, ControlPlane plane) throws IOException {
        Path hook = HealthChecks.examples().resolve("postsync-smoke.yaml");
        ControlPlane.CommandResult created = plane.kubectl("-n", ns.name(), "create", "-f", hook.toString(), "-o", "name");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        String passing = created.stdout().strip().substring(created.stdout().indexOf('/') + 1);

        // the same hook in a sync whose smoke test fails
        ObjectNode failingHook = (ObjectNode) LuaHealth.YAML.readTree(hook.toFile());
        ((ObjectNode) failingHook.path("spec").path("runner")).putArray("env").addObject()
                .put("name", "PROCTOR_FAKE_FAIL").put("value", MetricScenario.FAILING_TEST);
        Path failingFile = Files.createTempFile("postsync-failing", ".yaml");
        LuaHealth.YAML.writeValue(failingFile.toFile(), failingHook);
        created = plane.kubectl("-n", ns.name(), "create", "-f", failingFile.toString(), "-o", "name");
        Files.delete(failingFile);
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        String failing = created.stdout().strip().substring(created.stdout().indexOf('/') + 1);

        assertThat(healthOnceFinal(client, ns, "TestSuiteRun", passing)).isEqualTo(new Health("Healthy", "all 6 tests passed in 2 shards"));
        Health failed = healthOnceFinal(client, ns, "TestSuiteRun", failing);
        assertThat(failed.status()).as("a Degraded hook fails the sync").isEqualTo("Degraded");
        assertThat(failed.message()).isEqualTo("TestsFailed: 1 of 7 tests failed in 1 of 2 shards; failed: " + MetricScenario.FAILING_TEST);
    }

    @Test
    void theArgocdCmIsAConfigMapTheApiServerAccepts(ControlPlane plane) {
        plane.kubectl("create", "namespace", "argocd");
        ControlPlane.CommandResult dryRun = plane.kubectl("apply", "--dry-run=server", "-f",
                HealthChecks.examples().resolve("argocd-cm.yaml").toString());
        assertThat(dryRun.exitCode()).as(dryRun.stderr()).isZero();
        assertThat(dryRun.stdout()).contains("configmap/argocd-cm created (server dry run)");
    }

    private static Health healthOnceFinal(KubernetesClient client, TestNamespace ns, String kind, String name) throws IOException {
        MetricScenario.await(kind + " " + name + " to finish", () -> MetricScenario.phase(client, ns.name(), name),
                p -> p != null && !p.equals("Pending") && !p.equals("Running"));
        return health(client, ns, kind, name);
    }

    /** The script's verdict on the object as the API server returns it now; the object is kept under target/. */
    private static Health health(KubernetesClient client, TestNamespace ns, String kind, String name) throws IOException {
        GenericKubernetesResource live = client.genericKubernetesResources(MetricScenario.API, kind).inNamespace(ns.name()).withName(name).get();
        JsonNode node = JSON.valueToTree(live);
        Path out = Path.of("target/argocd-live", kind);
        Files.createDirectories(out);
        LuaHealth.YAML.writeValue(out.resolve(name + ".yaml").toFile(), node);
        return LuaHealth.evaluate(HealthChecks.script(kind), node);
    }
}
