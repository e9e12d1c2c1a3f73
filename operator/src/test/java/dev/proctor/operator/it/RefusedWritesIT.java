package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.run.RunDecider;
import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.ShardStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.run.RunStatusAggregator;
import dev.proctor.operator.run.TestSuiteRunReconciler;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the API server refuses for good ends the run in Error, quoting the API server — an exceeded ResourceQuota, an
 * admission policy's denial, a Job the API server finds invalid, an operator without {@code jobs create} — with the
 * run's Failed condition and a Warning Event saying so, the finished shards' results kept and the running shards'
 * Jobs stopped. What may pass (an admission webhook that is down) is retried with backoff under a {@code Retrying}
 * condition until it does. All on the real API server.
 */
@WithControlPlane(namespacePer = WithControlPlane.Scope.METHOD)
class RefusedWritesIT {
    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(60);
    private final List<HasMetadata> clusterScoped = new java.util.ArrayList<>();

    @AfterEach
    void removeClusterScopedObjects(KubernetesClient client) {
        clusterScoped.forEach(object -> client.resource(object).delete());
        clusterScoped.clear();
    }

    @Test
    void anExceededQuotaEndsTheRunInErrorAndStopsTheShardThatRuns(KubernetesClient client, TestNamespace ns) {
        client.resource(yaml(client, """
                apiVersion: v1
                kind: ResourceQuota
                metadata: {name: one-job}
                spec:
                  hard: {count/jobs.batch: "1"}
                """)).create();
        await("the quota to be counted").until(() -> client.resourceQuotas().withName("one-job").get().getStatus() != null
                && client.resourceQuotas().withName("one-job").get().getStatus().getHard() != null);
        ProctorStack.get();
        Runs.create(client, "quota", 2, Map.of("PROCTOR_FAKE_MILLIS", "60000"), "");

        TestSuiteRun run = awaitRefused(client, "quota", "exceeded quota");
        // the two Jobs are created at once: either may be the one the quota refuses
        int refused = run.getStatus().message.contains("quota-shard-1") ? 1 : 0;
        assertThat(run.getStatus().message).contains("quota-shard-" + refused, "403");
        ShardStatus created = run.getStatus().shards.get(1 - refused);
        assertThat(created.reason).isEqualTo(RunDecider.RUN_ABORTED);
        assertThat(created.message).startsWith("stopped:");
        assertThat(run.getStatus().shards.get(refused).message).startsWith("not started:");
        await("the running shard's Job to be stopped").atMost(REFUSAL_TIMEOUT)
                .until(() -> Runs.jobs(client, "quota").stream().allMatch(j -> j.getMetadata().getDeletionTimestamp() != null));
    }

    @Test
    void anAdmissionPolicyDenialEndsTheRunInError(KubernetesClient client, TestNamespace ns) {
        clusterScoped.add(client.resource(yaml(client, """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: %s}
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [batch], apiVersions: [v1], operations: [CREATE], resources: [jobs]}
                  validations:
                    - expression: "object.metadata.?labels[?'proctor.dev/run'].orValue('') != 'denied'"
                      message: shard Jobs of run denied may not run in this namespace
                """.formatted(ns.name()))).create());
        clusterScoped.add(client.resource(yaml(client, """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: %1$s}
                spec:
                  policyName: %1$s
                  validationActions: [Deny]
                  matchResources:
                    namespaceSelector:
                      matchLabels: {kubernetes.io/metadata.name: %1$s}
                """.formatted(ns.name()))).create());
        ProctorStack.get();
        // a policy takes effect once the API server has loaded it: another run's Job tells when
        awaitPolicyActive(client, "shard Jobs of run denied may not run");
        Runs.create(client, "denied", 1, Map.of(), "");

        TestSuiteRun run = awaitRefused(client, "denied", "may not run in this namespace");
        assertThat(run.getStatus().message).contains("AdmissionDenied");
        assertThat(Runs.jobs(client, "denied")).isEmpty();
    }

