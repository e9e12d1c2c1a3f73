package dev.proctor.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.Crds;
import dev.proctor.testcluster.OperatorProcess;
import dev.proctor.testcluster.Poll;
import dev.proctor.testcluster.SuiteLabelPolicy;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.executor.LocalPodExecutor;
import dev.proctor.testcluster.executor.PodScript;
import dev.proctor.testcluster.executor.RunnerProgram;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The chart on a real kube-apiserver (1.36, RBAC on, default admission plugins): every value combination the
 * surefire tests render is accepted by a server-side dry run, with prometheus-operator's real CRDs installed; and
 * the chart installed with helm for real runs the packaged operator with nothing but its ServiceAccount's token
 * (TokenRequest) — runs finish, an AlertRoute reads its Secret, an SLAPolicy writes its state, and the audit log
 * shows no request of that account refused. The install also brings the suite label admission policy, which this
 * API server serves: runs are labelled as they are created, and the operator labels only a run the policy missed.
 */
@WithControlPlane
class ChartOnControlPlaneIT {
    static final List<String> CASES = ValueCases.ALL;
    private static final List<String> MONITORING_CRDS = List.of("monitoring.coreos.com_servicemonitors.yaml",
            "monitoring.coreos.com_prometheusrules.yaml");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLICY_IN_EFFECT_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> namespaces = new ArrayList<>();

    @BeforeAll
    static void installMonitoringCrds(ControlPlane plane) throws IOException {
        Path dir = Files.createTempDirectory("proctor-monitoring-crds");
        for (String file : MONITORING_CRDS) Files.copy(Helm.monitoringCrds().resolve(file), dir.resolve(file));
        Crds.installAll(plane.client(), dir);
    }

