package dev.proctor.testcluster;

import dev.proctor.testcluster.executor.LocalPodExecutor;
import dev.proctor.testcluster.executor.RunnerProgram;
import dev.proctor.testcluster.node.ProctorOnNode;
import dev.proctor.testcluster.node.RealNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The self-contained demo behind {@code hack/demo.sh}, <b>demo tooling only</b>: a real control plane, Proctor's
 * CRDs, the packaged operator, the TechShop demo app on 127.0.0.1, and the local pod executor running every shard
 * pod as the real runner with the TechShop suite in Debian's Chromium (laid out as the runner and suite images lay
 * it out). One example run is created with kubectl — its {@code spec.environment.baseUrl} pointed at the local
 * app — and followed until its verdict. Everything stops when the run is over or on Ctrl-C.
 * {@code PROCTOR_DEMO_RUNNER=fake} runs the fake runner instead (no browser, no app).
 *
 * <p>With {@code --real-node} the same run goes to a {@link RealNode} instead: Proctor's images built from its
 * Dockerfiles, the operator {@code helm install}ed as a pod, the shop as a Deployment and Service, and the run
 * created unchanged (its baseUrl resolves through cluster DNS) in namespace {@code default}, labelled to enforce
 * Pod Security "restricted".
 *
 * <p>Arguments: the repository root, the operator's {@code quarkus-run.jar}, the run manifest, optionally {@code --real-node}.
 */
public final class Demo {
    private static final String LABEL_RUN = "proctor.dev/run";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    /** The demo shop's account password, handed to the suite through the Secret the example references. */
    private static final String SHOP_PASSWORD = "demo-only-password";

