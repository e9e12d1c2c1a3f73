package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proctor.core.run.JobRequest;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.run.ShardJobs;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs on a real kube-apiserver: they install and become Established, every manifest under
 * {@code src/test/resources/invalid/} is refused with a message naming the field its {@code # expect:} line
 * gives, a valid run is accepted, and its spec cannot change afterwards. A run that uses every runner field the CRD
 * supports is accepted as written (nothing pruned), and the Job built from it passes the API server's own Job
 * validation: what the CRD accepts, Kubernetes accepts. Prints the refusals as a Markdown table.
 */
@WithControlPlane
class CrdValidationIT {
    private static final Path INVALID = Path.of("src/test/resources/invalid");
    private static final String EXPECT = "# expect:";
    private static final Map<String, String> REFUSALS = new ConcurrentSkipListMap<>();

    @BeforeAll
    static void installCrds(KubernetesClient client) {
        assertThat(ProctorCrds.install(client)).extracting(c -> c.getMetadata().getName()).contains(ProctorCrds.TEST_SUITE_RUNS);
    }

    static List<Path> invalidManifests() throws IOException {
        try (Stream<Path> files = Files.list(INVALID)) {
            List<Path> manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(manifests).as("invalid manifests in %s", INVALID).hasSizeGreaterThanOrEqualTo(100);
            return manifests;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidManifests")
    void refusesWithAMessageNamingTheField(Path manifest, KubernetesClient client) throws IOException {
        String yaml = Files.readString(manifest);
        String expected = yaml.lines().filter(l -> l.startsWith(EXPECT)).map(l -> l.substring(EXPECT.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError(manifest + " has no '" + EXPECT + "' line"));

        GenericKubernetesResource object = parse(client, yaml);
        assertThatThrownBy(() -> client.genericKubernetesResources(object.getApiVersion(), object.getKind()).resource(object).create())
                .as("%s must be refused", manifest.getFileName())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).as("HTTP status").isEqualTo(422);
                    String message = e.getStatus().getMessage();
                    REFUSALS.put(manifest.getFileName().toString(), message);
                    assertThat(message).as("server message for %s", manifest.getFileName()).contains(expected);
                });
    }

    @Test
    void acceptsAValidRunAndKeepsItsSpecImmutable(KubernetesClient client) {
        GenericKubernetesResource created = runs(client).resource(parse(client, validRun("valid-run"))).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.get("spec", "sharding", "strategy").toString()).as("schema default").isEqualTo("DurationBalanced");

        // a merge patch carries no resourceVersion (as `kubectl patch` does), so the operator writing the run's
        // status at the same moment cannot turn the refusal into a conflict
        assertThatThrownBy(() -> runs(client).withName("valid-run")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"sharding\":{\"shards\":5}}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            REFUSALS.put("(update of valid-run: shards 2 -> 5)", e.getStatus().getMessage());
            assertThat(e.getStatus().getMessage()).contains("spec is immutable");
        });
    }

    @Test
    void acceptsEveryRunnerFieldItSupportsAndTheJobBuiltFromThemIsValid(KubernetesClient client, TestNamespace ns) {
        GenericKubernetesResource submitted = parse(client, EVERY_RUNNER_FIELD);
        GenericKubernetesResource created = runs(client).resource(parse(client, EVERY_RUNNER_FIELD)).create();
        assertThat((Object) created.get("spec", "runner")).as("the runner as stored: nothing pruned")
                .isEqualTo(submitted.get("spec", "runner"));

        TestSuiteRun run = client.resources(TestSuiteRun.class).inNamespace(ns.name()).withName("every-runner-field").get();
        Job job = ShardJobs.build(run, new JobRequest(0, 0, List.of()), new ShardJobs.Defaults(Duration.ofMinutes(30), "1Gi"));
        Job dryRun = client.batch().v1().jobs().inNamespace(ns.name()).resource(job).dryRun().create();
        assertThat(dryRun.getSpec().getTemplate().getSpec().getVolumes()).hasSize(3 + 8);
    }

    /**
     * What the CRD cannot know: whether the API server allows privileged containers (--allow-privileged, off in
     * kube-apiserver and in this control plane, on in kubeadm, k3s, kind and managed clusters). The run is accepted;
     * its Job is refused, which the operator reports by ending the run in Error.
     */
    @Test
    void acceptsAPrivilegedRunnerWhichOnlyTheClusterPolicyDecides(KubernetesClient client, TestNamespace ns) {
        runs(client).resource(parse(client, validRun("privileged-runner").replace(
                "image: ghcr.io/proctor-dev/techshop-suite:0.1.0\n",
                "image: ghcr.io/proctor-dev/techshop-suite:0.1.0\n    securityContext: {privileged: true}\n"))).create();
        TestSuiteRun run = client.resources(TestSuiteRun.class).inNamespace(ns.name()).withName("privileged-runner").get();
        assertThat(run.getSpec().runner.securityContext.getPrivileged()).isTrue();

        Job job = ShardJobs.build(run, new JobRequest(0, 0, List.of()), new ShardJobs.Defaults(Duration.ofMinutes(30), "1Gi"));
        assertThatThrownBy(() -> client.batch().v1().jobs().inNamespace(ns.name()).resource(job).dryRun().create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    REFUSALS.put("(Job of privileged-runner, accepted by the CRD)", e.getStatus().getMessage());
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage())
                            .contains("spec.template.spec.containers[0].securityContext.privileged: Forbidden: disallowed by cluster policy");
                });
    }

    /** Every runner field the CRD supports, each volume type of the restricted profile, every env var source. */
    private static final String EVERY_RUNNER_FIELD = """
            apiVersion: proctor.dev/v1alpha1
            kind: TestSuiteRun
            metadata:
              name: every-runner-field
            spec:
              suite: techshop
              runner:
                image: registry.example.com:5000/proctor/techshop-suite:0.1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                imagePullPolicy: IfNotPresent
                imagePullSecrets: [{name: registry-credentials}]
                resources:
                  requests: {cpu: 500m, memory: 1Gi, ephemeral-storage: 2Gi}
                  limits: {cpu: 2, memory: 2Gi}
                env:
                  - {name: LOCALE, value: en}
                  - {name: PROCTOR_VAR_LOCALE, value: en}
                  - name: NODE
                    valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
                  - name: SUITE_LABEL
                    valueFrom: {fieldRef: {apiVersion: v1, fieldPath: "metadata.labels['proctor.dev/suite']"}}
                  - name: MEMORY_LIMIT_MI
                    valueFrom: {resourceFieldRef: {containerName: runner, resource: limits.memory, divisor: 1Mi}}
                  - name: CPU_REQUEST
                    valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}
                  - name: SHOP_USER
                    valueFrom: {configMapKeyRef: {name: shop-settings, key: user, optional: true}}
                  - name: API_TOKEN
                    valueFrom: {secretKeyRef: {name: api-credentials, key: token}}
                envFrom:
                  - {prefix: SHOP_, configMapRef: {name: shop-settings}}
                  - secretRef: {name: shop-credentials, optional: true}
                serviceAccountName: techshop-tests
                nodeSelector: {kubernetes.io/os: linux, disktype: ssd}
                tolerations:
                  - {key: dedicated, operator: Equal, value: tests, effect: NoSchedule}
                  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
                  - {operator: Exists}
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                        - matchExpressions:
                            - {key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}
                            - {key: example.com/cores, operator: Gt, values: ["3"]}
                        - matchFields:
                            - {key: metadata.name, operator: In, values: [node-1]}
                    preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 10
                        preference:
                          matchExpressions: [{key: disktype, operator: Exists}]
                  podAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 50
                        podAffinityTerm:
                          topologyKey: topology.kubernetes.io/zone
                          labelSelector: {matchLabels: {app: techshop}}
                          namespaces: [techshop-staging]
                  podAntiAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 100
                        podAffinityTerm:
                          topologyKey: kubernetes.io/hostname
                          labelSelector:
                            matchExpressions: [{key: proctor.dev/suite, operator: In, values: [techshop]}]
                          matchLabelKeys: [proctor.dev/run]
                          namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: techshop-staging}}
                    requiredDuringSchedulingIgnoredDuringExecution:
                      - topologyKey: kubernetes.io/hostname
                        labelSelector: {matchLabels: {proctor.dev/suite: other}}
                securityContext:
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  runAsNonRoot: true
                  runAsUser: 1000
                  runAsGroup: 1000
                  capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
                  seccompProfile: {type: Localhost, localhostProfile: profiles/runner.json}
                  appArmorProfile: {type: RuntimeDefault}
                  seLinuxOptions: {level: "s0:c123,c456"}
                  procMount: Default
                podSecurityContext:
                  runAsNonRoot: true
                  runAsUser: 1000
                  runAsGroup: 1000
                  fsGroup: 2000
                  fsGroupChangePolicy: OnRootMismatch
                  supplementalGroups: [3000]
                  supplementalGroupsPolicy: Merge
                  seLinuxChangePolicy: Recursive
                  seccompProfile: {type: RuntimeDefault}
                  appArmorProfile: {type: Localhost, localhostProfile: proctor-runner}
                  sysctls: [{name: net.ipv4.ip_local_port_range, value: "1024 65535"}]
                volumes:
                  - name: fixtures
                    configMap:
                      name: shop-fixtures
                      defaultMode: 292
                      items: [{key: products.json, path: data/products.json, mode: 256}]
                  - name: credentials
                    secret: {secretName: shop-credentials, optional: true}
                  - name: scratch
                    emptyDir: {medium: Memory, sizeLimit: 256Mi}
                  - name: reports
                    persistentVolumeClaim: {claimName: techshop-reports, readOnly: false}
                  - name: bundle
                    projected:
                      defaultMode: 420
                      sources:
                        - serviceAccountToken: {audience: techshop, expirationSeconds: 3600, path: token}
                        - configMap: {name: shop-settings, items: [{key: locale, path: settings/locale}]}
                        - secret: {name: shop-credentials, items: [{key: password, path: settings/password}]}
                        - downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}
                  - name: podinfo
                    downwardAPI:
                      items:
                        - {path: name, fieldRef: {fieldPath: metadata.name}}
                        - {path: suite, fieldRef: {fieldPath: "metadata.labels['proctor.dev/suite']"}}
                        - {path: cpu, resourceFieldRef: {containerName: runner, resource: limits.cpu, divisor: 1m}}
                  - name: vault
                    csi:
                      driver: secrets-store.csi.k8s.io
                      readOnly: true
                      volumeAttributes: {secretProviderClass: techshop}
                      nodePublishSecretRef: {name: vault-credentials}
                  - name: browser-cache
                    ephemeral:
                      volumeClaimTemplate:
                        spec:
                          accessModes: [ReadWriteOnce]
                          storageClassName: fast
                          volumeMode: Filesystem
                          resources: {requests: {storage: 5Gi}}
                volumeMounts:
                  - {name: fixtures, mountPath: /fixtures, readOnly: true, recursiveReadOnly: IfPossible}
                  - {name: credentials, mountPath: /etc/techshop/credentials, readOnly: true}
                  - {name: scratch, mountPath: /tmp/scratch}
                  - {name: reports, mountPath: /reports, subPath: techshop}
                  - {name: bundle, mountPath: /var/run/bundle, readOnly: true}
                  - {name: podinfo, mountPath: /etc/podinfo, readOnly: true}
                  - {name: vault, mountPath: /mnt/vault, readOnly: true, mountPropagation: HostToContainer}
                  - {name: browser-cache, mountPath: /home/runner/.cache}
              environment:
                name: staging
                variables: {locale: en}
                secrets:
                  - name: TECHSHOP_PASSWORD
                    secretKeyRef: {name: techshop-credentials, key: password}
              artifacts: {sizeLimit: 4Gi}
            """;

    static String validRun(String name) {
        return """
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteRun
                metadata:
                  name: %s
                spec:
                  suite: techshop
                  runner:
                    image: ghcr.io/proctor-dev/techshop-suite:0.1.0
                  sharding:
                    shards: 2
                """.formatted(name);
    }

    private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> runs(
            KubernetesClient client) {
        return client.genericKubernetesResources("proctor.dev/v1alpha1", "TestSuiteRun");
    }

    /** Kept generic: a typed TestSuiteRun could not even hold most of these mistakes. */
    private static GenericKubernetesResource parse(KubernetesClient client, String yaml) {
        return client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    }

    @AfterAll
    static void printTable(TestNamespace namespace) {
        StringBuilder table = new StringBuilder("\n### Invalid TestSuiteRun and TestSuiteSchedule manifests and the API server's answers (namespace ")
                .append(namespace).append(")\n\n| manifest | server message |\n|---|---|\n");
        REFUSALS.forEach((file, message) -> table.append("| `").append(file).append("` | ")
                .append(message.replace("|", "\\|").replace("\n", " ")).append(" |\n"));
        System.out.println(table);
    }
}