    @AfterAll
    static void deleteNamespaces(ControlPlane plane) {
        namespaces.forEach(ns -> plane.client().namespaces().withName(ns).delete());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void everyRenderedObjectIsAcceptedByTheApiServer(String valuesCase, ControlPlane plane) throws IOException {
        String release = namespace(plane, "rel");
        String a = namespace(plane, "a");
        String b = namespace(plane, "b");
        Rendered rendered = Helm.template("proctor", release, ValueCases.file(valuesCase, a, b));
        Path manifest = Files.createTempFile("proctor-" + valuesCase, ".yaml");
        Files.writeString(manifest, rendered.yaml());

        ControlPlane.CommandResult dryRun = plane.kubectl("apply", "--dry-run=server", "-f", manifest.toString());

        assertThat(dryRun.exitCode()).as("kubectl apply --dry-run=server of %s:\n%s\n%s", valuesCase, dryRun.stdout(), dryRun.stderr())
                .isZero();
        assertThat(dryRun.stdout().lines().filter(l -> l.endsWith("(server dry run)")).count())
                .as("one accepted object per rendered object: %s", dryRun.stdout()).isEqualTo(rendered.objects().size());
        Files.delete(manifest);
    }

    /**
     * One suite label policy serves every Proctor on a cluster: a second release with the default (auto) finds the
     * first one's and neither installs nor, on uninstall, removes it — where Helm would refuse to take over an object
     * another release owns.
     */
    private static void secondReleaseLeavesThePolicyToTheFirst(ControlPlane plane, KubernetesClient admin) {
        String release = namespace(plane, "second");
        String watched = namespace(plane, "d");
        Path values = ValueCases.write("second", "watchNamespaces: [%s]\n".formatted(watched));
        Helm.Result install = Helm.run(List.of("install", "proctor-second", Helm.chartDir().toString(), "--namespace", release,
                "--values", values.toString(), "--kubeconfig", plane.kubeconfig().toString()));
        assertThat(install.ok()).as("second helm install: %s", install).isTrue();
        Helm.Result manifest = Helm.run(List.of("get", "manifest", "proctor-second", "--namespace", release,
                "--kubeconfig", plane.kubeconfig().toString()));
        assertThat(Rendered.parse(manifest.stdout()).objects()).as("the second release's objects")
                .noneMatch(o -> o.path("metadata").path("name").asText().equals(SuiteLabelPolicy.NAME));
        Helm.Result uninstall = Helm.run(List.of("uninstall", "proctor-second", "--namespace", release,
                "--kubeconfig", plane.kubeconfig().toString()));
        assertThat(uninstall.ok()).as("second helm uninstall: %s", uninstall).isTrue();
        for (String kind : List.of("MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding")) {
            assertThat(suiteLabelPolicy(admin, kind)).as("%s kept for the first release", kind).isNotNull();
            assertThat(suiteLabelPolicy(admin, kind).getMetadata().getAnnotations())
                    .containsEntry("meta.helm.sh/release-name", "proctor");
        }
    }

    /** The stretch goal: the operator with exactly the chart's RBAC, namespaced, finishing real runs. */
    @Test
    void theChartsServiceAccountIsEnoughToRunTheOperatorInItsNamespaces(ControlPlane plane) throws Exception {
        String release = namespace(plane, "rel");
        String a = namespace(plane, "a");
        String b = namespace(plane, "b");
        String unwatched = namespace(plane, "c");
        Path values = ValueCases.write("installed", """
                watchNamespaces: [%s, %s]
                rbac:
                  secretNamespaces: [%s]
                metrics:
                  serviceMonitor: {enabled: true}
                  prometheusRule: {enabled: true}
                  grafanaDashboard: {enabled: true}
                operator:
                  successEvents: true
                """.formatted(a, b, a));

        Helm.Result install = Helm.run(List.of("install", "proctor", Helm.chartDir().toString(), "--namespace", release,
                "--values", values.toString(), "--kubeconfig", plane.kubeconfig().toString()));
        assertThat(install.ok()).as("helm install: %s", install).isTrue();
        assertThat(install.stdout()).contains("STATUS: deployed")
                .contains("kubectl -n " + a + " wait tsr/first-run --for=condition=Complete");
        KubernetesClient admin = plane.client();
        for (String crd : List.of("testsuiteruns.proctor.dev", "slapolicies.proctor.dev", "alertroutes.proctor.dev")) {
            assertThat(Crds.established(admin, crd)).as("CRD %s installed from the chart's crds/", crd).isTrue();
        }
        Helm.Result manifest = Helm.run(List.of("get", "manifest", "proctor", "--namespace", release,
                "--kubeconfig", plane.kubeconfig().toString()));
        Rendered installed = Rendered.parse(manifest.stdout());
        // admission.suiteLabel auto: helm install sees that this 1.36 API server serves MutatingAdmissionPolicy
        for (String kind : List.of("MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding")) {
            assertThat(installed.one(kind, "", SuiteLabelPolicy.NAME)).as("%s in the release's manifest", kind).isNotNull();
            GenericKubernetesResource object = suiteLabelPolicy(admin, kind);
            assertThat(object).as("%s %s installed", kind, SuiteLabelPolicy.NAME).isNotNull();
            assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "proctor")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm");
        }
        secondReleaseLeavesThePolicyToTheFirst(plane, admin);
        // the API server compiles a new policy in the background: runs created before it is in effect miss it
        Poll.until("the chart's suite label policy in effect", POLICY_IN_EFFECT_TIMEOUT, () -> true, () -> SuiteLabelPolicy.labels(admin));
        String account = installed.deployment().path("spec").path("template").path("spec").path("serviceAccountName").asText();

        TokenRequest token = admin.serviceAccounts().inNamespace(release).withName(account).tokenRequest(new TokenRequestBuilder()
                .withNewSpec().withExpirationSeconds(3600L).endSpec().build());
        Map<String, String> env = new HashMap<>();
        installed.operatorEnv().forEach((name, value) -> {
            // the test picks a free HTTP port; the JVM flags of the test's OperatorProcess stand
            if (value != null && !name.equals("QUARKUS_HTTP_PORT") && !name.equals("JAVA_TOOL_OPTIONS")) env.put(name, value);
        });
        assertThat(env).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", a + "," + b);
        env.put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", release); // the chart's fieldRef: the pod's namespace
        env.put("QUARKUS_KUBERNETES_CLIENT_TOKEN", token.getStatus().getToken());
        env.put("PROCTOR_DELIVERY_MAX_RETRIES", "0");
        env.put("PROCTOR_STUCK_POD_GRACE", "2s"); // the stuck run below gives up (and deletes its Job) at once
        assertThat(env).containsEntry("PROCTOR_SUCCESS_EVENTS", "true");
        String user = "system:serviceaccount:" + release + ":" + account;

        // a run the policy did not label (as on a cluster before 1.36): created before the operator starts, its label
        // taken off again, so that the operator must label it itself, with nothing but the chart's RBAC
        assertThat(suiteLabel(create(plane, b, run("first-run", 1)))).as("label set by admission").isEqualTo("fake");
        ControlPlane.CommandResult unlabel = plane.kubectl("-n", b, "label", "tsr/first-run", SuiteLabelPolicy.LABEL + "-");
        assertThat(unlabel.exitCode()).as("kubectl label: %s %s", unlabel.stdout(), unlabel.stderr()).isZero();

        Instant started = Instant.now();
        try (LocalPodExecutor executor = LocalPodExecutor.start(plane.newClient(), "proctor.dev/run", RunnerProgram.fake());
             OperatorProcess operator = OperatorProcess.start(operatorJar(), plane, env)) {
            apply(plane, a, """
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: bridge}
                    stringData: {url: "http://127.0.0.1:9/proctor"}
                    ---
                    apiVersion: proctor.dev/v1alpha1
                    kind: AlertRoute
                    metadata: {name: bridge}
                    spec:
                      receivers:
                        - name: bridge
                          webhook: {urlSecretKeyRef: {name: bridge, key: url}}
                        - name: events
                          event: {}
                      routes:
                        - receiver: bridge
                    ---
                    apiVersion: proctor.dev/v1alpha1
                    kind: SLAPolicy
                    metadata: {name: fake-pass-rate}
                    spec:
                      selector: {matchLabels: {proctor.dev/suite: fake}}
                      objectives:
                        - {name: pass-rate, passRate: 0.9, lastRuns: 10}
                    """);
            executor.script(b, pod -> "stuck".equals(pod.getMetadata().getLabels().get("proctor.dev/run"))
                    ? PodScript.imagePullBackOff() : PodScript.run());
            // the object the create returns carries the label: set by admission, not by the operator
            assertThat(suiteLabel(create(plane, a, run("first-run", 2)))).as("proctor.dev/suite of the created run").isEqualTo("fake");
            apply(plane, b, run("stuck", 1));
            apply(plane, unwatched, run("first-run", 1));

            for (String ns : List.of(a, b)) {
                ControlPlane.CommandResult wait = plane.kubectl("-n", ns, "wait", "tsr/first-run", "--for=condition=Complete",
                        "--timeout=" + RUN_TIMEOUT.toSeconds() + "s");
                assertThat(wait.exitCode()).as("kubectl wait in %s: %s %s\n%s", ns, wait.stdout(), wait.stderr(), operator.logTail(40))
                        .isZero();
                assertThat(status(admin, ns, "TestSuiteRun", "first-run").path("phase").asText()).isEqualTo("Succeeded");
                assertThat(admin.genericKubernetesResources("proctor.dev/v1alpha1", "TestSuiteRun").inNamespace(ns).withName("first-run")
                        .get().getMetadata().getLabels()).containsEntry(SuiteLabelPolicy.LABEL, "fake");
            }
            // a second run of the suite updates its history ConfigMap and wakes the policy again; gone after its TTL
            apply(plane, a, run("second-run", 1) + "  ttlSecondsAfterFinished: 1\n");
            awaitTrue("second-run finished and deleted after its TTL", () ->
                    admin.genericKubernetesResources("proctor.dev/v1alpha1", "TestSuiteRun").inNamespace(a).withName("second-run").get() == null);
            // a schedule asked to run now: the operator creates its run, removes the annotation (get + patch of the
            // schedule) and writes the schedule's status
            apply(plane, a, """
                    apiVersion: proctor.dev/v1alpha1
                    kind: TestSuiteSchedule
                    metadata:
                      name: nightly
                      annotations: {proctor.dev/run-now: "true"}
                    spec:
                      schedule: "0 3 * * *"
                      runTemplate:
                        spec:
                          suite: fake
                          runner: {image: ghcr.io/proctor-dev/fake-suite:0.1.0}
                    """);
            awaitTrue("the schedule's run made, its run-now annotation removed and its status written", () -> {
                GenericKubernetesResource schedule = admin.genericKubernetesResources("proctor.dev/v1alpha1", "TestSuiteSchedule")
                        .inNamespace(a).withName("nightly").get();
                boolean cleared = schedule.getMetadata().getAnnotations() == null
                        || !schedule.getMetadata().getAnnotations().containsKey("proctor.dev/run-now");
                return cleared && !status(admin, a, "TestSuiteSchedule", "nightly").path("nextScheduleTime").asText().isEmpty()
                        && admin.genericKubernetesResources("proctor.dev/v1alpha1", "TestSuiteRun").inNamespace(a)
                        .withLabel("proctor.dev/schedule", "nightly").list().getItems().size() == 1;
            });
            // a pod that never gets its image: the attempt fails after the grace period and its Job is deleted
            awaitTrue("stuck run ended in Error", () -> status(admin, b, "TestSuiteRun", "stuck").path("phase").asText().equals("Error"));
            awaitTrue("the stuck shard's Job deleted", () ->
                    admin.batch().v1().jobs().inNamespace(b).withLabel("proctor.dev/run", "stuck").list().getItems().isEmpty());

            awaitTrue("AlertRoute bridge Ready (its Secret read)", () ->
                    condition(status(admin, a, "AlertRoute", "bridge"), "Ready").equals("True"));
            awaitTrue("SLAPolicy status and its state ConfigMap", () -> status(admin, a, "SLAPolicy", "fake-pass-rate").toString()
                    .contains("pass-rate") && admin.configMaps().inNamespace(a).withName("proctor-sla-fake-pass-rate").get() != null);
            // operator.successEvents: true reached the operator (off by default, a succeeded run has no Event)
            assertThat(admin.v1().events().inNamespace(a).list().getItems())
                    .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Succeeded"));
            assertThat(status(admin, unwatched, "TestSuiteRun", "first-run").isMissingNode())
                    .as("a run outside watchNamespaces is never touched").isTrue();
            assertThat(admin.batch().v1().jobs().inNamespace(unwatched).list().getItems()).isEmpty();
        }

        Helm.Result uninstall = Helm.run(List.of("uninstall", "proctor", "--namespace", release, "--kubeconfig", plane.kubeconfig().toString()));
        assertThat(uninstall.ok()).as("helm uninstall: %s", uninstall).isTrue();
        assertThat(admin.rbac().clusterRoles().withLabel("app.kubernetes.io/instance", "proctor").list().getItems())
                .extracting(r -> r.getMetadata().getName()).noneMatch(n -> n.contains(release));
        assertThat(admin.serviceAccounts().inNamespace(a).withName("proctor-runner").get()).isNull();
        for (String kind : List.of("MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding")) {
            assertThat(suiteLabelPolicy(admin, kind)).as("%s removed by helm uninstall", kind).isNull();
        }
        assertThat(Crds.established(admin, "testsuiteruns.proctor.dev")).as("helm keeps the CRDs (and the runs) on uninstall").isTrue();

        List<AuditEntry> requests = audit(plane, user, started);
        assertThat(requests).as("requests by %s", user).isNotEmpty();
        assertThat(requests.stream().filter(r -> r.code() == 403).map(AuditEntry::toString).toList())
                .as("requests of the chart's ServiceAccount refused by RBAC").isEmpty();
        Map<String, Set<String>> used = new TreeMap<>();
        for (AuditEntry r : requests) {
            if (r.resource().isEmpty()) continue; // discovery and /version
            String scope = r.namespace().isEmpty() ? "cluster" : r.namespace().equals(release) ? "release"
                    : r.namespace().equals(a) || r.namespace().equals(b) ? "watched" : "elsewhere:" + r.namespace();
            used.computeIfAbsent(scope + " " + r.ruleKey(), k -> new TreeSet<>()).add(r.verb());
        }
        // the policy labelled every run but the one whose label the test took off: that one is the operator's only patch
        assertThat(requests.stream().filter(r -> r.ruleKey().equals("proctor.dev testsuiteruns") && r.verb().equals("patch"))
                .map(r -> r.namespace() + "/" + r.name()).distinct().toList()).as("runs the operator labelled itself")
                .containsExactly(b + "/first-run");
        System.out.println("[ChartOnControlPlaneIT] requests of " + user + " by scope, resource and verb:");
        used.forEach((k, verbs) -> System.out.println("  " + k + ": " + verbs));

        // every request falls under a rule of its scope (SelfSubjectRulesReview: every user may create one)
        Map<String, Set<String>> granted = new TreeMap<>();
        addLines(granted, "watched", RbacGrants.union(RbacGrants.WATCHED, RbacGrants.SECRETS));
        addLines(granted, "release", RbacGrants.LEASE);
        addLines(granted, "cluster", RbacGrants.CRDS);
        granted.put("cluster authorization.k8s.io selfsubjectrulesreviews", Set.of("create"));
        used.forEach((key, verbs) -> assertThat(granted.getOrDefault(key, Set.of())).as("granted verbs of %s", key).containsAll(verbs));
        // and every granted verb was used, but for a Job read that only happens when the cache lags (a race) and the
        // finalizers updates, which the API server checks on create (blockOwnerDeletion) and are never requests of their own
        Set<String> unused = new TreeSet<>();
        granted.forEach((key, verbs) -> verbs.forEach(v -> {
            if (!used.getOrDefault(key, Set.of()).contains(v)) unused.add(key + " " + v);
        }));
        assertThat(unused).as("granted but never used").isSubsetOf("watched batch jobs get", "watched proctor.dev testsuiteruns/finalizers update",
                "watched proctor.dev testsuiteschedules/finalizers update");
    }

