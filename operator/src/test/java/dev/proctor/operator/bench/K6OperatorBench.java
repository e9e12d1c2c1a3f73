package dev.proctor.operator.bench;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.proctor.testcluster.ApiserverAudit;
import dev.proctor.testcluster.ApiserverAudit.Request;
import dev.proctor.testcluster.ChildProcess;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.Crds;
import dev.proctor.testcluster.InsecureHttp;
import dev.proctor.testcluster.executor.LocalPodExecutor;
import dev.proctor.testcluster.executor.PodScript;
import dev.proctor.testcluster.executor.RunnerProgram;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * grafana/k6-operator beside Proctor on the same kind of control plane (issue 15): {@code bench.runs} TestRuns of
 * parallelism {@code bench.shards} applied within {@code bench.window} seconds; apply → all runner Jobs seen, the
 * manager's writes per TestRun (audit log, its user agent), its RSS and Go heap. Run by {@code hack/k6-operator-bench.sh},
 * which builds the manager from its release tag; not a test.
 *
 * <p>Stand-ins, because there is no kubelet and no k6 here: the local pod executor plays kubelet for pods labelled
 * {@code k6_cr}; the initializer pod "exits 0" at once, and what it would have printed ({@code k6 inspect
 * --execution-requirements} JSON) is served by a kubelet log endpoint stand-in on 127.0.0.1:10250, which the API
 * server reaches for {@code pods/log} (the executor's Node is given only its InternalIP address for that); the
 * in-cluster config the manager reads those logs with is stood in for as {@link #inClusterStandIn} says. Runner pods
 * exit 0 at once too, so the operator's start call (HTTP to the runners' k6 REST API) has nobody to answer: the
 * figures stop at the runner Jobs and the writes the manager makes within {@code bench.k6-window} seconds.
 *
 * <p>Size: k6-operator makes a ClusterIP Service per runner, and the test control plane's service range is a /24
 * ({@link ControlPlane#SERVICE_RANGE}), so at most about 25 TestRuns of parallelism 10 fit (200 × 10 ran out of
 * service IPs, and a TestRun whose Service failed never recovers: its retry finds its own Job and stops).
 */
public final class K6OperatorBench {
    static final String INSPECT = "{\"totalDuration\":\"10s\",\"maxVUs\":10000,\"thresholds\":{}}";
    static final ResourceDefinitionContext TESTRUNS = new ResourceDefinitionContext.Builder().withGroup("k6.io").withVersion("v1alpha1")
            .withPlural("testruns").withKind("TestRun").withNamespaced(true).build();

    public static void main(String[] args) throws Exception {
        Path manager = Path.of(System.getProperty("k6.manager", "/tmp/k6op/manager"));
        Path crds = Path.of(System.getProperty("k6.crds", "/tmp/k6op/config/crd/bases"));
        int runs = Integer.getInteger("bench.runs", 200);
        int parallelism = Integer.getInteger("bench.shards", 10);
        int window = Integer.getInteger("bench.window", 10);
        int settle = Integer.getInteger("bench.k6-window", 60);
        System.out.printf(Locale.ROOT, "k6-operator %s: %d TestRuns × parallelism %d within %d s; load average %s%n", manager, runs,
                parallelism, window, ScaleBench.loadAverage());
        HttpsServer logs = kubeletLogs();
        try (ControlPlane plane = ControlPlane.start();
             KubernetesClient admin = plane.newClient();
             LocalPodExecutor executor = LocalPodExecutor.start(plane.newClient(), "k6_cr", RunnerProgram.fake())) {
            Crds.installAll(admin, crds);
            onlyInternalIp(admin);
            String ns = "k6-" + Long.toHexString(System.nanoTime() & 0xffffff);
            admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(ns)
                    .endMetadata().build()).create();
            admin.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("script").endMetadata()
                    .addToData("test.js", "export default function () {}\n").build()).create();
            executor.script(ns, pod -> PodScript.exited(0, "")); // no process per pod: 2,000 would not fit this machine
            int metricsPort = freePort();
            int healthPort = freePort();
            Path log = plane.logDir().resolve("k6-operator.log");
            try (ChildProcess k6 = ChildProcess.start("k6-operator", inClusterStandIn(plane, manager.toString(),
                    "--metrics-bind-address=127.0.0.1:" + metricsPort, "--health-probe-bind-address=127.0.0.1:" + healthPort),
                    inClusterEnv(plane), plane.logDir(), log)) {
                await("k6-operator ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> InsecureHttp.get("http://127.0.0.1:" + healthPort + "/readyz", null).ok());
                burst(plane, admin, ns, runs, parallelism, window, settle, k6, metricsPort);
            } finally {
                System.out.println("k6-operator log: " + log);
                plane.keepLogs();
            }
        } finally {
            logs.stop(0);
        }
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", ScaleBench.loadAverage());
        System.exit(0);
    }

    static void burst(ControlPlane plane, KubernetesClient client, String ns, int runs, int parallelism, int window, int settle,
                      ChildProcess k6, int metricsPort) {
        Map<String, Long> applied = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runnersSeen = new ConcurrentHashMap<>();
        Map<String, Long> allRunners = new ConcurrentHashMap<>();
        SharedIndexInformer<Job> jobs = client.batch().v1().jobs().inNamespace(ns).withLabel("runner", "true")
                .inform(ScaleBench.onAddOrUpdate((Job job) -> {
                    String run = job.getMetadata().getLabels().get("k6_cr");
                    if (runnersSeen.computeIfAbsent(run, r -> new AtomicInteger()).incrementAndGet() == parallelism) {
                        allRunners.put(run, System.nanoTime());
                    }
                }, true), 0);
        Instant from = Instant.now().minusSeconds(1);
        long cpuBefore = ScaleBench.cpuTicks(k6.pid());
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(4);
        long periodMicros = Math.max(1, window * 1_000_000L / runs);
        for (int i = 0; i < runs; i++) {
            String name = "run-%04d".formatted(i);
            pacer.schedule(() -> {
                applied.put(name, System.nanoTime());
                client.genericKubernetesResources(TESTRUNS).inNamespace(ns).resource(testRun(ns, name, parallelism)).create();
            }, i * periodMicros, TimeUnit.MICROSECONDS);
        }
        pacer.shutdown();
        await("every TestRun's runner Jobs").atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1))
                .until(() -> allRunners.size() == runs);
        ScaleBench.sleep(Duration.ofSeconds(settle));
        long cpuAfter = ScaleBench.cpuTicks(k6.pid());
        jobs.close();
        Predicate<Request> manager = r -> r.userAgent().startsWith("manager/") && ns.equals(r.namespace()) && !r.resource().equals("leases");
        List<Request> requests = ApiserverAudit.between(plane, from, Instant.now(), manager);
        List<Request> writes = requests.stream().filter(Request::isWrite).toList();
        double[] create = applied.entrySet().stream().filter(e -> allRunners.containsKey(e.getKey()))
                .mapToDouble(e -> (allRunners.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
        long heap = 0;
        for (String line : InsecureHttp.get("http://127.0.0.1:" + metricsPort + "/metrics", null).body().split("\n")) {
            if (line.startsWith("go_memstats_heap_inuse_bytes ")) heap = (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
        }
        System.out.printf(Locale.ROOT, "%n### k6-operator: %d TestRuns × parallelism %d applied within %d s (load average %s)%n%n", runs,
                parallelism, window, ScaleBench.loadAverage());
        System.out.println("| controller | apply → all runner Jobs p50 / p99 / max | writes per run (first %d s after the last runner Job) | reads per run | CPU per run | RSS | heap in use |"
                .formatted(settle));
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| k6-operator | %s | %.2f (parallelism + %.2f) | %.2f | %.0f ms | %s | %s (Go heap in use) |%n",
                ScaleBench.percentiles(create), writes.size() / (double) runs, writes.size() / (double) runs - parallelism,
                (requests.size() - writes.size()) / (double) runs, (cpuAfter - cpuBefore) * 1000.0 / ScaleBench.CLOCK_TICKS / runs,
                ScaleBench.mib(ScaleBench.rss(k6.pid())), ScaleBench.mib(heap));
        System.out.println("\nwrites by kind: " + ApiserverAudit.countByKind(writes));
        System.out.println("reads by kind: " + ApiserverAudit.countByKind(requests.stream().filter(r -> !r.isWrite()).toList()));
    }

    static GenericKubernetesResource testRun(String ns, String name, int parallelism) {
        return io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                apiVersion: k6.io/v1alpha1
                kind: TestRun
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  parallelism: %d
                  script:
                    configMap:
                      name: script
                      file: test.js
                """.formatted(name, ns, parallelism), GenericKubernetesResource.class);
    }

    /**
     * The manager reads the initializer's log with {@code rest.InClusterConfig()}, which wants a service account's
     * token and CA at /var/run/secrets/kubernetes.io/serviceaccount. It is started in a mount namespace of its own
     * ({@code unshare --mount}) with a tmpfs over /run holding the test control plane's token and CA there: nothing
     * on the machine changes.
     */
    static List<String> inClusterStandIn(ControlPlane plane, String... command) throws IOException {
        Path dir = Files.createTempDirectory("k6-serviceaccount");
        Files.writeString(dir.resolve("token"), plane.token());
        Files.copy(plane.apiserverCertificate(), dir.resolve("ca.crt"));
        Files.writeString(dir.resolve("namespace"), "default");
        String target = "/run/secrets/kubernetes.io/serviceaccount";
        String script = "mount -t tmpfs tmpfs /run && mkdir -p " + target + " && cp " + dir + "/* " + target + "/ && exec \"$@\"";
        List<String> all = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "k6-operator"));
        all.addAll(List.of(command));
        return all;
    }

    static Map<String, String> inClusterEnv(ControlPlane plane) {
        java.net.URI api = java.net.URI.create(plane.apiUrl());
        return Map.of("KUBECONFIG", plane.kubeconfig().toString(), "KUBERNETES_SERVICE_HOST", api.getHost(),
                "KUBERNETES_SERVICE_PORT", Integer.toString(api.getPort()));
    }

    /** The API server fetches pods/log from the node's kubelet; the executor's node gets only its InternalIP, 127.0.0.1. */
    static void onlyInternalIp(KubernetesClient client) {
        Node node = client.nodes().withName(LocalPodExecutor.NODE).get();
        node.getStatus().setAddresses(node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType())).toList());
        client.nodes().resource(node).updateStatus();
    }

    /** A kubelet's {@code /containerLogs/...} for every pod: what {@code k6 inspect --execution-requirements} prints. */
    static HttpsServer kubeletLogs() throws Exception {
        Path dir = Files.createTempDirectory("k6-kubelet");
        Path store = dir.resolve("kubelet.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "kubelet", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (keytool.waitFor() != 0) throw new IllegalStateException("keytool failed");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 10250), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        AtomicInteger served = new AtomicInteger();
        server.createContext("/containerLogs/", exchange -> {
            byte[] body = INSPECT.getBytes(StandardCharsets.UTF_8);
            served.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private K6OperatorBench() {}
}
