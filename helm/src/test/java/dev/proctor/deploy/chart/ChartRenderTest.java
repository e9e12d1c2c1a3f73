package dev.proctor.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.testcluster.SuiteLabelPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;

/** {@code helm template} output, case by case: which objects, and the settings that matter in each. */
class ChartRenderTest {
    static final List<String> CASES = ValueCases.ALL;
    static final String POLICY_API = "admissionregistration.k8s.io/v1/MutatingAdmissionPolicy";
    static final String SUITE_LABEL_POLICY = "MutatingAdmissionPolicy//" + SuiteLabelPolicy.NAME;
    static final String SUITE_LABEL_BINDING = "MutatingAdmissionPolicyBinding//" + SuiteLabelPolicy.NAME;
    private static final String PROCTOR_CONFIG = "operator/src/main/java/dev/proctor/operator/config/ProctorConfig.java";

    @Test
    void theDefaultsRenderTheOperatorAndNothingOptional() {
        Rendered rendered = ValueCases.render("default");
        assertThat(rendered.ids()).containsExactlyInAnyOrder(
                "ServiceAccount/proctor-system/proctor",
                "ServiceAccount/proctor-system/proctor-runner",
                "ClusterRole//proctor-proctor-system",
                "ClusterRole//proctor-proctor-system-crds",
                "ClusterRole//proctor-proctor-system-view",
                "ClusterRole//proctor-proctor-system-edit",
                "ClusterRole//proctor-proctor-system-admin",
                "ClusterRoleBinding//proctor-proctor-system",
                "ClusterRoleBinding//proctor-proctor-system-crds",
                "Role/proctor-system/proctor-leader-election",
                "RoleBinding/proctor-system/proctor-leader-election",
                "Service/proctor-system/proctor",
                "Deployment/proctor-system/proctor");
        JsonNode deployment = rendered.deployment();
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(deployment.path("spec").path("template").path("spec").has("affinity")).isFalse();
        assertThat(rendered.operatorContainer().path("image").asText()).isEqualTo("ghcr.io/proctor-dev/operator:0.1.0");
        Map<String, String> env = rendered.operatorEnv();
        assertThat(env).doesNotContainKeys("QUARKUS_OPERATOR_SDK_NAMESPACES", "PROCTOR_RUNNER_SERVICE_ACCOUNT_NAME");
        assertThat(env).containsEntry("QUARKUS_HTTP_PORT", "8080").containsEntry("PROCTOR_STUCK_POD_GRACE", "5m")
                .containsEntry("PROCTOR_DEFAULT_SHARD_TIMEOUT", "1h").containsEntry("PROCTOR_ARTIFACTS_SIZE_LIMIT", "2Gi")
                .containsEntry("PROCTOR_MAX_FAILED_TESTS", "50").containsEntry("PROCTOR_JOB_CREATES_IN_FLIGHT", "30")
                .containsEntry("PROCTOR_SUCCESS_EVENTS", "false")
                .containsEntry("PROCTOR_RUNNER_CPU_REQUEST", "500m").containsEntry("PROCTOR_RUNNER_MEMORY_REQUEST", "1Gi")
                .containsEntry("PROCTOR_RUNNER_MEMORY_LIMIT", "2Gi").doesNotContainKey("PROCTOR_RUNNER_CPU_LIMIT");
        assertThat(env).containsKey("QUARKUS_KUBERNETES_CLIENT_NAMESPACE");
        JsonNode namespaceEnv = rendered.operatorContainer().path("env").get(0);
        assertThat(namespaceEnv.path("valueFrom").path("fieldRef").path("fieldPath").asText())
                .as("the Lease lives in the pod's own namespace").isEqualTo("metadata.namespace");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void theOperatorPodIsRestrictedReadOnlyAndProbedOnTheQuarkusPort(String valuesCase) {
        Rendered rendered = ValueCases.render(valuesCase);
        JsonNode pod = rendered.deployment().path("spec").path("template").path("spec");
        JsonNode container = rendered.operatorContainer();

        JsonNode podSc = pod.path("securityContext");
        assertThat(podSc.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(podSc.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        JsonNode sc = container.path("securityContext");
        assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean()).isTrue();
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(sc.path("capabilities").path("drop")).extracting(JsonNode::asText).containsExactly("ALL");
        assertThat(sc.path("capabilities").has("add")).isFalse();
        assertThat(sc.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(sc.has("privileged") && sc.path("privileged").asBoolean()).isFalse();
        assertThat(pod.has("hostNetwork") || pod.has("hostPID") || pod.has("hostIPC")).isFalse();

        assertThat(container.path("volumeMounts")).anySatisfy(m -> {
            assertThat(m.path("mountPath").asText()).isEqualTo("/tmp");
            assertThat(m.path("name").asText()).isEqualTo("tmp");
        });
        assertThat(pod.path("volumes")).anySatisfy(v -> {
            assertThat(v.path("name").asText()).isEqualTo("tmp");
            assertThat(v.has("emptyDir")).isTrue();
        });

        assertThat(container.path("ports")).singleElement().satisfies(p -> {
            assertThat(p.path("name").asText()).isEqualTo("http");
            assertThat(p.path("containerPort").asInt()).isEqualTo(8080);
        });
        assertThat(rendered.operatorEnv()).containsEntry("QUARKUS_HTTP_PORT", "8080");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("http");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");

        assertThat(container.path("resources").path("requests").path("cpu").asText()).isNotEmpty();
        assertThat(container.path("resources").path("requests").path("memory").asText()).isNotEmpty();
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        assertThat(pod.path("automountServiceAccountToken").asBoolean()).as("the operator needs its token").isTrue();

        JsonNode service = rendered.ofKind("Service").get(0);
        assertThat(service.path("spec").path("ports")).singleElement().satisfies(p -> {
            assertThat(p.path("name").asText()).isEqualTo("http");
            assertThat(p.path("targetPort").asText()).isEqualTo("http");
        });
        JsonNode podLabels = rendered.deployment().path("spec").path("template").path("metadata").path("labels");
        service.path("spec").path("selector").fields().forEachRemaining(e ->
                assertThat(podLabels.path(e.getKey()).asText()).as("pod label %s", e.getKey()).isEqualTo(e.getValue().asText()));
        rendered.deployment().path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e ->
                assertThat(podLabels.path(e.getKey()).asText()).as("pod label %s", e.getKey()).isEqualTo(e.getValue().asText()));
    }

    @Test
    void theImageRunsAsTheUserThePodSecurityContextNames() throws IOException {
        String dockerfile = Files.readString(Helm.repoRoot().resolve("operator/src/main/docker/Dockerfile.jvm"));
        Matcher user = Pattern.compile("(?m)^USER (\\d+)").matcher(dockerfile);
        assertThat(user.find()).as("a numeric USER in Dockerfile.jvm (runAsNonRoot can only verify a numeric uid)").isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
        JsonNode podSc = ValueCases.render("default").deployment().path("spec").path("template").path("spec").path("securityContext");
        assertThat(podSc.path("runAsUser").asText()).isEqualTo(user.group(1));
        assertThat(dockerfile).contains("EXPOSE 8080");
    }

    @Test
    void watchNamespacesConfigureTheOperatorAndGiveEachNamespaceATokenlessRunnerAccount() {
        Rendered rendered = ValueCases.render("watch-namespaces");
        assertThat(rendered.operatorEnv()).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b")
                .containsEntry("PROCTOR_RUNNER_SERVICE_ACCOUNT_NAME", "proctor-runner");
        assertThat(rendered.ofKind("ServiceAccount")).extracting(o -> Rendered.namespace(o) + "/" + Rendered.name(o))
                .containsExactlyInAnyOrder("proctor-system/proctor", "team-a/proctor-runner", "team-b/proctor-runner");
        for (JsonNode sa : rendered.ofKind("ServiceAccount")) {
            if (!"proctor-runner".equals(Rendered.name(sa))) continue;
            assertThat(sa.path("automountServiceAccountToken").isBoolean()).isTrue();
            assertThat(sa.path("automountServiceAccountToken").asBoolean()).as("runner account mounts no token").isFalse();
            assertThat(sa.path("metadata").path("labels").path("app.kubernetes.io/component").asText()).isEqualTo("runner");
        }
    }

    @Test
    void allNamespacesTheRunnerAccountExistsInTheReleaseNamespaceAndIsNotForcedOnRuns() {
        Rendered rendered = ValueCases.render("default");
        JsonNode runner = rendered.one("ServiceAccount", "proctor-system", "proctor-runner");
        assertThat(runner.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(rendered.operatorEnv()).doesNotContainKey("PROCTOR_RUNNER_SERVICE_ACCOUNT_NAME");
    }

    @Test
    void twoReplicasGetADisruptionBudgetAndSpreadOverNodes() {
        Rendered rendered = ValueCases.render("ha");
        assertThat(rendered.deployment().path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode pdb = rendered.one("PodDisruptionBudget", "proctor-system", "proctor");
        assertThat(pdb.path("spec").path("minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.path("spec").path("selector").path("matchLabels"))
                .isEqualTo(rendered.deployment().path("spec").path("selector").path("matchLabels"));
        JsonNode anti = rendered.deployment().path("spec").path("template").path("spec").path("affinity").path("podAntiAffinity")
                .path("preferredDuringSchedulingIgnoredDuringExecution").get(0).path("podAffinityTerm");
        assertThat(anti.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        assertThat(rendered.deployment().path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable").asInt()).isZero();
        assertThat(ValueCases.render("default").ofKind("PodDisruptionBudget")).isEmpty();
        assertThat(ValueCases.render("minimal").ofKind("PodDisruptionBudget")).isEmpty();
    }

    @Test
    void everySettingOfTheEverythingCaseArrives() {
        Rendered rendered = ValueCases.render("everything");
        JsonNode pod = rendered.deployment().path("spec").path("template").path("spec");
        assertThat(rendered.operatorContainer().path("image").asText()).isEqualTo(
                "registry.example.com/platform/proctor-operator@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(rendered.operatorContainer().path("imagePullPolicy").asText()).isEqualTo("Always");
        assertThat(pod.path("imagePullSecrets").get(0).path("name").asText()).isEqualTo("registry-credentials");
        assertThat(pod.path("priorityClassName").asText()).isEqualTo("system-cluster-critical");
        assertThat(pod.path("topologySpreadConstraints").get(0).path("topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(rendered.deployment().path("spec").path("template").path("metadata").path("annotations")
                .path("example.com/owner").asText()).isEqualTo("platform");
        assertThat(rendered.operatorEnv()).containsEntry("QUARKUS_LOG_LEVEL", "DEBUG").containsEntry("PROCTOR_STUCK_POD_GRACE", "2m30s")
                .containsEntry("PROCTOR_DEFAULT_SHARD_TIMEOUT", "45m").containsEntry("PROCTOR_MAX_FAILED_TESTS", "100")
                .containsEntry("PROCTOR_JOB_CREATES_IN_FLIGHT", "5").containsEntry("PROCTOR_SUCCESS_EVENTS", "true")
                .containsEntry("PROCTOR_DELIVERY_TIMEOUT", "5s")
                .containsEntry("PROCTOR_RUNNER_CPU_REQUEST", "1").containsEntry("PROCTOR_RUNNER_MEMORY_REQUEST", "1536Mi")
                .containsEntry("PROCTOR_RUNNER_CPU_LIMIT", "2").containsEntry("PROCTOR_RUNNER_MEMORY_LIMIT", "3Gi");
        for (String ns : List.of("team-a", "team-b")) {
            JsonNode runner = rendered.one("ServiceAccount", ns, "proctor-runner");
            assertThat(runner.path("imagePullSecrets").get(0).path("name").asText()).isEqualTo("suite-registry");
            assertThat(runner.path("metadata").path("annotations").path("example.com/purpose").asText()).isEqualTo("proctor-runner");
        }
        assertThat(rendered.ids()).as("admission.suiteLabel: enabled, whatever the cluster serves")
                .contains(SUITE_LABEL_POLICY, SUITE_LABEL_BINDING);
    }

    @Test
    void successEventsAreOffByDefaultAsInTheOperator() throws IOException {
        String source = Files.readString(Helm.repoRoot().resolve(PROCTOR_CONFIG));
        Matcher operatorDefault = Pattern.compile("@WithDefault\\(\"([^\"]*)\"\\)\\s+boolean successEvents\\(\\);").matcher(source);
        assertThat(operatorDefault.find()).as("@WithDefault of successEvents() in %s", PROCTOR_CONFIG).isTrue();
        JsonNode values = Rendered.YAML.readTree(Helm.chartDir().resolve("values.yaml").toFile());
        assertThat(values.path("operator").path("successEvents").asText()).isEqualTo(operatorDefault.group(1)).isEqualTo("false");
        assertThat(ValueCases.render("default").operatorEnv()).containsEntry("PROCTOR_SUCCESS_EVENTS", operatorDefault.group(1));
    }

    /** admission.suiteLabel, the cluster's API (--api-versions) or not, and whether the policy and its binding render. */
    static final List<Arguments> SUITE_LABEL_MODES = List.of(
            Arguments.of("auto", true, true),
            Arguments.of("auto", false, false),
            Arguments.of("enabled", true, true),
            Arguments.of("enabled", false, true),
            Arguments.of("disabled", true, false),
            Arguments.of("disabled", false, false));

    @ParameterizedTest(name = "{0}, API served: {1}")
    @FieldSource("SUITE_LABEL_MODES")
    void theSuiteLabelPolicyIsInstalledWhereTheApiServerServesItUnlessSetOtherwise(String mode, boolean served, boolean rendered) {
        Helm.Result result = Helm.tryTemplate("proctor", "proctor-system", ValueCases.write("suite-label",
                "admission: {suiteLabel: " + mode + "}\n"), served ? new String[] {"--api-versions", POLICY_API} : new String[0]);
        assertThat(result.ok()).as("%s", result).isTrue();
        Rendered objects = Rendered.parse(result.stdout());
        if (rendered) {
            assertThat(objects.ids()).contains(SUITE_LABEL_POLICY, SUITE_LABEL_BINDING);
        } else {
            assertThat(objects.ids()).noneMatch(id -> id.startsWith("MutatingAdmissionPolicy"));
        }
        assertThat(objects.deployment()).as("the operator either way: it labels runs the policy did not").isNotNull();
    }

    /**
     * `helm upgrade --reuse-values` of a release installed before these values existed renders with the old release's
     * values only: no admission key, no operator.successEvents (null removes a key from the chart's values, as there).
     */
    @Test
    void valuesOfAReleaseFromBeforeTheseKeysRenderTheirDefaults() {
        Helm.Result result = Helm.tryTemplate("proctor", "proctor-system", ValueCases.write("before-admission",
                "admission: null\noperator: {successEvents: null}\n"), "--api-versions", POLICY_API);
        assertThat(result.ok()).as("%s", result).isTrue();
        Rendered rendered = Rendered.parse(result.stdout());
        assertThat(rendered.ids()).as("admission.suiteLabel missing: auto").contains(SUITE_LABEL_POLICY, SUITE_LABEL_BINDING);
        assertThat(rendered.operatorEnv()).containsEntry("PROCTOR_SUCCESS_EVENTS", "false");
    }

    @Test
    void theDefaultIsAutoAndTheMinimalCaseLeavesThePolicyOutEvenWhereServed() {
        Helm.Result defaults = Helm.tryTemplate("proctor", "proctor-system", null, "--api-versions", POLICY_API);
        assertThat(Rendered.parse(defaults.stdout()).ids()).as("%s", defaults).contains(SUITE_LABEL_POLICY, SUITE_LABEL_BINDING);
        assertThat(ValueCases.render("default").ids()).as("helm template without --api-versions: not served")
                .noneMatch(id -> id.startsWith("MutatingAdmissionPolicy"));
        Helm.Result minimal = Helm.tryTemplate("proctor", "proctor-system", ValueCases.file("minimal"), "--api-versions", POLICY_API);
        assertThat(Rendered.parse(minimal.stdout()).ids()).as("%s", minimal).noneMatch(id -> id.startsWith("MutatingAdmissionPolicy"));
    }

    @Test
    void thePolicyObjectsAreTheFilesWithTheChartsLabelsAndKeepTheirNames() throws IOException {
        Helm.Result result = Helm.tryTemplate("ci", "testing", null, "--api-versions", POLICY_API);
        assertThat(result.ok()).as("%s", result).isTrue();
        Rendered rendered = Rendered.parse(result.stdout());
        List<JsonNode> file = Rendered.parse(Files.readString(Helm.chartDir().resolve("files/suite-label-policy.yaml"))).objects();
        assertThat(file).extracting(Rendered::kind).containsExactly("MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding");
        JsonNode operatorLabels = rendered.deployment().path("metadata").path("labels");
        for (JsonNode expected : file) {
            JsonNode object = rendered.one(Rendered.kind(expected), "", Rendered.name(expected));
            JsonNode labels = object.path("metadata").path("labels");
            for (String chartLabel : List.of("helm.sh/chart", "app.kubernetes.io/name", "app.kubernetes.io/instance",
                    "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "app.kubernetes.io/part-of")) {
                assertThat(labels.path(chartLabel).asText()).as("%s label %s", Rendered.kind(object), chartLabel)
                        .isNotEmpty().isEqualTo(operatorLabels.path(chartLabel).asText());
            }
            assertThat(labels.path("app.kubernetes.io/instance").asText()).isEqualTo("ci");
            assertThat(labels.path("app.kubernetes.io/component").asText()).isEqualTo("admission");
            ObjectNode withoutLabels = object.deepCopy();
            ((ObjectNode) withoutLabels.path("metadata")).remove("labels");
            assertThat(withoutLabels).as("%s is the file's, name and spec unchanged", Rendered.kind(object)).isEqualTo(expected);
        }
        assertThat(rendered.objects().stream().filter(o -> Rendered.kind(o).startsWith("MutatingAdmissionPolicy")))
                .hasSize(file.size());
    }

    @Test
    void theMinimalCaseCreatesNoAccountsAndSetsNoRunnerDefaults() {
        Rendered rendered = ValueCases.render("minimal");
        assertThat(rendered.ofKind("ServiceAccount")).isEmpty();
        assertThat(rendered.deployment().path("spec").path("template").path("spec").path("serviceAccountName").asText())
                .isEqualTo("platform-proctor");
        assertThat(rendered.operatorEnv().keySet()).noneMatch(k -> k.startsWith("PROCTOR_RUNNER_"));
    }

    @Test
    void monitoringObjectsScrapeTheServiceAndCarryTheRulesAndDashboardFromFiles() throws IOException {
        Rendered rendered = ValueCases.render("monitoring");
        JsonNode service = rendered.one("Service", "proctor-system", "proctor");
        JsonNode monitor = rendered.one("ServiceMonitor", "proctor-system", "proctor");
        assertThat(monitor.path("metadata").path("labels").path("release").asText()).isEqualTo("kube-prometheus-stack");
        monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e ->
                assertThat(service.path("metadata").path("labels").path(e.getKey()).asText()).as("Service label %s", e.getKey())
                        .isEqualTo(e.getValue().asText()));
        assertThat(monitor.path("spec").path("namespaceSelector").path("matchNames")).extracting(JsonNode::asText)
                .containsExactly("proctor-system");
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo(service.path("spec").path("ports").get(0).path("name").asText());
        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        assertThat(endpoint.path("interval").asText()).isEqualTo("15s");
        assertThat(endpoint.path("honorLabels").asBoolean()).as("keeps the SLA series' own namespace label").isTrue();
        assertThat(Rendered.name(service)).as("the Prometheus job name the rules and dashboard select").contains("proctor");

        JsonNode rule = rendered.one("PrometheusRule", "proctor-system", "proctor");
        assertThat(rule.path("metadata").path("labels").path("release").asText()).isEqualTo("kube-prometheus-stack");
        JsonNode groups = Rendered.YAML.readTree(Helm.chartDir().resolve("files/prometheus-rules.yaml").toFile()).path("groups");
        assertThat(groups.size()).isPositive();
        assertThat(rule.path("spec").path("groups")).as("spec.groups is files/prometheus-rules.yaml's groups, unchanged")
                .isEqualTo(groups);
        assertThat(rule.path("spec").fieldNames()).toIterable().containsExactly("groups");

        JsonNode dashboard = rendered.one("ConfigMap", "proctor-system", "proctor-dashboard");
        JsonNode labels = dashboard.path("metadata").path("labels");
        assertThat(labels.path("grafana_dashboard").asText()).as("the sidecar's label wins over values").isEqualTo("1");
        assertThat(labels.path("team").asText()).isEqualTo("platform");
        assertThat(dashboard.path("metadata").path("annotations").path("grafana_folder").asText()).isEqualTo("Proctor");
        JsonNode json = Rendered.JSON.readTree(dashboard.path("data").path("proctor.json").asText());
        assertThat(json).isEqualTo(Rendered.JSON.readTree(Helm.chartDir().resolve("files/grafana-dashboard.json").toFile()));
    }

    @Test
    void theDashboardCanLiveInGrafanasNamespace() {
        Helm.Result result = Helm.tryTemplate("proctor", "proctor-system", ValueCases.write("dashboard",
                "metrics: {grafanaDashboard: {enabled: true, namespace: monitoring}}\n"));
        assertThat(result.ok()).as("%s", result).isTrue();
        assertThat(Rendered.parse(result.stdout()).one("ConfigMap", "monitoring", "proctor-dashboard")).isNotNull();
    }

    @Test
    void objectNamesFollowTheReleaseName() {
        Helm.Result result = Helm.tryTemplate("ci", "testing", null);
        assertThat(result.ok()).as("%s", result).isTrue();
        Map<String, String> names = new TreeMap<>();
        Rendered.parse(result.stdout()).objects().forEach(o -> names.put(Rendered.kind(o) + "/" + Rendered.name(o), Rendered.namespace(o)));
        assertThat(names).containsEntry("Deployment/ci-proctor", "testing").containsEntry("Service/ci-proctor", "testing")
                .containsEntry("ClusterRole/ci-proctor-testing", "").containsEntry("ServiceAccount/proctor-runner", "testing");
    }
}