    /** {@code "core configmaps: create,get,update"} as {@code "<scope> core configmaps" -> verbs} (resource names dropped). */
    private static void addLines(Map<String, Set<String>> into, String scope, Set<String> lines) {
        for (String line : lines) {
            String key = line.substring(0, line.indexOf(':')).replaceAll("\\[.*]", "").strip();
            into.computeIfAbsent(scope + " " + key, k -> new TreeSet<>()).addAll(List.of(line.substring(line.indexOf(':') + 1).strip().split(",")));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static String namespace(ControlPlane plane, String suffix) {
        String name = "chart-" + UUID.randomUUID().toString().substring(0, 8) + "-" + suffix;
        plane.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("proctor.dev/test-class", "ChartOnControlPlaneIT").endMetadata().build()).create();
        namespaces.add(name);
        return name;
    }

    private static String run(String name, int shards) {
        return """
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteRun
                metadata: {name: %s}
                spec:
                  suite: fake
                  runner: {image: ghcr.io/proctor-dev/fake-suite:0.1.0}
                  sharding: {shards: %d, strategy: RoundRobin}
                """.formatted(name, shards);
    }

    /** {@code kubectl create} of one object: the object as the API server returned it, after admission. */
    private static JsonNode create(ControlPlane plane, String namespace, String yaml) throws IOException {
        Path file = Files.createTempFile("proctor-it", ".yaml");
        Files.writeString(file, yaml);
        ControlPlane.CommandResult result = plane.kubectl("-n", namespace, "create", "-f", file.toString(), "-o", "json");
        Files.delete(file);
        assertThat(result.exitCode()).as("kubectl create: %s %s", result.stdout(), result.stderr()).isZero();
        return Rendered.JSON.readTree(result.stdout());
    }

    private static String suiteLabel(JsonNode object) {
        return object.path("metadata").path("labels").path(SuiteLabelPolicy.LABEL).asText();
    }

    private static GenericKubernetesResource suiteLabelPolicy(KubernetesClient client, String kind) {
        return client.genericKubernetesResources("admissionregistration.k8s.io/v1", kind).withName(SuiteLabelPolicy.NAME).get();
    }

    private static void apply(ControlPlane plane, String namespace, String yaml) throws IOException {
        Path file = Files.createTempFile("proctor-it", ".yaml");
        Files.writeString(file, yaml);
        ControlPlane.CommandResult result = plane.kubectl("-n", namespace, "create", "-f", file.toString());
        Files.delete(file);
        assertThat(result.exitCode()).as("kubectl create: %s %s", result.stdout(), result.stderr()).isZero();
    }

    /** The status of a Proctor object as JSON (a missing node when it has none). */
    private static JsonNode status(KubernetesClient client, String namespace, String kind, String name) {
        GenericKubernetesResource object = client.genericKubernetesResources("proctor.dev/v1alpha1", kind)
                .inNamespace(namespace).withName(name).get();
        if (object == null || object.getAdditionalProperties().get("status") == null) return Rendered.JSON.missingNode();
        return Rendered.JSON.valueToTree(object.getAdditionalProperties().get("status"));
    }

    private static String condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (type.equals(c.path("type").asText())) return c.path("status").asText();
        }
        return "";
    }

    private static void awaitTrue(String what, BooleanSupplier check) {
        Poll.until(what, RUN_TIMEOUT, () -> true, check);
    }

    private static Path operatorJar() {
        return Path.of(System.getProperty("proctor.operator.jar",
                Helm.repoRoot().resolve("operator/target/quarkus-app/quarkus-run.jar").toString())).toAbsolutePath();
    }

    /** One audited request of a user. */
    record AuditEntry(String verb, String group, String resource, String subresource, String namespace, String name, int code) {
        String scope() {
            return namespace.isEmpty() ? "cluster" : "ns:" + namespace;
        }

        String resourceKey() {
            return (group.isEmpty() ? "" : group + "/") + resource + (subresource.isEmpty() ? "" : "/" + subresource);
        }

        /** As in {@link Rendered#ruleLines}: "core configmaps", "proctor.dev testsuiteruns/status". */
        String ruleKey() {
            return (group.isEmpty() ? "core" : group) + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource);
        }

        @Override
        public String toString() {
            return code + " " + verb + " " + scope() + " " + resourceKey() + (name.isEmpty() ? "" : " " + name);
        }
    }

    /** The audit log's completed requests of {@code user} since {@code from} (the policy logs Metadata for all). */
    private static List<AuditEntry> audit(ControlPlane plane, String user, Instant from) throws IOException {
        List<AuditEntry> entries = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(plane.auditLog(), StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode event;
                try {
                    event = Rendered.JSON.readTree(line);
                } catch (IOException partial) {
                    continue;
                }
                if (!user.equals(event.path("user").path("username").asText())) continue;
                if (Instant.parse(event.path("stageTimestamp").asText()).isBefore(from)) continue;
                JsonNode ref = event.path("objectRef");
                entries.add(new AuditEntry(event.path("verb").asText(), ref.path("apiGroup").asText(""), ref.path("resource").asText(""),
                        ref.path("subresource").asText(""), ref.path("namespace").asText(""), ref.path("name").asText(""),
                        event.path("responseStatus").path("code").asInt()));
            }
        }
        return entries;
    }
}
