package dev.proctor.operator.bench;

import dev.proctor.core.mask.Masker;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.delivery.DeliveryException;
import dev.proctor.operator.delivery.HttpPoster;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.Crds;
import dev.proctor.testcluster.KubeBinaries;
import dev.proctor.testcluster.OperatorProcess;
import dev.proctor.testcluster.executor.LocalPodExecutor;
import dev.proctor.testcluster.executor.PodScript;
import dev.proctor.testcluster.executor.RunnerProgram;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The must-show latency: <b>SLA breach → receiver got it</b>, end to end on the real control plane. Not a test;
 * run it with {@code ./mvnw -B -q -pl operator -am -Pbench package -DskipTests}.
 *
 * <p>What runs: etcd, kube-apiserver and kube-controller-manager (test-cluster), the packaged operator as a child
 * JVM with its production settings, and the local pod executor as kubelet. Each run is a real TestSuiteRun: the
 * operator plans it, creates its Job, the Job controller its Pod, the executor binds the Pod and ends its container
 * with exit code 1 and a runner summary naming one failed test (the fake runner's contract, without starting a
 * process, so that hundreds of runs fit in minutes); the operator reads the Pod, writes the run's final status
 * (Failed), and the SLAPolicy selecting it breaches its pass-rate objective and raises RunFailed, routed with
 * {@code groupWait: 0s} to a generic webhook receiver on 127.0.0.1 ({@link LatencyReceiver}).
 *
 * <p>Measured per run: from the moment the bench's watch sees the run's final status (the operator's informer
 * gets the same watch event) to the moment the receiver's handler gets the request. Every run has a suite of its
 * own, so every RunFailed alert starts its own group and is due at once; policies select batches of
 * {@value #RUNS_PER_POLICY} runs to stay under the dispatcher's group cap. {@code bench.inflight} runs are in
 * flight at a time. Side by side, for every alert received, the bench POSTs the same body to the same receiver
 * with the operator's own HTTP client ({@link HttpPoster}): the baseline, so the ratio is the operator's overhead.
 *
 * <p>Settings (system properties): {@code bench.alerts} (200), {@code bench.warmup} (20, not counted),
 * {@code bench.inflight} (4).
 */
public final class AlertLatencyBench {
    static final int RUNS_PER_POLICY = 40;
    static final String BATCH_LABEL = "bench.proctor.dev/batch";
    static final Duration ALERT_TIMEOUT = Duration.ofSeconds(120);
    static final String FAILED_TEST = "dev.proctor.bench.CheckoutTest#paysWithCard";

    private final KubernetesClient client;
    private final String ns;
    private final LatencyReceiver receiver;
    private final Map<String, Long> finalStatusSeen = new ConcurrentHashMap<>();
    private final Map<String, Long> created = new ConcurrentHashMap<>();

    AlertLatencyBench(KubernetesClient client, String ns, LatencyReceiver receiver) {
        this.client = client;
        this.ns = ns;
        this.receiver = receiver;
    }

    record Sample(String run, long createdNanos, long finalNanos, long receivedNanos) {
        double latencyMillis() {
            return (receivedNanos - finalNanos) / 1e6;
        }

        double runMillis() {
            return (finalNanos - createdNanos) / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        int alerts = Integer.getInteger("bench.alerts", 200);
        int warmup = Integer.getInteger("bench.warmup", 20);
        int inflight = Integer.getInteger("bench.inflight", 4);
        Path jar = Path.of(System.getProperty("proctor.operator.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        int code;
        long start = System.nanoTime();
        System.out.println("starting the control plane, the local pod executor and the operator…");
        try (ControlPlane plane = ControlPlane.start();
             KubernetesClient admin = plane.newClient();
             LocalPodExecutor executor = LocalPodExecutor.start(plane.newClient(), ProctorNames.LABEL_RUN, RunnerProgram.fake());
             LatencyReceiver receiver = new LatencyReceiver()) {
            Crds.installAll(admin, KubeBinaries.repoRoot().resolve("crds"));
            String ns = "bench-" + Long.toHexString(System.nanoTime() & 0xffffff);
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            executor.script(ns, pod -> PodScript.exited(Verdict.FAILED.exitCode(), failedSummary()));
            try (OperatorProcess operator = OperatorProcess.start(jar, plane, Map.of());
                 KubernetesClient client = plane.newClient()) {
                AlertLatencyBench bench = new AlertLatencyBench(client, ns, receiver);
                code = bench.run(alerts, warmup, inflight, start);
                if (code != 0) System.out.println("operator log: " + operator.log());
            }
        }
        System.exit(code);
    }

    int run(int alerts, int warmup, int inflight, long start) throws Exception {
        int total = warmup + alerts;
        int policies = (total + RUNS_PER_POLICY - 1) / RUNS_PER_POLICY;
        setUp(policies);
        SharedIndexInformer<TestSuiteRun> watch = client.resources(TestSuiteRun.class).inNamespace(ns).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(TestSuiteRun run) {
                seen(run);
            }

            @Override
            public void onUpdate(TestSuiteRun old, TestSuiteRun run) {
                seen(run);
            }

            @Override
            public void onDelete(TestSuiteRun run, boolean unknown) {
            }
        }, 0);
        BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        List<Long> baselineNanos = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread baseline = new Thread(() -> directPosts(bodies, baselineNanos), "bench-baseline");
        baseline.setDaemon(true);
        baseline.start();

        System.out.printf(Locale.ROOT, "ready after %.0f s; %d runs (%d warm-up), %d in flight, %d policies%n",
                (System.nanoTime() - start) / 1e9, total, warmup, inflight, policies);
        Semaphore slots = new Semaphore(inflight);
        List<CompletableFuture<LatencyReceiver.Arrival>> arrivals = new ArrayList<>();
        long loopStart = System.nanoTime();
        for (int i = 0; i < total; i++) {
            slots.acquire();
            String name = "lat-%04d".formatted(i);
            CompletableFuture<LatencyReceiver.Arrival> arrival = receiver.expect(name).orTimeout(ALERT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            boolean counted = i >= warmup;
            arrival.whenComplete((a, error) -> {
                slots.release();
                if (a != null && counted) bodies.add(a.body());
            });
            arrivals.add(arrival);
            created.put(name, System.nanoTime());
            client.resource(run(name, i / RUNS_PER_POLICY)).create();
            if ((i + 1) % 50 == 0) System.out.printf(Locale.ROOT, "  %d runs created%n", i + 1);
        }
        List<Sample> samples = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < total; i++) {
            String name = "lat-%04d".formatted(i);
            try {
                LatencyReceiver.Arrival a = arrivals.get(i).join();
                Long seen = finalStatusSeen.get(name);
                if (i >= warmup && seen != null) samples.add(new Sample(name, created.get(name), seen, a.nanos()));
                if (seen == null) missing++;
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof TimeoutException) missing++; else throw e;
            }
        }
        double wall = (System.nanoTime() - loopStart) / 1e9;
        bodies.add(""); // the baseline thread's end
        baseline.join(TimeUnit.MINUTES.toMillis(2));
        watch.close();
        report(samples, baselineNanos, alerts, warmup, inflight, policies, missing, wall);
        return missing == 0 && samples.size() == alerts ? 0 : 1;
    }

    private void seen(TestSuiteRun run) {
        if (run.getStatus() != null && run.getStatus().phase != null && run.getStatus().phase.isTerminal()) {
            finalStatusSeen.putIfAbsent(run.getMetadata().getName(), System.nanoTime());
        }
    }

    /** The baseline: the same body, to the same receiver, with the operator's HTTP client, one at a time. */
    private void directPosts(BlockingQueue<String> bodies, List<Long> nanos) {
        HttpPoster poster = new HttpPoster(Duration.ofSeconds(10));
        for (int id = 0; ; id++) {
            String body;
            try {
                body = bodies.take();
            } catch (InterruptedException e) {
                return;
            }
            if (body.isEmpty()) return;
            String key = Integer.toString(id);
            CompletableFuture<Long> got = receiver.expectBaseline(key);
            long sent = System.nanoTime();
            try {
                poster.post(receiver.url("/baseline"), body, Map.of(LatencyReceiver.BASELINE_ID, key), Masker.patternsOnly());
                nanos.add(got.get(10, TimeUnit.SECONDS) - sent);
            } catch (DeliveryException | java.util.concurrent.ExecutionException | TimeoutException e) {
                System.out.println("baseline POST failed: " + e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void setUp(int policies) {
        client.resource(new SecretBuilder().withNewMetadata().withName("bench-hook").withNamespace(ns).endMetadata()
                .addToStringData("url", receiver.url("/hook")).build()).create();
        create("""
                apiVersion: proctor.dev/v1alpha1
                kind: AlertRoute
                metadata:
                  name: bench-failures
                spec:
                  match:
                    alertTypes: [RunFailed]
                  receivers:
                    - name: hook
                      webhook:
                        urlSecretKeyRef: {name: bench-hook, key: url}
                  grouping:
                    groupBy: [suite]
                    groupWait: 0s
                    groupInterval: 5m
                    repeatInterval: 4h
                """);
        for (int p = 0; p < policies; p++) {
            create("""
                    apiVersion: proctor.dev/v1alpha1
                    kind: SLAPolicy
                    metadata:
                      name: bench-%d
                    spec:
                      selector:
                        matchLabels: {"%s": "b%d"}
                      objectives:
                        - name: pass-rate
                          passRate: 0.99
                          window: 1h
                    """.formatted(p, BATCH_LABEL, p));
        }
        // the operator has seen every policy (and written its state) before the first run starts
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (client.resources(SLAPolicy.class).inNamespace(ns).list().getItems().stream()
                .anyMatch(p -> p.getStatus() == null || p.getStatus().conditions == null || p.getStatus().conditions.isEmpty())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the operator did not evaluate the bench's policies");
            sleep(200);
        }
    }

    private TestSuiteRun run(String name, int batch) {
        String yaml = """
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteRun
                metadata:
                  name: %s
                  namespace: %s
                  labels: {"%s": "b%d"}
                spec:
                  suite: %s
                  runner:
                    image: ghcr.io/proctor-dev/fake-suite:0.1.0
                  sharding:
                    shards: 1
                    strategy: RoundRobin
                """.formatted(name, ns, BATCH_LABEL, batch, name);
        return client.getKubernetesSerialization().unmarshal(yaml, TestSuiteRun.class);
    }

    private void create(String yaml) {
        HasMetadata object = client.getKubernetesSerialization().unmarshal(yaml);
        object.getMetadata().setNamespace(ns);
        client.resource(object).create();
    }

    /** What the fake runner writes for a shard with one failing test. */
    static String failedSummary() {
        ShardSummary summary = new ShardSummary(Verdict.FAILED, 3, 2, 1, 0, 0, 300, List.of(FAILED_TEST), List.of(),
                Map.of("dev.proctor.bench.CheckoutTest", 300L), null, false);
        return new String(SummaryCodec.encode(summary), StandardCharsets.UTF_8);
    }

    private void report(List<Sample> samples, List<Long> baselineNanos, int alerts, int warmup, int inflight, int policies,
                        int missing, double wall) {
        double[] latency = samples.stream().mapToDouble(Sample::latencyMillis).sorted().toArray();
        double[] base = baselineNanos.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
        double[] runs = samples.stream().mapToDouble(Sample::runMillis).sorted().toArray();
        int notifications = receiver.notificationsPerRun().values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum();
        long duplicated = receiver.notificationsPerRun().values().stream().filter(n -> n.get() > 1).count();
        System.out.println();
        System.out.println("SLA breach -> receiver got it: real control plane, packaged operator, groupWait 0s, generic webhook on 127.0.0.1");
        System.out.printf(Locale.ROOT, "alerts measured %d of %d asked (%d warm-up not counted), %d runs in flight, %d policies, %.0f s%n",
                latency.length, alerts, warmup, inflight, policies, wall);
        System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s %9s%n", "", "p50", "p90", "p99", "max", "mean");
        row("final run status -> receiver (ms)", latency);
        row("direct POST, same receiver (ms)", base);
        System.out.printf(Locale.ROOT, "%-34s %8.1fx %8.1fx %8.1fx %8.1fx %8.1fx%n", "ratio operator / direct",
                ratio(latency, base, 0.50), ratio(latency, base, 0.90), ratio(latency, base, 0.99),
                max(latency) / max(base), mean(latency) / mean(base));
        row("context: run created -> final (ms)", runs);
        System.out.printf(Locale.ROOT, "notifications naming a run %d, runs notified more than once %d, missing %d, unreadable %d%n",
                notifications, duplicated, missing, receiver.unreadable());
        System.out.printf(Locale.ROOT, "goal p99 < 1000 ms: %s%n", latency.length == 0 ? "no data"
                : percentile(latency, 0.99) < 1000 ? "met" : "NOT met");
    }

    private static void row(String name, double[] sorted) {
        if (sorted.length == 0) {
            System.out.printf(Locale.ROOT, "%-34s (no data)%n", name);
            return;
        }
        System.out.printf(Locale.ROOT, "%-34s %9.1f %9.1f %9.1f %9.1f %9.1f%n", name, percentile(sorted, 0.50),
                percentile(sorted, 0.90), percentile(sorted, 0.99), max(sorted), mean(sorted));
    }

    /** Nearest rank. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ratio(double[] a, double[] b, double p) {
        return percentile(a, p) / percentile(b, p);
    }

    private static double max(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