    @Test
    void aJobTheApiServerFindsInvalidEndsTheRunInError(KubernetesClient client, TestNamespace ns) {
        ProctorStack.get();
        // a privileged runner is valid in the CRD (clusters started with --allow-privileged, as kubeadm, k3s and kind are,
        // run it); this API server disallows privileged containers, which only it can tell: its Job validation refuses
        client.resource(yaml(client, """
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteRun
                metadata: {name: invalid}
                spec:
                  suite: fake
                  runner:
                    image: ghcr.io/proctor-dev/fake-suite:0.1.0
                    securityContext: {privileged: true}
                  sharding: {shards: 1}
                """)).create();
        TestSuiteRun run = awaitRefused(client, "invalid", "privileged");
        assertThat(run.getStatus().message).contains("422", "Invalid", "disallowed by cluster policy");
    }

    @Test
    void anOperatorWithoutJobsCreateEndsTheRunInError(KubernetesClient client, TestNamespace ns, ControlPlane plane) {
        ProctorStack stack = ProctorStack.get();
        String token = restrictedToken(client, ns.name());
        stack.withOperatorInstead("operator-without-jobs-create", Map.of("QUARKUS_KUBERNETES_CLIENT_TOKEN", token), () -> {
            Runs.create(client, "no-rbac", 2, Map.of(), "");
            TestSuiteRun run = awaitRefused(client, "no-rbac", "cannot create resource \"jobs\"");
            assertThat(run.getStatus().message).contains("Forbidden");
        });
    }

