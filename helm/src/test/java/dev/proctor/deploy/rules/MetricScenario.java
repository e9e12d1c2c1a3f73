package dev.proctor.deploy.rules;

import dev.proctor.testcluster.Poll;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Drives the operator so that every labelled series the rules and the dashboard read comes to exist: runs that
 * succeed and fail (run, shard and test series), an SLAPolicy over them (budget, burn-rate and incident series;
 * three failed runs open a page-level incident), an AlertRoute whose receivers accept, refuse (500) and refuse
 * every other request (sent, failed and retried notifications), and a run in a namespace where an admission
 * policy refuses every Job, so that its reconciles fail (reconcile errors, the operator SDK's failed count).
 */
public final class MetricScenario {
    public static final String API = "proctor.dev/v1alpha1";
    public static final String FAILING_TEST = "dev.proctor.fake.CheckoutTest#paysWithCard";
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private MetricScenario() {}

    /** Creates the objects in {@code ns}; the run whose Jobs are refused goes to {@code blockedNs}. */
    public static void start(KubernetesClient client, String ns, String blockedNs, WebhookSink sink) {
        create(client, ns, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: hooks
                stringData:
                  ok: %s
                  broken: %s
                  flaky: %s
                """.formatted(sink.url("/ok"), sink.url("/broken"), sink.url("/flaky")));
        create(client, ns, """
                apiVersion: proctor.dev/v1alpha1
                kind: AlertRoute
                metadata:
                  name: metrics-route
                spec:
                  receivers:
                    - name: ok
                      webhook:
                        urlSecretKeyRef: {name: hooks, key: ok}
                    - name: broken
                      webhook:
                        urlSecretKeyRef: {name: hooks, key: broken}
                    - name: flaky
                      webhook:
                        urlSecretKeyRef: {name: hooks, key: flaky}
                  grouping:
                    groupWait: 0s
                    groupInterval: 1s
                """);
        // a schedule's series exist (at 0) once the operator has seen it; this one fires once a year
        create(client, ns, """
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteSchedule
                metadata:
                  name: metrics-schedule
                spec:
                  schedule: "@yearly"
                  runTemplate:
                    spec:
                      suite: metrics
                      runner:
                        image: ghcr.io/proctor-dev/fake-suite:0.1.0
                """);
        create(client, ns, """
                apiVersion: proctor.dev/v1alpha1
                kind: SLAPolicy
                metadata:
                  name: metrics-policy
                spec:
                  selector:
                    matchLabels:
                      proctor.dev/suite: metrics
                  objectives:
                    - name: pass-rate
                      passRate: 0.99
                      window: 7d
                    - name: p95-duration
                      durationP95: 10m
                      window: 7d
                    - name: flaky-rate
                      flakyRate: 0.05
                      lastRuns: 50
                """);
        create(client, ns, run("pass-1", Map.of()));
        for (int i = 1; i <= 3; i++) create(client, ns, run("fail-" + i, Map.of("PROCTOR_FAKE_FAIL", FAILING_TEST)));

        refuseJobs(client, blockedNs);
        create(client, blockedNs, run("blocked", Map.of()));
    }

    /** Waits until the runs finished, the policy opened an incident and every receiver was tried. */
    public static void awaitEffects(KubernetesClient client, String ns, WebhookSink sink) {
        for (String run : List.of("pass-1", "fail-1", "fail-2", "fail-3")) {
            await("run " + run + " finished", () -> phase(client, ns, run), p -> p != null && !p.equals("Pending") && !p.equals("Running"));
        }
        await("an open incident on metrics-policy", () -> status(client, ns, "SLAPolicy", "metrics-policy"),
                s -> s != null && s.get("openIncidents") instanceof Number n && n.intValue() >= 1);
        await("notifications accepted, refused and accepted on a retry",
                () -> sink.accepted() + " accepted, " + sink.refused() + " refused, " + sink.flakyRequests() + " to /flaky",
                x -> sink.accepted() > 0 && sink.refused() > 0 && sink.flakyRequests() >= 2);
    }

    /**
     * An admission webhook that is down (cluster-scoped, named after the namespace: {@link #allowJobs} removes it) for
     * every Job created in {@code ns}; returns once the API server calls it. The API server answers a Job create with
     * 500 "failed calling webhook": a transient failure the operator retries with backoff, each try a failed reconcile
     * ({@code operator_sdk_reconciliations_failed_total}). A permanent refusal (a policy's denial) would not do: it ends
     * the run Error in one successful reconcile.
     */
    public static void refuseJobs(KubernetesClient client, String ns) {
        client.resource("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata:
                  name: %s
                webhooks:
                  - name: down.proctor.dev
                    clientConfig: {url: "https://127.0.0.1:%d/validate"}
                    rules:
                      - {apiGroups: [batch], apiVersions: [v1], operations: [CREATE], resources: [jobs]}
                    failurePolicy: Fail
                    sideEffects: None
                    admissionReviewVersions: [v1]
                    timeoutSeconds: 2
                    namespaceSelector:
                      matchLabels: {kubernetes.io/metadata.name: %s}
                """.formatted(webhookName(ns), closedPort(), ns)).create();
        Job probe = new JobBuilder().withNewMetadata().withName("probe").endMetadata().withNewSpec().withNewTemplate().withNewSpec()
                .withRestartPolicy("Never").addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec().build();
        await("the API server to call the down webhook for Jobs in " + ns, () -> {
            try {
                client.batch().v1().jobs().inNamespace(ns).resource(probe).dryRun().create();
                return "admitted";
            } catch (KubernetesClientException e) {
                return e.getCode() >= 500 && String.valueOf(e.getMessage()).contains("failed calling webhook") ? "refused" : "error " + e.getCode();
            }
        }, "refused"::equals);
    }

    public static void allowJobs(KubernetesClient client, String ns) {
        client.genericKubernetesResources("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration")
                .withName(webhookName(ns)).delete();
    }

    private static String webhookName(String ns) {
        return "down-webhook-" + ns;
    }

    /** A 127.0.0.1 port nothing listens on (bound and released at once). */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String run(String name, Map<String, String> env) {
        StringBuilder envYaml = new StringBuilder();
        env.forEach((k, v) -> envYaml.append("      - {name: ").append(k).append(", value: \"").append(v).append("\"}\n"));
        return """
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteRun
                metadata:
                  name: %s
                spec:
                  suite: metrics
                  runner:
                    image: ghcr.io/proctor-dev/fake-suite:0.1.0
                %s  sharding:
                    shards: 2
                    strategy: RoundRobin
                """.formatted(name, env.isEmpty() ? "" : "    env:\n" + envYaml);
    }

    public static HasMetadata create(KubernetesClient client, String ns, String yaml) {
        return client.resource(yaml).inNamespace(ns).create();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> status(KubernetesClient client, String ns, String kind, String name) {
        GenericKubernetesResource r = client.genericKubernetesResources(API, kind).inNamespace(ns).withName(name).get();
        return r == null ? null : (Map<String, Object>) r.getAdditionalProperties().get("status");
    }

    public static String phase(KubernetesClient client, String ns, String run) {
        Map<String, Object> s = status(client, ns, "TestSuiteRun", run);
        return s == null ? null : (String) s.get("phase");
    }

    /** Polls {@code value} until {@code done} holds; fails with the last value seen after three minutes. */
    public static <T> T await(String what, Supplier<T> value, Predicate<T> done) {
        return Poll.until(what, PATIENCE, value, done);
    }
}