    private Demo() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path operatorJar = Path.of(args[1]).toAbsolutePath();
        Path manifest = Path.of(args[2]).toAbsolutePath();
        boolean fake = "fake".equals(System.getenv("PROCTOR_DEMO_RUNNER"));
        System.setProperty("proctor.repo.root", root.toString());
        if (args.length > 3 && "--real-node".equals(args[3])) System.exit(onRealNode(root, manifest));
        int exit;
        say("starting etcd, kube-apiserver and kube-controller-manager (binaries: hack/control-plane/build.sh)");
        try (ControlPlane plane = ControlPlane.start()) {
            KubernetesClient client = plane.client();
            say("control plane up at " + plane.apiUrl() + "; kubeconfig " + plane.kubeconfig());
            Crds.installAll(client, root.resolve("crds"));
            SuiteLabelPolicy.install(client, root);
            say("CRDs installed and Established; the suite label policy in effect");
            client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("techshop-credentials").endMetadata()
                    .addToStringData("password", SHOP_PASSWORD).build()).createOr(s -> s.update());
            Path home = Files.createDirectories(plane.logDir().resolve("runner-home"));
            RunnerProgram runner = fake ? RunnerProgram.fake() : RunnerProgram.suiteImage(
                    root.resolve("runner-image/runner/target"), root.resolve("examples/techshop/suite/target"), home);
            try (Shop shop = fake ? null : startShop(root, plane.logDir());
                 LocalPodExecutor executor = LocalPodExecutor.start(plane.newClient(), LABEL_RUN, runner);
                 OperatorProcess operator = OperatorProcess.start(operatorJar, plane, Map.of())) {
                say("local pod executor registered node " + LocalPodExecutor.NODE + " running "
                        + (fake ? "the fake runner" : "the real runner + TechShop suite in Chromium") + "; operator running (log " + operator.log() + ")");
                Path toCreate = shop == null ? manifest : pointedAt(client, manifest, shop.url(), plane.logDir());
                ControlPlane.CommandResult created = plane.kubectl("create", "-f", toCreate.toString(), "-o", "name");
                if (created.exitCode() != 0) throw new IllegalStateException("kubectl create failed: " + created.stderr());
                String run = created.stdout().trim();
                say("kubectl create -f " + root.relativize(manifest) + (shop == null ? "" : " (baseUrl " + shop.url() + ")") + " -> " + run);
                exit = follow(plane, run);
            }
        }
        System.exit(exit);
    }

    /** The same demo on a real node: kubelet, containerd, the project's images, the operator installed with helm. */
    private static int onRealNode(Path root, Path manifest) {
        say("starting a real node: control plane, containerd, kubelet, kube-proxy, kube-scheduler, CoreDNS "
                + "(binaries: hack/node/build.sh; images: hack/images/build.sh)");
        try (RealNode node = RealNode.start()) {
            ControlPlane plane = node.controlPlane();
            say("node " + RealNode.NODE_NAME + " Ready at " + RealNode.NODE_IP + "; kubeconfig " + plane.kubeconfig());
            long installing = System.nanoTime();
            ProctorOnNode.install(node, root, SHOP_PASSWORD);
            say(String.format(java.util.Locale.ROOT, "helm install proctor: operator pod running in %s; TechShop serving %s (%.1f s)",
                    ProctorOnNode.OPERATOR_NAMESPACE, ProctorOnNode.shopUrl(), (System.nanoTime() - installing) / 1e9));
            KubernetesClient client = plane.client();
            client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("techshop-credentials")
                    .endMetadata().addToStringData("password", SHOP_PASSWORD).build()).create();
            plane.kubectl("label", "namespace", "default", "pod-security.kubernetes.io/enforce=restricted");
            ControlPlane.CommandResult created = plane.kubectl("create", "-f", manifest.toString(), "-o", "name");
            if (created.exitCode() != 0) throw new IllegalStateException("kubectl create failed: " + created.stderr());
            String run = created.stdout().trim();
            say("kubectl create -f " + root.relativize(manifest) + " -> " + run + " (namespace default, Pod Security restricted)");
            return follow(plane, run);
        }
    }

    /** The demo app as a child JVM, and where it serves. */
    private record Shop(ChildProcess process, String url) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    /** The TechShop app ({@code examples/techshop/app}) as a child JVM on a free 127.0.0.1 port. */
    private static Shop startShop(Path root, Path logDir) {
        Path jar;
        try (var jars = Files.list(root.resolve("examples/techshop/app/target"))) {
            jar = jars.filter(f -> f.getFileName().toString().matches("techshop-app-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("package the TechShop app first (./mvnw package)"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int port = FreePorts.next();
        String shopUrl = "http://127.0.0.1:" + port;
        ChildProcess shop = ChildProcess.start("techshop", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-cp", jar.toString(),
                        "dev.proctor.techshop.app.TechShopApp", "--port=" + port, "--slow-ms=300"),
                Map.of("TECHSHOP_PASSWORD", SHOP_PASSWORD), logDir, logDir.resolve("techshop.log"));
        Poll.until("the TechShop app on " + shopUrl, Duration.ofSeconds(30), shop::isAlive, () -> InsecureHttp.get(shopUrl + "/", null).ok());
        say("TechShop demo app serving " + shopUrl + " (log " + shop.log() + ")");
        return new Shop(shop, shopUrl);
    }

    /** A copy of the manifest whose {@code spec.environment.baseUrl} is the local app: nothing leaves this machine. */
    @SuppressWarnings("unchecked")
    private static Path pointedAt(KubernetesClient client, Path manifest, String baseUrl, Path dir) throws java.io.IOException {
        GenericKubernetesResource run = client.getKubernetesSerialization().unmarshal(Files.readString(manifest), GenericKubernetesResource.class);
        Map<String, Object> spec = (Map<String, Object>) run.getAdditionalProperties().get("spec");
        Map<String, Object> environment = (Map<String, Object>) spec.computeIfAbsent("environment", k -> new java.util.LinkedHashMap<>());
        environment.put("baseUrl", baseUrl);
        Path copy = dir.resolve(manifest.getFileName());
        Files.writeString(copy, client.getKubernetesSerialization().asYaml(run));
        return copy;
    }

    /** Prints {@code kubectl get} lines whenever the run's row changes, then the verdict; 0 only for Succeeded. */
    private static int follow(ControlPlane plane, String run) {
        String last = "";
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        System.out.println(plane.kubectl("get", run).stdout().lines().findFirst().orElse(""));
        while (System.nanoTime() < deadline) {
            String row = plane.kubectl("get", run, "--no-headers").stdout().trim();
            String withoutAge = row.replaceAll("\\s+\\S+$", ""); // AGE changes every second, like `kubectl get -w` we print changes only
            if (!withoutAge.equals(last)) {
                System.out.println(row);
                last = withoutAge;
            }
            String phase = plane.kubectl("get", run, "-o", "jsonpath={.status.phase}").stdout().trim();
            if (List.of("Succeeded", "Failed", "Error").contains(phase)) {
                String failed = plane.kubectl("get", run, "-o", "jsonpath={.status.failedTests}").stdout().trim();
                say("verdict: " + phase + " — " + plane.kubectl("get", run, "-o", "jsonpath={.status.message}").stdout().trim()
                        + (failed.isEmpty() ? "" : "; failed: " + failed));
                System.out.println(plane.kubectl("describe", run).stdout());
                return "Succeeded".equals(phase) ? 0 : 1;
            }
            pause();
        }
        say("the run did not finish within " + RUN_TIMEOUT.toMinutes() + " min");
        return 2;
    }

    private static void pause() {
        try {
            Thread.sleep(500); // a progress display polls kubectl, as `kubectl get -w` would watch
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void say(String message) {
        System.out.println("\033[1m== " + message + "\033[0m");
    }
}