    @Test
    void aDownAdmissionWebhookIsRetriedWithBackoffUntilItPasses(KubernetesClient client, TestNamespace ns) {
        HasMetadata webhook = client.resource(yaml(client, """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: %1$s}
                webhooks:
                  - name: down.proctor.dev
                    clientConfig: {url: "https://127.0.0.1:%2$d/validate"}
                    rules:
                      - {apiGroups: [batch], apiVersions: [v1], operations: [CREATE], resources: [jobs]}
                    failurePolicy: Fail
                    sideEffects: None
                    admissionReviewVersions: [v1]
                    timeoutSeconds: 2
                    namespaceSelector:
                      matchLabels: {kubernetes.io/metadata.name: %1$s}
                """.formatted(ns.name(), closedPort()))).create();
        clusterScoped.add(webhook);
        ProctorStack.get();
        Runs.create(client, "flaky-api", 1, Map.of(), "");

        await("the run to say it retries").atMost(REFUSAL_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> retrying(Runs.get(client, "flaky-api")) != null && "True".equals(retrying(Runs.get(client, "flaky-api")).getStatus()));
        Condition retrying = retrying(Runs.get(client, "flaky-api"));
        assertThat(retrying.getReason()).isEqualTo("InternalError");
        assertThat(retrying.getMessage()).contains("failed calling webhook", "retrying with backoff");
        assertThat(Runs.phase(Runs.get(client, "flaky-api"))).as("not given up on").isNotIn(RunPhase.Error, RunPhase.Failed);
        await("a Warning Event about the retries").atMost(REFUSAL_TIMEOUT)
                .until(() -> events(client, "flaky-api").stream().anyMatch(e -> "Retrying".equals(e.getReason())));

        client.resource(webhook).delete();
        clusterScoped.remove(webhook);
        TestSuiteRun run = Runs.awaitFinished(client, "flaky-api");
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Succeeded);
        assertThat(retrying(run).getStatus()).isEqualTo("False");
        assertThat(retrying(run).getReason()).isEqualTo("Recovered");
    }

    /** Waits for the run to end in Error because a write was refused, and checks what the user is told. */
    private static TestSuiteRun awaitRefused(KubernetesClient client, String name, String apiServerSays) {
        TestSuiteRun run = Runs.awaitFinished(client, name);
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Error);
        assertThat(run.getStatus().reason).isEqualTo(TestSuiteRunReconciler.REASON_JOB_REJECTED);
        assertThat(run.getStatus().message).contains("the API server refused Job", apiServerSays);
        assertThat(Runs.condition(run, RunStatusAggregator.COMPLETE)).isEqualTo("True");
        Condition failed = run.getStatus().conditions.stream().filter(c -> RunStatusAggregator.FAILED.equals(c.getType()))
                .findFirst().orElseThrow();
        assertThat(failed.getStatus()).isEqualTo("True");
        assertThat(failed.getReason()).isEqualTo(TestSuiteRunReconciler.REASON_JOB_REJECTED);
        assertThat(failed.getMessage()).contains(apiServerSays);
        assertThat(run.getStatus().shards).allMatch(s -> s.done);
        System.out.println("\n| run | phase | reason | message |\n|---|---|---|---|\n| " + name + " | " + run.getStatus().phase
                + " | " + run.getStatus().reason + " | " + run.getStatus().message + " |\n");
        await("a Warning Event quoting the API server").atMost(REFUSAL_TIMEOUT).until(() -> events(client, name).stream()
                .anyMatch(e -> "Warning".equals(e.getType()) && "Error".equals(e.getReason()) && e.getMessage().contains(apiServerSays)));
        return run;
    }

    private static void awaitPolicyActive(KubernetesClient client, String message) {
        await("the admission policy to be loaded").atMost(REFUSAL_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                client.resource(yaml(client, """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: probe, labels: {proctor.dev/run: denied}}
                        spec:
                          template:
                            spec:
                              restartPolicy: Never
                              containers: [{name: c, image: probe}]
                        """)).dryRun().create();
                return false;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                return e.getMessage().contains(message);
            }
        });
    }

    /** A token of a ServiceAccount with the operator's RBAC from the Helm chart (docs/installing.md), less {@code create} on Jobs. */
    private String restrictedToken(KubernetesClient client, String namespace) {
        String name = "proctor-no-jobs-create-" + namespace;
        client.resource(yaml(client, "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: operator}\n")).create();
        clusterRole(client, name, """
                  - {apiGroups: [proctor.dev], resources: [testsuiteruns], verbs: [get, list, watch, create, patch, delete]}
                  - {apiGroups: [proctor.dev], resources: [testsuiteschedules], verbs: [get, list, watch, patch]}
                  - {apiGroups: [proctor.dev], resources: [testsuiteruns/status, slapolicies/status, alertroutes/status,
                      testsuiteschedules/status], verbs: [patch]}
                  - {apiGroups: [proctor.dev], resources: [testsuiteruns/finalizers, testsuiteschedules/finalizers], verbs: [update]}
                  - {apiGroups: [proctor.dev], resources: [slapolicies, alertroutes], verbs: [list, watch]}
                  - {apiGroups: [batch], resources: [jobs], verbs: [get, list, watch, delete]}
                  - {apiGroups: [""], resources: [pods], verbs: [list, watch]}
                  - {apiGroups: [""], resources: [configmaps], verbs: [get, create, update]}
                  - {apiGroups: [""], resources: [events], verbs: [create]}
                  - {apiGroups: [""], resources: [secrets], verbs: [get]}
                  - {apiGroups: [apiextensions.k8s.io], resources: [customresourcedefinitions], verbs: [get]}
                  - {apiGroups: [coordination.k8s.io], resources: [leases], verbs: [create, get, update, patch]}
                """, namespace);
        TokenRequest request = client.serviceAccounts().inNamespace(namespace).withName("operator")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build());
        return request.getStatus().getToken();
    }

    private void clusterRole(KubernetesClient client, String name, String rules, String namespace) {
        HasMetadata role = client.resource(yaml(client, "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                + "metadata: {name: " + name + "}\nrules:\n" + rules)).createOr(existing -> existing.update());
        HasMetadata binding = client.resource(yaml(client, """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: %1$s}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: %1$s}
                subjects: [{kind: ServiceAccount, name: operator, namespace: %2$s}]
                """.formatted(name, namespace))).createOr(existing -> existing.update());
        clusterScoped.add(role); // deleting the test's namespace does not remove these
        clusterScoped.add(binding);
    }

    private static Condition retrying(TestSuiteRun run) {
        if (run == null || run.getStatus() == null || run.getStatus().conditions == null) return null;
        return run.getStatus().conditions.stream().filter(c -> RunStatusAggregator.RETRYING.equals(c.getType())).findFirst().orElse(null);
    }

    private static List<Event> events(KubernetesClient client, String run) {
        return client.v1().events().withField("involvedObject.name", run).list().getItems();
    }

    private static HasMetadata yaml(KubernetesClient client, String text) {
        return client.getKubernetesSerialization().unmarshal(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A port nothing listens on (picked free, then left closed). */
    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
