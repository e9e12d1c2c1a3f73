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
import dev.proctor.testcluster.OperatorProcess;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.executor.LocalPodExecutor;
import dev.proctor.testcluster.executor.RunnerProgram;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TechShop example on Kubernetes: the real kube-apiserver, etcd and kube-controller-manager, Proctor's CRDs
 * and packaged operator, and the local pod executor running each shard pod as the real runner with the TechShop
 * suite in real Chromium (the two images' layout, from the build output) against the real app on 127.0.0.1.
 * The run is {@code examples/techshop/smoke-run.yaml} as a user applies it, with only its baseUrl pointed at the
 * local app.
 */
@WithControlPlane(namespacePer = WithControlPlane.Scope.METHOD)
class TechShopOnKubernetesIT {
    private static final String PASSWORD = "Tr0ub4dor-and-3";
    private static final String RUN_LABEL = "proctor.dev/run";
    private static final String WAIT_TIMEOUT = "--timeout=420s";
    private static final Path ROOT = Path.of(System.getProperty("proctor.repo.root", "../../..")).toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new YAMLMapper();

    private static TechShopApp app;
    private static LocalPodExecutor executor;
    private static OperatorProcess operator;

    @BeforeAll
    static void startStack(ControlPlane plane) throws Exception {
        Crds.installAll(plane.client(), ROOT.resolve("crds"));
        app = TechShopApp.start(AppOptions.defaults().withSlowPageMillis(300).withPassword(PASSWORD));
        Path home = Files.createTempDirectory("techshop-runner-home");
        RunnerProgram runner = RunnerProgram.suiteImage(ROOT.resolve("runner-image/runner/target"),
                ROOT.resolve("examples/techshop/suite/target"), home);
        executor = LocalPodExecutor.start(plane.newClient(), RUN_LABEL, runner);
        Path jar = Path.of(System.getProperty("proctor.operator.jar", ROOT + "/operator/target/quarkus-app/quarkus-run.jar"));
        operator = OperatorProcess.start(jar, plane, Map.of());
    }

    @AfterAll
    static void stopStack() {
        if (operator != null) operator.close();
        if (executor != null) executor.close();
        if (app != null) app.close();
    }

    @Test
    void theSmokeExampleRunsInChromiumOnThreeShardsAndSucceeds(ControlPlane plane, KubernetesClient client, TestNamespace ns)
            throws Exception {
        secret(client, PASSWORD);
        java.time.Instant created = java.time.Instant.now();
        String run = create(plane, ns);

        ControlPlane.CommandResult waited = plane.kubectl("wait", "-n", ns.name(), "--for=condition=Complete", WAIT_TIMEOUT, run);
        assertThat(waited.exitCode()).as(waited.stderr() + diagnostics(plane, ns, run)).isZero();
        assertThat(waited.stdout()).contains("condition met");
        System.out.printf("[figures] TechShop smoke run (3 shards) with the local pod executor: kubectl create -> Complete %.1f s%n",
                java.time.Duration.between(created, java.time.Instant.now()).toMillis() / 1000.0);

        JsonNode status = status(plane, ns, run);
        assertThat(status.path("phase").asText()).as(diagnostics(plane, ns, run)).isEqualTo("Succeeded");
        JsonNode totals = status.path("totals");
        assertThat(totals.path("failed").asInt()).isZero();
        // smoke & !slow: every smoke test of the suite ran, each in exactly one shard
        assertThat(totals.path("passed").asInt()).isEqualTo(totals.path("tests").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(status.path("shards")).hasSize(3);
        status.path("shards").forEach(shard -> assertThat(shard.path("phase").asText()).isEqualTo("Succeeded"));
        List<Job> jobs = client.batch().v1().jobs().withLabel(RUN_LABEL, name(run)).list().getItems();
        assertThat(jobs).extracting(job -> job.getMetadata().getName())
                .containsExactlyInAnyOrder(name(run) + "-shard-0", name(run) + "-shard-1", name(run) + "-shard-2");
        // each pod ran the real runner: its JUnit Platform events name the suite's tests
        assertThat(runnerLogs(ns)).hasSize(3).allSatisfy(log -> assertThat(log).contains("\"event\":\"test.finished\"")
                .contains("dev.proctor.techshop.suite."));
    }

    @Test
    void aWrongPasswordFailsTheSignInTestAndTheRunNamesIt(ControlPlane plane, KubernetesClient client, TestNamespace ns)
            throws Exception {
        secret(client, "not-the-password");
        String run = create(plane, ns);

        ControlPlane.CommandResult waited = plane.kubectl("wait", "-n", ns.name(), "--for=condition=Complete", WAIT_TIMEOUT, run);
        assertThat(waited.exitCode()).as(waited.stderr() + diagnostics(plane, ns, run)).isZero();

        JsonNode status = status(plane, ns, run);
        assertThat(status.path("phase").asText()).as(diagnostics(plane, ns, run)).isEqualTo("Failed");
        assertThat(condition(status, "Failed")).isEqualTo("True");
        assertThat(status.path("totals").path("failed").asInt()).isPositive();
        assertThat(status.path("failedTests").toString()).contains("AccountTest#shopperCanSignIn");
        // the secret's value never reaches the run's status
        assertThat(status.toString()).doesNotContain("not-the-password");

        // the Secret fixed, `proctor rerun --failed` makes a run of exactly the failed tests, and `proctor watch` follows
        // it to its verdict: it passes
        List<String> failed = new ArrayList<>();
        status.path("failedTests").forEach(t -> failed.add(t.asText()));
        client.secrets().withName("techshop-credentials").edit(s -> new SecretBuilder(s).withStringData(null)
                .withData(Map.of("password", Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)))).build());
        ControlPlane.CommandResult rerun = proctor(plane, "rerun", name(run), "--failed", "-n", ns.name());
        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        String again = "testsuiterun/" + rerun.stdout().strip();
        ControlPlane.CommandResult watched = proctor(plane, "watch", name(again), "-n", ns.name(), "--timeout", "7m");
        assertThat(watched.exitCode()).as(watched.stdout() + watched.stderr() + diagnostics(plane, ns, again)).isZero();
        int shards = Math.min(3, failed.size()); // no more shards than tests
        assertThat(watched.stdout()).contains("Succeeded [##############################]  " + shards + "/" + shards + " shards  "
                + failed.size() + " passed, 0 failed");

        JsonNode rerunStatus = status(plane, ns, again);
        assertThat(rerunStatus.path("phase").asText()).isEqualTo("Succeeded");
        assertThat(rerunStatus.path("totals").path("tests").asInt()).as("only the failed tests ran").isEqualTo(failed.size());
        assertThat(rerunStatus.path("totals").path("passed").asInt()).isEqualTo(failed.size());
        ControlPlane.CommandResult spec = plane.kubectl("get", "-n", ns.name(), again, "-o", "jsonpath={.spec.tests.only}");
        assertThat(new ObjectMapper().readTree(spec.stdout())).extracting(JsonNode::asText).containsExactlyElementsOf(failed);
    }

    /** {@code cli/bin/proctor} as a user runs it, on the control plane's kubeconfig. */
    private static ControlPlane.CommandResult proctor(ControlPlane plane, String... args) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("cli/bin/proctor").toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(plane.kubeconfigEnv());
        env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return plane.run(command, env);
    }

    private static void secret(KubernetesClient client, String password) {
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("techshop-credentials").endMetadata()
                .addToStringData("password", password).build()).create();
    }

    /** {@code kubectl create -f} of the example, its baseUrl pointed at the local app; returns {@code testsuiterun/<name>}. */
    private static String create(ControlPlane plane, TestNamespace ns) throws Exception {
        ObjectNode manifest = (ObjectNode) YAML.readTree(ROOT.resolve("examples/techshop/smoke-run.yaml").toFile());
        ((ObjectNode) manifest.path("spec").path("environment")).put("baseUrl", app.baseUrl());
        Path file = Files.createTempFile("techshop-smoke", ".yaml");
        YAML.writeValue(file.toFile(), manifest);
        ControlPlane.CommandResult created = plane.kubectl("create", "-n", ns.name(), "-f", file.toString(), "-o", "name");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        return created.stdout().trim();
    }

    private static String name(String kindSlashName) {
        return kindSlashName.substring(kindSlashName.indexOf('/') + 1);
    }

    private static JsonNode status(ControlPlane plane, TestNamespace ns, String run) throws Exception {
        ControlPlane.CommandResult got = plane.kubectl("get", "-n", ns.name(), run, "-o", "json");
        assertThat(got.exitCode()).as(got.stderr()).isZero();
        return new ObjectMapper().readTree(got.stdout()).path("status");
    }

    private static String condition(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (type.equals(condition.path("type").asText())) return condition.path("status").asText();
        }
        return null;
    }

    /** What explains a failure: the run, its Jobs and the last lines of each shard's runner output. */
    private static String diagnostics(ControlPlane plane, TestNamespace ns, String run) {
        String described = plane.kubectl("describe", "-n", ns.name(), run).stdout();
        String runners = podFolders(ns).stream()
                .map(dir -> dir.getFileName() + ":\n" + tail(dir.resolve("runner.log"), 25))
                .collect(Collectors.joining("\n"));
        return "\n" + described + "\n---- runner logs\n" + runners + "\n---- operator\n" + operator.logTail(40);
    }

    /** The executor's folder of each pod of the namespace ({@code <namespace>_<pod>}). */
    private static List<Path> podFolders(TestNamespace ns) {
        try (var dirs = Files.list(executor.workRoot())) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith(ns.name() + "_")).sorted().toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static List<String> runnerLogs(TestNamespace ns) throws Exception {
        List<String> logs = new java.util.ArrayList<>();
        for (Path dir : podFolders(ns)) logs.add(Files.readString(dir.resolve("runner.log")));
        return logs;
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (Exception e) {
            return "(no " + file + ")";
        }
    }
}
