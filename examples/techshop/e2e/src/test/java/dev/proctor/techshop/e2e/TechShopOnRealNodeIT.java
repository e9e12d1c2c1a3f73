package dev.proctor.techshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.node.Images;
import dev.proctor.testcluster.node.ProctorOnNode;
import dev.proctor.testcluster.node.RealNode;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proctor on a real node: kubelet, containerd and runc run the project's own images, built with buildah from its
 * Dockerfiles; the operator is {@code helm install}ed and runs as a pod with in-cluster credentials; the TechShop
 * app runs as a Deployment behind a Service; {@code examples/techshop/smoke-run.yaml} runs unchanged (its baseUrl
 * resolves through cluster DNS) in namespaces that enforce Pod Security "restricted". Each test has its own such
 * namespace. Figures are printed with a {@code [figures]} prefix.
 */
@WithControlPlane(realNode = true, namespacePer = WithControlPlane.Scope.METHOD)
class TechShopOnRealNodeIT {
    private static final String PASSWORD = "Tr0ub4dor-and-3";
    private static final String RUN_LABEL = "proctor.dev/run";
    private static final String WAIT_TIMEOUT = "--timeout=600s";
    private static final Path ROOT = Path.of(System.getProperty("proctor.repo.root", "../../..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private static ProctorOnNode proctor;

    @BeforeAll
    static void install(RealNode node) {
        proctor = ProctorOnNode.install(node, ROOT, PASSWORD);
    }

    @BeforeEach
    void restricted(ControlPlane plane, TestNamespace ns) {
        assertOk(plane.kubectl("label", "namespace", ns.name(), "pod-security.kubernetes.io/enforce=restricted"));
    }

    @Test
    void theSmokeRunSucceedsInRealContainersUnderRestrictedPodSecurity(ControlPlane plane, KubernetesClient client,
                                                                       TestNamespace ns) throws Exception {
        secret(client, PASSWORD);
        // the namespace enforces "restricted": what the operator's shard pods pass, a pod without a security context does not
        ControlPlane.CommandResult plain = plane.kubectl("run", "plain", "-n", ns.name(), "--image=" + Images.RUNNER,
                "--image-pull-policy=Never", "--restart=Never", "--command", "--", "true");
        assertThat(plain.exitCode()).isNotZero();
        assertThat(plain.stderr()).contains("violates PodSecurity \"restricted:latest\"");

        Instant created = Instant.now();
        String run = create(plane, ns, spec -> { });
        awaitComplete(plane, ns, run);
        Duration wall = Duration.between(created, Instant.now());

        JsonNode status = status(plane, ns, run);
        assertThat(status.path("phase").asText()).as(diagnostics(plane, ns, run)).isEqualTo("Succeeded");
        JsonNode totals = status.path("totals");
        assertThat(totals.path("failed").asInt()).isZero();
        assertThat(totals.path("passed").asInt()).isEqualTo(totals.path("tests").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(status.path("shards")).hasSize(3);
        status.path("shards").forEach(shard -> assertThat(shard.path("node").asText()).isEqualTo(RealNode.NODE_NAME));

        List<Pod> pods = runnerPods(client, run);
        assertThat(pods).hasSize(3).allSatisfy(pod -> {
            var container = pod.getSpec().getContainers().get(0);
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
            ContainerStatus runner = pod.getStatus().getContainerStatuses().get(0);
            assertThat(runner.getContainerID()).startsWith("containerd://");
            // the verdict came through the kubelet: the runner's summary in the termination message, exit code 0
            ContainerStateTerminated terminated = runner.getState().getTerminated();
            assertThat(terminated.getExitCode()).isZero();
            assertThat(JSON.readTree(terminated.getMessage()).path("verdict").asText()).isEqualTo("passed");
        });
        // each runner ran its tests in Chromium inside its container
        for (Pod pod : pods) {
            String log = plane.kubectl("logs", "-n", ns.name(), pod.getMetadata().getName()).stdout();
            assertThat(log).contains("\"event\":\"test.finished\"").contains("dev.proctor.techshop.suite.");
        }
        printStartFigures(plane, ns, pods);
        System.out.printf("[figures] TechShop smoke run (3 shards) on the real node: kubectl create -> Complete %.1f s, status duration %s%n",
                wall.toMillis() / 1000.0, status.path("duration").asText());
    }

    @Test
    void theHelmInstalledOperatorRunsAsAPodWithItsServiceAccountLeaseAndMetrics(ControlPlane plane, KubernetesClient client) {
        Pod operator = operatorPod(client);
        assertThat(operator.getSpec().getServiceAccountName()).isEqualTo(ProctorOnNode.RELEASE);
        assertThat(operator.getSpec().getContainers().get(0).getImage()).isEqualTo(Images.OPERATOR);
        assertThat(operator.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        // in-cluster config: it leads through its Lease, written with its ServiceAccount's token from inside the pod
        var lease = client.leases().inNamespace(ProctorOnNode.OPERATOR_NAMESPACE).withName("proctor-operator").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(operator.getMetadata().getName());
        // the metrics Service, through the apiserver's service proxy (apiserver -> Service endpoint on the pod network)
        var metrics = plane.getRaw("/api/v1/namespaces/" + ProctorOnNode.OPERATOR_NAMESPACE + "/services/"
                + ProctorOnNode.RELEASE + ":http/proxy/q/metrics");
        assertThat(metrics.ok()).as(metrics.body()).isTrue();
        assertThat(metrics.body()).contains("proctor_reconcile_errors_total");
    }

    @Test
    void aWrongPasswordFailsNamingTheTestAndItsScreenshotAndTraceAreFetchedAfterThePodEnded(
            ControlPlane plane, KubernetesClient client, TestNamespace ns, RealNode node) throws Exception {
        secret(client, "not-the-password");
        String claim = artifactsClaim(plane, ns, node);
        String run = create(plane, ns, spec -> ((ObjectNode) spec).putObject("artifacts").put("claimName", claim));
        awaitComplete(plane, ns, run);

        JsonNode status = status(plane, ns, run);
        assertThat(status.path("phase").asText()).as(diagnostics(plane, ns, run)).isEqualTo("Failed");
        assertThat(condition(status, "Failed")).isEqualTo("True");
        assertThat(status.path("failedTests").toString()).contains("AccountTest#shopperCanSignIn");
        assertThat(status.toString()).doesNotContain("not-the-password");
        // the shard that ran AccountTest said so in its termination message, and exited 1
        Pod failing = runnerPods(client, run).stream()
                .filter(pod -> terminated(pod).getMessage().contains("AccountTest#shopperCanSignIn")).findFirst().orElseThrow();
        assertThat(terminated(failing).getExitCode()).isEqualTo(1);
        assertThat(JSON.readTree(terminated(failing).getMessage()).path("verdict").asText()).isEqualTo("failed");

        // the shard's pod has ended; its artifacts stay on the claim: a pod that mounts it, then kubectl cp
        String jobName = failing.getMetadata().getLabels().get("job-name");
        Path fetched = fetchArtifacts(plane, ns, claim, jobName);
        try (Stream<Path> files = Files.list(fetched)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.contains("shopperCanSignIn") && n.endsWith("screenshot.png"))
                    .anyMatch(n -> n.contains("shopperCanSignIn") && n.endsWith("trace.zip"));
        }
        try (Stream<Path> files = Files.list(fetched)) {
            Path png = files.filter(f -> f.getFileName().toString().endsWith("screenshot.png")).findFirst().orElseThrow();
            byte[] magic = Arrays.copyOf(Files.readAllBytes(png), 4);
            assertThat(magic).containsExactly((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
    }

    @Test
    void aShardOverItsMemoryLimitIsOomKilledByTheKernelAndRetriedAsInfrastructure(ControlPlane plane, KubernetesClient client,
                                                                                 TestNamespace ns) throws Exception {
        secret(client, PASSWORD);
        String run = create(plane, ns, spec -> {
            ObjectNode o = (ObjectNode) spec;
            ((ObjectNode) o.path("sharding")).put("shards", 1).put("parallelism", 1);
            ((ObjectNode) o.path("runner").path("resources")).putObject("limits").put("memory", "160Mi");
            ((ObjectNode) o.path("runner").path("resources")).putObject("requests").put("memory", "160Mi").put("cpu", "500m");
            ((ObjectNode) o.path("retries")).put("limit", 1).putArray("when").add("Infrastructure");
        });
        awaitComplete(plane, ns, run);

        JsonNode status = status(plane, ns, run);
        assertThat(status.path("phase").asText()).as(diagnostics(plane, ns, run)).isEqualTo("Error");
        JsonNode shard = status.path("shards").get(0);
        assertThat(shard.path("attempt").asInt()).as("retried once").isEqualTo(1);
        assertThat(shard.path("reason").asText()).isEqualTo("OOMKilled");
        List<Pod> pods = runnerPods(client, run);
        // the kernel's OOM killer ends a process of the container (the JVM: 137; a Chromium child: the runner then
        // exits on its own); containerd reports the cgroup's OOM event either way
        assertThat(pods).hasSize(2).allSatisfy(pod -> assertThat(terminated(pod).getReason()).isEqualTo("OOMKilled"));
        System.out.println("[real-node] OOMKilled attempts exited with " + pods.stream().map(p -> terminated(p).getExitCode()).toList());
    }

    @Test
    void anImageThatIsNotThereEndsTheRunInErrorWithThatReason(ControlPlane plane, KubernetesClient client, TestNamespace ns)
            throws Exception {
        secret(client, PASSWORD);
        String run = create(plane, ns, spec -> {
            ObjectNode o = (ObjectNode) spec;
            ((ObjectNode) o.path("runner")).put("image", "ghcr.io/proctor-dev/not-built-here:0.1.0").put("imagePullPolicy", "Never");
            ((ObjectNode) o.path("sharding")).put("shards", 1).put("parallelism", 1);
            ((ObjectNode) o.path("retries")).put("limit", 0);
        });
        awaitComplete(plane, ns, run);

        JsonNode status = status(plane, ns, run);
        assertThat(status.path("phase").asText()).as(diagnostics(plane, ns, run)).isEqualTo("Error");
        JsonNode shard = status.path("shards").get(0);
        // a pull that may never happen fails at once, without waiting out the stuck-pod grace
        assertThat(shard.path("reason").asText()).isEqualTo("ErrImageNeverPull");
        assertThat(status.path("reason").asText()).isEqualTo("ErrImageNeverPull");
        assertThat(shard.path("message").asText()).contains("not-built-here");
    }

    @Test
    void aPodDeletedMidRunIsRetried(ControlPlane plane, KubernetesClient client, TestNamespace ns) throws Exception {
        secret(client, PASSWORD);
        String run = create(plane, ns, spec -> {
            ObjectNode o = (ObjectNode) spec;
            ((ObjectNode) o.path("sharding")).put("shards", 1).put("parallelism", 1);
            ((ObjectNode) o.path("retries")).put("limit", 1).putArray("when").add("Infrastructure");
        });
        Pod first = client.pods().withLabel(RUN_LABEL, name(run))
                .waitUntilCondition(pod -> pod != null && "Running".equals(pod.getStatus().getPhase()), 5, TimeUnit.MINUTES);
        client.pods().resource(first).delete();
        awaitComplete(plane, ns, run);

        JsonNode status = status(plane, ns, run);
        assertThat(status.path("phase").asText()).as(diagnostics(plane, ns, run)).isEqualTo("Succeeded");
        assertThat(status.path("shards").get(0).path("attempt").asInt()).as("the deleted attempt was retried").isEqualTo(1);
        // the first attempt's Job is stopped by the operator once superseded, if the Job controller has not failed it first
        assertThat(jobNames(client, run)).contains(name(run) + "-shard-0-a1")
                .isSubsetOf(name(run) + "-shard-0", name(run) + "-shard-0-a1");
        List<Pod> pods = runnerPods(client, run);
        assertThat(pods).extracting(pod -> pod.getMetadata().getName()).doesNotContain(first.getMetadata().getName());
        printStartFigures(plane, ns, pods); // one shard alone on the node
    }

    @Test
    void theOperatorPodDeletedMidRunTheRunFinishesAndNoShardRunsTwice(ControlPlane plane, KubernetesClient client,
                                                                      TestNamespace ns) throws Exception {
        secret(client, PASSWORD);
        String run = create(plane, ns, spec -> { });
        client.pods().withLabel(RUN_LABEL, name(run))
                .waitUntilCondition(pod -> pod != null && "Running".equals(pod.getStatus().getPhase()), 5, TimeUnit.MINUTES);
        Pod operator = operatorPod(client);
        client.pods().inNamespace(ProctorOnNode.OPERATOR_NAMESPACE).resource(operator).delete();
        awaitComplete(plane, ns, run);

        JsonNode status = status(plane, ns, run);
        assertThat(status.path("phase").asText()).as(diagnostics(plane, ns, run)).isEqualTo("Succeeded");
        assertThat(jobNames(client, run)).containsExactlyInAnyOrder(name(run) + "-shard-0", name(run) + "-shard-1", name(run) + "-shard-2");
        assertThat(runnerPods(client, run)).hasSize(3);
        List<Pod> now = client.pods().inNamespace(ProctorOnNode.OPERATOR_NAMESPACE)
                .withLabel("app.kubernetes.io/component", "operator").list().getItems();
        assertThat(now).extracting(pod -> pod.getMetadata().getName()).doesNotContain(operator.getMetadata().getName());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static void secret(KubernetesClient client, String password) {
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("techshop-credentials").endMetadata()
                .addToStringData("password", password).build()).create();
    }

    /** {@code kubectl create -f examples/techshop/smoke-run.yaml}, changed only by {@code edit}; returns {@code testsuiterun/<name>}. */
    private static String create(ControlPlane plane, TestNamespace ns, Consumer<JsonNode> edit) throws Exception {
        ObjectNode manifest = (ObjectNode) YAML.readTree(ROOT.resolve("examples/techshop/smoke-run.yaml").toFile());
        assertThat(manifest.path("spec").path("environment").path("baseUrl").asText()).isEqualTo(ProctorOnNode.shopUrl());
        edit.accept(manifest.path("spec"));
        Path file = Files.createTempFile("techshop-smoke", ".yaml");
        YAML.writeValue(file.toFile(), manifest);
        ControlPlane.CommandResult created = plane.kubectl("create", "-n", ns.name(), "-f", file.toString(), "-o", "name");
        assertOk(created);
        return created.stdout().trim();
    }

    private static void awaitComplete(ControlPlane plane, TestNamespace ns, String run) {
        ControlPlane.CommandResult waited = plane.kubectl("wait", "-n", ns.name(), "--for=condition=Complete", WAIT_TIMEOUT, run);
        assertThat(waited.exitCode()).as(waited.stderr() + diagnostics(plane, ns, run)).isZero();
        assertThat(waited.stdout()).contains("condition met");
    }

    /** A claim on a hostPath volume of the node that every shard can write (a user's cluster has its own storage class). */
    private static String artifactsClaim(ControlPlane plane, TestNamespace ns, RealNode node) throws Exception {
        Path dir = Files.createDirectories(node.logDir().resolve("artifacts-" + ns.name()));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = Files.createTempFile("artifacts", ".yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: %1$s}
                spec:
                  capacity: {storage: 1Gi}
                  accessModes: [ReadWriteMany]
                  persistentVolumeReclaimPolicy: Retain
                  storageClassName: manual
                  hostPath: {path: "%2$s", type: Directory}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: artifacts, namespace: %1$s}
                spec:
                  accessModes: [ReadWriteMany]
                  storageClassName: manual
                  volumeName: %1$s
                  resources: {requests: {storage: 1Gi}}
                """.formatted(ns.name(), dir));
        assertOk(plane.kubectl("apply", "-f", file.toString()));
        assertOk(plane.kubectl("wait", "-n", ns.name(), "--for=jsonpath={.status.phase}=Bound", "pvc/artifacts", "--timeout=120s"));
        return "artifacts";
    }

    /** What a user does: a pod that mounts the claim, {@code kubectl cp} of the shard's folder, the pod deleted. */
    private static Path fetchArtifacts(ControlPlane plane, TestNamespace ns, String claim, String jobName) throws Exception {
        Path file = Files.createTempFile("fetch", ".yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Pod
                metadata: {name: fetch-artifacts}
                spec:
                  securityContext: {runAsNonRoot: true, runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}
                  containers:
                  - name: shell
                    image: ghcr.io/proctor-dev/runner:0.1.0
                    imagePullPolicy: Never
                    command: [sleep, "600"]
                    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
                    volumeMounts: [{name: artifacts, mountPath: /artifacts, readOnly: true}]
                  volumes: [{name: artifacts, persistentVolumeClaim: {claimName: %s}}]
                """.formatted(claim));
        assertOk(plane.kubectl("apply", "-n", ns.name(), "-f", file.toString()));
        assertOk(plane.kubectl("wait", "-n", ns.name(), "--for=condition=Ready", "pod/fetch-artifacts", "--timeout=120s"));
        Path target = Files.createTempDirectory("artifacts");
        assertOk(plane.kubectl("cp", ns.name() + "/fetch-artifacts:/artifacts/" + jobName, target.toString()));
        assertOk(plane.kubectl("delete", "-n", ns.name(), "pod/fetch-artifacts", "--grace-period=0", "--force"));
        return target;
    }

    /** Container start -> first test finished, per shard (from the container's status and the kubelet's log timestamps). */
    private static void printStartFigures(ControlPlane plane, TestNamespace ns, List<Pod> pods) {
        for (Pod pod : pods) {
            String log = plane.kubectl("logs", "-n", ns.name(), "--timestamps", pod.getMetadata().getName()).stdout();
            List<String> lines = log.lines().toList();
            Instant firstLine = Instant.parse(lines.get(0).substring(0, lines.get(0).indexOf(' ')));
            Instant firstTest = lines.stream().filter(l -> l.contains("\"event\":\"test.finished\"")).findFirst()
                    .map(l -> Instant.parse(l.substring(0, l.indexOf(' ')))).orElseThrow();
            Instant started = Instant.parse(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getStartedAt());
            System.out.printf("[figures] %s: container started -> first test finished %.2f s (status, 1 s resolution); "
                            + "first log line -> first test finished %.2f s%n", pod.getMetadata().getName(),
                    Duration.between(started, firstTest).toMillis() / 1000.0, Duration.between(firstLine, firstTest).toMillis() / 1000.0);
        }
    }

    private static Pod operatorPod(KubernetesClient client) {
        List<Pod> operators = client.pods().inNamespace(ProctorOnNode.OPERATOR_NAMESPACE)
                .withLabel("app.kubernetes.io/component", "operator").list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
        assertThat(operators).hasSize(1);
        return operators.get(0);
    }

    private static ContainerStateTerminated terminated(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
    }

    private static List<Pod> runnerPods(KubernetesClient client, String run) {
        return client.pods().withLabel(RUN_LABEL, name(run)).list().getItems();
    }

    private static List<String> jobNames(KubernetesClient client, String run) {
        return client.batch().v1().jobs().withLabel(RUN_LABEL, name(run)).list().getItems().stream()
                .map(Job::getMetadata).map(m -> m.getName()).toList();
    }

    private static String name(String kindSlashName) {
        return kindSlashName.substring(kindSlashName.indexOf('/') + 1);
    }

    private static JsonNode status(ControlPlane plane, TestNamespace ns, String run) throws Exception {
        ControlPlane.CommandResult got = plane.kubectl("get", "-n", ns.name(), run, "-o", "json");
        assertOk(got);
        return JSON.readTree(got.stdout()).path("status");
    }

    private static String condition(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (type.equals(condition.path("type").asText())) return condition.path("status").asText();
        }
        return null;
    }

    private static void assertOk(ControlPlane.CommandResult result) {
        assertThat(result.exitCode()).as(result.stderr() + result.stdout()).isZero();
    }

    /** What explains a failure: the run, the operator's last log lines. */
    private static String diagnostics(ControlPlane plane, TestNamespace ns, String run) {
        return "\n" + plane.kubectl("describe", "-n", ns.name(), run).stdout()
                + "\n---- operator\n" + plane.kubectl("logs", "-n", ProctorOnNode.OPERATOR_NAMESPACE,
                "-l", "app.kubernetes.io/component=operator", "--tail=40").stdout();
    }
}
