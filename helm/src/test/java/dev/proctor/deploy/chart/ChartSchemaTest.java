package dev.proctor.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * values.schema.json refuses what would install a broken or surprising operator, before anything reaches the
 * cluster; a few rules that need two values at once are the templates' own checks.
 */
class ChartSchemaTest {
    private static final String SCHEMA_ERROR = "values don't meet the specifications of the schema";

    /** values YAML, and the text helm's error must contain (the offending path and why). */
    static final List<Arguments> BAD_VALUES = List.of(
            Arguments.of("replicas: 2", "additional properties 'replicas' not allowed"),
            Arguments.of("replicaCount: two", "at '/replicaCount': got string, want integer"),
            Arguments.of("replicaCount: 0", "at '/replicaCount'"),
            Arguments.of("watchNamespaces: [Team_A]", "at '/watchNamespaces/0'"),
            Arguments.of("watchNamespaces: [team-a, team-a]", "at '/watchNamespaces'"),
            Arguments.of("watchNamespaces: team-a", "at '/watchNamespaces': got string, want array"),
            Arguments.of("image: {repository: ghcr.io/proctor-dev/operator, pullPolicy: Sometimes}", "at '/image/pullPolicy'"),
            Arguments.of("image: {repository: ghcr.io/proctor-dev/operator, digest: latest}", "at '/image/digest'"),
            Arguments.of("image: {repository: ghcr.io/proctor-dev/operator, registry: docker.io}", "additional properties 'registry' not allowed"),
            Arguments.of("rbac: {create: yes-please}", "at '/rbac/create'"),
            Arguments.of("rbac: {secretNamespaces: [kube_system]}", "at '/rbac/secretNamespaces/0'"),
            Arguments.of("operator: {stuckPodGrace: 5 minutes}", "at '/operator/stuckPodGrace'"),
            Arguments.of("operator: {logLevel: verbose}", "at '/operator/logLevel'"),
            Arguments.of("operator: {maxFailedTests: -1}", "at '/operator/maxFailedTests'"),
            Arguments.of("operator: {jobCreatesInFlight: 0}", "at '/operator/jobCreatesInFlight'"),
            Arguments.of("operator: {successEvents: \"yes\"}", "at '/operator/successEvents': got string, want boolean"),
            Arguments.of("admission: {suiteLabel: sometimes}", "at '/admission/suiteLabel'"),
            Arguments.of("admission: {suiteLabel: true}", "at '/admission/suiteLabel'"),
            Arguments.of("admission: {suiteLabels: auto}", "additional properties 'suiteLabels' not allowed"),
            Arguments.of("operator: {extraEnv: [{value: x}]}", "at '/operator/extraEnv/0'"),
            Arguments.of("resources: {requests: {cpu: lots}}", "at '/resources/requests/cpu'"),
            Arguments.of("resources: {requests: {gpu: 1}}", "additional properties 'gpu' not allowed"),
            Arguments.of("service: {port: 80800}", "at '/service/port'"),
            Arguments.of("metrics: {serviceMonitor: {enabled: \"true\"}}", "at '/metrics/serviceMonitor/enabled'"),
            Arguments.of("metrics: {serviceMonitor: {interval: 1 minute}}", "at '/metrics/serviceMonitor/interval'"),
            Arguments.of("metrics: {grafanaDashboard: {labels: {grafana_dashboard: 1}}}", "at '/metrics/grafanaDashboard/labels/grafana_dashboard'"),
            Arguments.of("metrics: {prometheusRules: {enabled: true}}", "additional properties 'prometheusRules' not allowed"),
            Arguments.of("runner: {serviceAccount: {name: Proctor_Runner}}", "at '/runner/serviceAccount/name'"),
            Arguments.of("runner: {resources: {requests: {ephemeral-storage: 1Gi}}}", "additional properties 'ephemeral-storage' not allowed"),
            Arguments.of("runner: {image: {repository: \"\"}}", "at '/runner/image/repository'"),
            Arguments.of("podLabels: {team: 7}", "at '/podLabels/team'"),
            Arguments.of("imagePullSecrets: [registry-credentials]", "at '/imagePullSecrets/0'"));

    @ParameterizedTest(name = "{0}")
    @FieldSource("BAD_VALUES")
    void theSchemaRefusesBadValues(String yaml, String why) {
        Helm.Result result = Helm.tryTemplate("proctor", "proctor-system", ValueCases.write("bad", yaml));
        assertThat(result.ok()).as("helm template accepted %s", yaml).isFalse();
        assertThat(result.stderr()).contains(SCHEMA_ERROR).contains(why);
    }

    @Test
    void secretNamespacesOutsideTheWatchedOnesAreRefused() {
        Helm.Result result = Helm.tryTemplate("proctor", "proctor-system", ValueCases.write("bad",
                "watchNamespaces: [team-a]\nrbac: {secretNamespaces: [team-b]}\n"));
        assertThat(result.ok()).isFalse();
        assertThat(result.stderr()).contains("rbac.secretNamespaces: \"team-b\" is not among watchNamespaces [team-a]");
    }

    @Test
    void anExistingServiceAccountMustBeNamed() {
        Helm.Result result = Helm.tryTemplate("proctor", "proctor-system", ValueCases.write("bad", "serviceAccount: {create: false}\n"));
        assertThat(result.ok()).isFalse();
        assertThat(result.stderr()).contains("serviceAccount.name is required when serviceAccount.create is false");
    }

    @Test
    void aRunnerRequestAboveTheDefaultLimitIsRefusedBeforeRunsCannotStart() {
        Helm.Result result = Helm.tryTemplate("proctor", "proctor-system", ValueCases.write("bad",
                "runner: {resources: {requests: {memory: 4Gi}}}\n"));
        assertThat(result.ok()).isFalse();
        assertThat(result.stderr()).contains("runner.resources: requests.memory 4Gi is above limits.memory 2Gi");
    }

    @Test
    void theValuesPeopleWriteAreAccepted() {
        Helm.Result result = Helm.tryTemplate("proctor", "proctor-system", ValueCases.write("good", """
                operator: {stuckPodGrace: 1h30m, defaultShardTimeout: 90s, artifactsSizeLimit: 500Mi}
                resources: {requests: {cpu: 0.25, memory: 300Mi}, limits: {cpu: "1", memory: 1G}}
                runner: {resources: {requests: {cpu: 2, memory: 4Gi}, limits: {memory: 6Gi}}}
                metrics: {serviceMonitor: {enabled: true, interval: 1m, scrapeTimeout: 500ms}}
                admission: {suiteLabel: disabled}
                """));
        assertThat(result.ok()).as("%s", result).isTrue();
        assertThat(Rendered.parse(result.stdout()).operatorEnv()).containsEntry("PROCTOR_STUCK_POD_GRACE", "1h30m")
                .containsEntry("PROCTOR_RUNNER_CPU_REQUEST", "2");
    }
}
