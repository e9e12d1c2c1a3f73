package dev.proctor.operator.bench;

import static org.awaitility.Awaitility.await;

import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.testcluster.ApiserverAudit;
import dev.proctor.testcluster.ApiserverAudit.Request;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.Crds;
import dev.proctor.testcluster.SuiteLabelPolicy;
import dev.proctor.testcluster.InsecureHttp;
import dev.proctor.testcluster.KubeBinaries;
import dev.proctor.testcluster.OperatorProcess;
import dev.proctor.testcluster.executor.LocalPodExecutor;
import dev.proctor.testcluster.executor.PodScript;
import dev.proctor.testcluster.executor.RunnerProgram;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Scale and cost of the run controller on the real control plane (issue 15). Not a test: it prints tables. Run it with
 * {@code ./mvnw -B -q -pl operator -am -Pscale-bench package -DskipTests} (settings below as {@code -Dbench.*}).
 *
 * <p>What runs: etcd, kube-apiserver and kube-controller-manager (test-cluster), the packaged operator as a child JVM
 * (as {@link OperatorProcess} starts it: {@code -Xmx384m -XX:+UseSerialGC}), and the local pod executor as kubelet,
 * whose pods end at once with a passing summary (the fast fake runner: no process is started). Every figure is taken
 * twice in the same session, first with the operator's caches holding whole Jobs and Pods
 * ({@code PROCTOR_TRIM_CACHED_OBJECTS=false}, the state before issue 15) and then trimmed (the default), so the two
 * columns share the machine's load.
 *
 * <p>Phases: <b>burst</b> — {@code bench.runs} runs of {@code bench.shards} shards applied evenly within
 * {@code bench.window} seconds over {@code bench.suites} suites; per run, apply → all its shard Jobs seen, and its last
 * pod seen terminated → its final status seen (all seen by this JVM's watches, which the operator's informers share);
 * the operator's writes per run from the audit log; its CPU time per run. <b>objects</b> — Jobs and Pods of shards
 * (copies of the burst's, suspended Jobs, Pods bound to a node that does not exist, with a finished status) are added
 * until a namespace holds {@code bench.objects} of each; then the operator is restarted: time to ready (its informers
 * synced), its requests until then, RSS and heap after a full GC. <b>growth</b> ({@code bench.growth}, e.g. 10,100,1000) —
 * a burst of each size ({@code bench.growth-shards} shards per run, 2) on a fresh operator with trimmed caches: CPU, writes and memory per run. Every operator first
 * runs {@code bench.warmup} runs that are not counted.
 */
public final class ScaleBench {
    static final Predicate<Request> OPERATOR = r -> r.userAgent().startsWith("fabric8-kubernetes-client")
            && !r.resource().equals("leases");
    static final String COPY_LABEL = "bench.proctor.dev/copy";

    final ControlPlane plane;
    final KubernetesClient client;
    final Path jar;

    ScaleBench(ControlPlane plane, KubernetesClient client, Path jar) {
        this.plane = plane;
        this.client = client;
        this.jar = jar;
    }

    record Settings(int runs, int shards, int windowSeconds, int suites, int objects, List<Integer> growth, int growthShards, int warmup,
                    int finished) {
        static Settings fromSystemProperties() {
            String growth = System.getProperty("bench.growth", "").trim();
            return new Settings(Integer.getInteger("bench.runs", 200), Integer.getInteger("bench.shards", 10),
                    Integer.getInteger("bench.window", 10), Integer.getInteger("bench.suites", 10),
                    Integer.getInteger("bench.objects", 10_000),
                    growth.isEmpty() ? List.of() : Arrays.stream(growth.split(",")).map(String::trim).map(Integer::valueOf).toList(),
                    Integer.getInteger("bench.growth-shards", 2), Integer.getInteger("bench.warmup", 20),
                    Integer.getInteger("bench.finished", 0));
        }
    }

    /** One operator configuration measured side by side. */
    record Mode(String name, Map<String, String> env) {}

    /**
     * The configurations {@code bench.modes} picks from (default {@code whole,trimmed}): {@code whole} is the operator
     * before issue 15 (whole objects cached, a run's Jobs created one after another), {@code serial} has trimmed caches
     * but still creates one Job at a time, {@code ten} creates up to 10 Jobs at once (the default until issue 15's third
     * pass), {@code trimmed} is the default operator (30).
     */
    static final Map<String, Mode> ALL_MODES = Map.of(
            "whole", new Mode("whole objects, one create at a time", Map.of("PROCTOR_TRIM_CACHED_OBJECTS", "false",
                    "PROCTOR_JOB_CREATES_IN_FLIGHT", "1")),
            "serial", new Mode("trimmed caches, one create at a time", Map.of("PROCTOR_TRIM_CACHED_OBJECTS", "true",
                    "PROCTOR_JOB_CREATES_IN_FLIGHT", "1")),
            "ten", new Mode("trimmed caches, 10 creates in flight", Map.of("PROCTOR_TRIM_CACHED_OBJECTS", "true",
                    "PROCTOR_JOB_CREATES_IN_FLIGHT", "10")),
            "trimmed", new Mode("trimmed caches, 30 creates in flight", Map.of("PROCTOR_TRIM_CACHED_OBJECTS", "true")));
    static final List<Mode> MODES = Arrays.stream(System.getProperty("bench.modes", "whole,trimmed").split(","))
            .map(String::trim).map(ALL_MODES::get).toList();
    /** The default operator, for the phases measured with one configuration only. */
    static final Mode DEFAULT_MODE = ALL_MODES.get("trimmed");

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Path jar = Path.of(System.getProperty("proctor.operator.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        System.out.printf(Locale.ROOT, "settings: %s; %d cores; load average %s%n", settings,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        try (ControlPlane plane = ControlPlane.start();
             KubernetesClient admin = plane.newClient();
             LocalPodExecutor executor = LocalPodExecutor.start(plane.newClient(), ProctorNames.LABEL_RUN, RunnerProgram.fake())) {
            Crds.installAll(admin, KubeBinaries.repoRoot().resolve("crds"));
            SuiteLabelPolicy.install(admin, KubeBinaries.repoRoot()); // as the chart installs it on Kubernetes 1.36+
            ScaleBench bench = new ScaleBench(plane, admin, jar);
            bench.all(settings, executor);
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            System.exit(1); // informers' and the control plane's threads would keep a failed benchmark's JVM alive
        }
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
        System.exit(0);
    }

    void all(Settings settings, LocalPodExecutor executor) {
        if (settings.finished() > 0) restartWithFinishedRuns(settings, executor);
        if (settings.runs() == 0) return;
        Map<String, Burst> bursts = new LinkedHashMap<>();
        String lastNs = null;
        for (Mode mode : MODES) {
            awaitJobControllerCaughtUp();
            String ns = namespace("burst");
            executor.script(ns, pod -> PodScript.exited(0, PASSED));
            try (OperatorProcess operator = OperatorProcess.start(jar, plane, mode.env(), "operator-" + bursts.size())) {
                warmUp(operator, settings, executor);
                bursts.put(mode.name(), burst(operator, ns, settings.runs(), settings.shards(), settings.windowSeconds(), settings.suites()));
            }
            lastNs = ns;
        }
        printBursts(settings, bursts);

        if (!settings.growth().isEmpty()) growth(settings, executor);

        if (settings.objects() > 0) {
            populate(lastNs, settings.objects());
            Map<String, Restart> restarts = new LinkedHashMap<>();
            for (Mode mode : MODES) restarts.put(mode.name(), restart(mode, "operator-objects-" + restarts.size()));
            printRestarts(settings, restarts);
            if (Boolean.parseBoolean(System.getProperty("bench.jvm", "true"))) jvmOptions(settings);
            if (Boolean.getBoolean("bench.breakdown")) breakdown(settings);
        }
    }

    // ---------------------------------------------------------------------------------------------------- burst

    /**
     * Waits until kube-controller-manager's Job controller has finished with every earlier burst: each Job's status
     * says it ended and no pod still carries the Job controller's tracking finalizer. At its default client limit (20
     * requests a second) a 200 × 10 burst leaves it about 5 minutes of Job status updates and finalizer removals
     * after the runs are final; a configuration measured before it caught up would be measured against that backlog.
     */
    void awaitJobControllerCaughtUp() {
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
        while (Instant.now().isBefore(deadline)) {
            long running = client.batch().v1().jobs().inAnyNamespace().withLabel(ProctorNames.LABEL_RUN).list().getItems().stream()
                    .filter(job -> job.getStatus() == null || job.getStatus().getConditions() == null || job.getStatus().getConditions()
                            .stream().noneMatch(c -> "True".equals(c.getStatus()) && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())
                                    || "Suspended".equals(c.getType()))))
                    .filter(job -> !Boolean.TRUE.equals(job.getSpec().getSuspend())).count();
            long tracked = client.pods().inAnyNamespace().withLabel(ProctorNames.LABEL_RUN).list().getItems().stream()
                    .filter(pod -> pod.getMetadata().getFinalizers() != null && pod.getMetadata().getFinalizers().contains("batch.kubernetes.io/job-tracking"))
                    .count();
            if (running == 0 && tracked == 0) {
                System.out.printf(Locale.ROOT, "  the Job controller caught up with earlier bursts after %.0f s%n", (System.nanoTime() - start) / 1e9);
                return;
            }
            sleep(Duration.ofSeconds(5));
        }
        System.out.println("  the Job controller did not catch up within 20 minutes; measuring anyway");
    }

    /** {@code bench.warmup} runs, not counted, so that a fresh operator JVM is not measured while it compiles. */
    void warmUp(OperatorProcess operator, Settings settings, LocalPodExecutor executor) {
        if (settings.warmup() == 0) return;
        String ns = namespace("warmup");
        executor.script(ns, pod -> PodScript.exited(0, PASSED));
        burst(operator, ns, settings.warmup(), settings.shards(), Math.max(1, settings.warmup() * settings.windowSeconds() / settings.runs()),
                settings.suites());
        client.namespaces().withName(ns).delete();
    }

    record Burst(int runs, int shards, double[] createMillis, double[] finalMillis, int writes, Map<String, Long> writesByKind,
                 int reads, double cpuSeconds, double wallSeconds, Memory memory) {}

    Burst burst(OperatorProcess operator, String ns, int runs, int shards, int windowSeconds, int suites) {
        Map<String, Long> applied = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> jobsSeen = new ConcurrentHashMap<>();
        Map<String, Long> allJobsSeen = new ConcurrentHashMap<>();
        Map<String, Long> lastPodTerminated = new ConcurrentHashMap<>();
        Map<String, Long> finalSeen = new ConcurrentHashMap<>();
        Map<String, Boolean> podCounted = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> podsTerminated = new ConcurrentHashMap<>();
        List<SharedIndexInformer<?>> watches = new ArrayList<>();
        watches.add(client.batch().v1().jobs().inNamespace(ns).withLabel(ProctorNames.LABEL_RUN).inform(onAddOrUpdate((Job job) -> {
            String run = job.getMetadata().getLabels().get(ProctorNames.LABEL_RUN);
            if (jobsSeen.computeIfAbsent(run, r -> new AtomicInteger()).incrementAndGet() == shards) allJobsSeen.put(run, System.nanoTime());
        }, true), 0));
        watches.add(client.pods().inNamespace(ns).withLabel(ProctorNames.LABEL_RUN).inform(onAddOrUpdate((Pod pod) -> {
            boolean terminated = pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null && pod.getStatus()
                    .getContainerStatuses().stream().anyMatch(c -> c.getState() != null && c.getState().getTerminated() != null);
            if (!terminated || podCounted.putIfAbsent(pod.getMetadata().getUid(), true) != null) return;
            String run = pod.getMetadata().getLabels().get(ProctorNames.LABEL_RUN);
            long now = System.nanoTime();
            if (podsTerminated.computeIfAbsent(run, r -> new AtomicInteger()).incrementAndGet() == shards) lastPodTerminated.put(run, now);
        }, false), 0));
        watches.add(client.resources(TestSuiteRun.class).inNamespace(ns).inform(onAddOrUpdate((TestSuiteRun run) -> {
            if (run.getStatus() != null && run.getStatus().phase != null && run.getStatus().phase.isTerminal()) {
                finalSeen.putIfAbsent(run.getMetadata().getName(), System.nanoTime());
            }
        }, false), 0));

        Instant from = Instant.now().minusSeconds(1);
        long cpuBefore = cpuTicks(operator.pid());
        long start = System.nanoTime();
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(4);
        long periodMicros = Math.max(1, windowSeconds * 1_000_000L / runs);
        List<Future<?>> creates = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String name = "run-%04d".formatted(i);
            String suite = "suite-" + (i % suites);
            creates.add(pacer.schedule(() -> {
                applied.put(name, System.nanoTime());
                client.resource(run(ns, name, suite, shards)).create();
            }, i * periodMicros, TimeUnit.MICROSECONDS));
        }
        creates.forEach(f -> {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("a run could not be created", e);
            }
        });
        pacer.shutdown();
        double applySeconds = (System.nanoTime() - start) / 1e9;
        await("every run finished").atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() -> finalSeen.size() == runs);
        await("every run's history folded").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> client.resources(TestSuiteRun.class).inNamespace(ns).list().getItems().stream()
                        .allMatch(r -> Boolean.TRUE.equals(r.getStatus().historyRecorded)));
        List<Request> requests = settled(ns, from);
        double wall = (System.nanoTime() - start) / 1e9;
        long cpuAfter = cpuTicks(operator.pid());
        watches.forEach(SharedIndexInformer::close);
        List<Request> writes = requests.stream().filter(Request::isWrite).toList();
        System.out.printf(Locale.ROOT, "  burst in %s: %d runs applied in %.1f s, all final after %.1f s%n", ns, runs, applySeconds, wall);
        double[] create = applied.entrySet().stream().filter(e -> allJobsSeen.containsKey(e.getKey()))
                .mapToDouble(e -> (allJobsSeen.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
        double[] fin = finalSeen.entrySet().stream().filter(e -> lastPodTerminated.containsKey(e.getKey()))
                .mapToDouble(e -> Math.max(0, e.getValue() - lastPodTerminated.get(e.getKey())) / 1e6).sorted().toArray();
        return new Burst(runs, shards, create, fin, writes.size(), ApiserverAudit.countByKind(writes), requests.size() - writes.size(),
                (cpuAfter - cpuBefore) / (double) CLOCK_TICKS, wall, memory(operator));
    }

    static final String PASSED = new String(SummaryCodec.encode(new ShardSummary(Verdict.PASSED, 1, 1, 0, 0, 0, 10, List.of(), List.of(),
            Map.of("dev.proctor.fake.ScaleTest", 10L), null, false)), StandardCharsets.UTF_8);

    static TestSuiteRun run(String ns, String name, String suite, int shards) {
        String yaml = """
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteRun
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  suite: %s
                  runner:
                    image: ghcr.io/proctor-dev/fake-suite:0.1.0
                  sharding:
                    shards: %d
                    strategy: RoundRobin
                """.formatted(name, ns, suite, shards);
        return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml, TestSuiteRun.class);
    }

    /** The operator's requests in {@code ns} since {@code from}, once it has made none there for 3 s. */
    List<Request> settled(String ns, Instant from) {
        Predicate<Request> inNs = OPERATOR.and(r -> ns.equals(r.namespace()));
        await("operator settled").pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ApiserverAudit.between(plane, Instant.now().minusSeconds(3), Instant.now().plusSeconds(1), inNs).isEmpty());
        return ApiserverAudit.between(plane, from, Instant.now(), inNs);
    }

    void printBursts(Settings settings, Map<String, Burst> bursts) {
        StringBuilder out = new StringBuilder();
        out.append("\n### Burst: %d runs × %d shards applied within %d s (%d suites)\n\n".formatted(settings.runs(), settings.shards(),
                settings.windowSeconds(), settings.suites()));
        out.append("| operator | apply → all shard Jobs p50 / p99 / max | last pod terminated → run final p50 / p99 / max | writes per run | reads per run | CPU per run | RSS | heap after GC |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        bursts.forEach((mode, b) -> out.append("| %s | %s | %s | %.2f (shards + %.2f) | %.2f | %.0f ms | %s | %s |\n".formatted(mode,
                percentiles(b.createMillis()), percentiles(b.finalMillis()), b.writes() / (double) b.runs(),
                b.writes() / (double) b.runs() - b.shards(), b.reads() / (double) b.runs(), b.cpuSeconds() * 1000 / b.runs(),
                mib(b.memory().rss()), mib(b.memory().heapAfterGc()))));
        bursts.forEach((mode, b) -> out.append("\n%s, writes by kind: %s".formatted(mode, b.writesByKind())));
        System.out.println(out.append('\n'));
    }

    // --------------------------------------------------------------------------------------------------- growth

    void growth(Settings settings, LocalPodExecutor executor) {
        StringBuilder out = new StringBuilder("\n### Cost growth (%d shards per run, runs applied at %d per second, trimmed caches)\n\n"
                .formatted(settings.growthShards(), Math.max(1, settings.runs() / settings.windowSeconds())));
        out.append("| runs | CPU per run | writes per run | reads per run | RSS after | heap after GC | apply → Jobs p99 | last pod → final p99 |\n|---|---|---|---|---|---|---|---|\n");
        StringBuilder csv = new StringBuilder("runs,cpu_ms_per_run,writes_per_run,rss_mib,heap_mib\n");
        for (int runs : settings.growth()) {
            awaitJobControllerCaughtUp();
            String ns = namespace("growth");
            executor.script(ns, pod -> PodScript.exited(0, PASSED));
            int window = Math.max(1, runs * settings.windowSeconds() / settings.runs());
            try (OperatorProcess operator = OperatorProcess.start(jar, plane, DEFAULT_MODE.env(), "operator-growth-" + runs)) {
                warmUp(operator, settings, executor);
                Burst b = burst(operator, ns, runs, settings.growthShards(), window, settings.suites());
                out.append("| %d | %.0f ms | %.2f | %.2f | %s | %s | %s | %s |\n".formatted(runs, b.cpuSeconds() * 1000 / runs,
                        b.writes() / (double) runs, b.reads() / (double) runs, mib(b.memory().rss()), mib(b.memory().heapAfterGc()),
                        millis(percentile(b.createMillis(), 0.99)), millis(percentile(b.finalMillis(), 0.99))));
                csv.append("%d,%.1f,%.2f,%.1f,%.1f\n".formatted(runs, b.cpuSeconds() * 1000 / runs, b.writes() / (double) runs,
                        b.memory().rss() / 1048576.0, b.memory().heapAfterGc() / 1048576.0));
            }
            client.namespaces().withName(ns).delete();
        }
        System.out.println(out);
        System.out.println("csv:\n" + csv);
        Path png = KubeBinaries.repoRoot().resolve("docs").resolve("scale-growth.png");
        try {
            GrowthPlot.write(csv.toString().lines().toList(), png);
            System.out.println("plot: " + png);
        } catch (IOException e) {
            System.out.println("no plot: " + e);
        }
    }

    // ---------------------------------------------------------------------------------------- objects, restart

    /** Copies of the burst's shard Jobs and Pods until {@code ns} holds {@code count} of each. */
    void populate(String ns, int count) {
        Job jobTemplate = client.batch().v1().jobs().inNamespace(ns).withLabel(ProctorNames.LABEL_RUN).list().getItems().get(0);
        Pod podTemplate = client.pods().inNamespace(ns).withLabel(ProctorNames.LABEL_RUN).list().getItems().stream()
                .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null).findFirst().orElseThrow();
        int jobs = client.batch().v1().jobs().inNamespace(ns).withLabel(ProctorNames.LABEL_RUN).list().getItems().size();
        int pods = client.pods().inNamespace(ns).withLabel(ProctorNames.LABEL_RUN).list().getItems().size();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = jobs; i < count; i++) {
            int n = i;
            done.add(pool.submit(() -> client.batch().v1().jobs().inNamespace(ns).resource(jobCopy(jobTemplate, n)).create()));
        }
        for (int i = pods; i < count; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                Pod created = client.pods().inNamespace(ns).resource(podCopy(podTemplate, n)).create();
                created.setStatus(podTemplate.getStatus());
                client.pods().inNamespace(ns).resource(created).updateStatus();
            }));
        }
        done.forEach(f -> {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("a copy could not be created", e);
            }
        });
        pool.shutdown();
        System.out.printf(Locale.ROOT, "  %s now holds %d shard Jobs and %d shard Pods (%d + %d copies made in %.0f s)%n", ns, count, count,
                Math.max(0, count - jobs), Math.max(0, count - pods), (System.nanoTime() - start) / 1e9);
    }

    static Job jobCopy(Job template, int n) {
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.put(ProctorNames.LABEL_RUN, "copy-%05d".formatted(n / 10));
        labels.put(ProctorNames.LABEL_SHARD, Integer.toString(n % 10));
        labels.put(COPY_LABEL, "true");
        Map<String, String> podLabels = new HashMap<>(labels);
        return new JobBuilder(template).withNewMetadata().withName("copy-%05d-shard-%d".formatted(n / 10, n % 10))
                .withLabels(labels).withAnnotations(template.getMetadata().getAnnotations()).endMetadata()
                .editSpec().withSuspend(true).withSelector(null).withManualSelector(null)
                .editTemplate().editMetadata().withLabels(podLabels).endMetadata().endTemplate().endSpec()
                .withStatus(null).build();
    }

    static Pod podCopy(Pod template, int n) {
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.keySet().removeIf(k -> k.contains("controller-uid") || k.contains("job-name"));
        labels.put(ProctorNames.LABEL_RUN, "copy-%05d".formatted(n / 10));
        labels.put(ProctorNames.LABEL_SHARD, Integer.toString(n % 10));
        labels.put(COPY_LABEL, "true");
        return new PodBuilder(template).withNewMetadata().withName("copy-%05d-shard-%d-x".formatted(n / 10, n % 10))
                .withLabels(labels).withAnnotations(template.getMetadata().getAnnotations()).endMetadata()
                .editSpec().withNodeName("bench-no-such-node").endSpec().withStatus(null).build();
    }

    /**
     * {@code bench.finished} runs of one shard are run to the end by one operator, which is stopped; then a fresh
     * operator starts over them. Its requests until ready and in the 30 s after (when every finished run has been
     * reconciled once) should be the informers' lists and watches and nothing else.
     */
    void restartWithFinishedRuns(Settings settings, LocalPodExecutor executor) {
        String ns = namespace("finished");
        executor.script(ns, pod -> PodScript.exited(0, PASSED));
        int runs = settings.finished();
        try (OperatorProcess operator = OperatorProcess.start(jar, plane, DEFAULT_MODE.env(), "operator-finishing")) {
            burst(operator, ns, runs, 1, Math.max(1, runs / 20), settings.suites());
        }
        Instant from = Instant.now();
        long start = System.nanoTime();
        try (OperatorProcess operator = OperatorProcess.start(jar, plane, DEFAULT_MODE.env(), "operator-restarted")) {
            double ready = (System.nanoTime() - start) / 1e9;
            Instant readyAt = Instant.now();
            long cpuAtReady = cpuTicks(operator.pid());
            sleep(Duration.ofSeconds(30));
            Instant to = Instant.now();
            long cpu = cpuTicks(operator.pid());
            List<Request> untilReady = ApiserverAudit.between(plane, from, readyAt, OPERATOR);
            List<Request> after = ApiserverAudit.between(plane, readyAt, to, OPERATOR);
            Memory memory = memory(operator);
            StringBuilder out = new StringBuilder("\n### Operator restart with %d finished runs (1 shard each; load average %s)\n\n"
                    .formatted(runs, loadAverage()));
            out.append("| time to ready | CPU until ready | CPU in the 30 s after | RSS | heap after GC | requests until ready | requests in the 30 s after ready |\n");
            out.append("|---|---|---|---|---|---|---|\n");
            out.append("| %.1f s | %.1f s | %.1f s | %s | %s | %s | %s |\n".formatted(ready, cpuAtReady / (double) CLOCK_TICKS,
                    (cpu - cpuAtReady) / (double) CLOCK_TICKS, mib(memory.rss()), mib(memory.heapAfterGc()),
                    ApiserverAudit.countByKind(untilReady), ApiserverAudit.countByKind(after)));
            List<Request> beyondLists = concat(untilReady, after).stream().filter(r -> !r.verb().equals("list") && !r.verb().equals("watch")).toList();
            out.append("\nrequests beyond lists and watches: %d%s\n".formatted(beyondLists.size(), beyondLists.stream().limit(20)
                    .map(r -> "\n  " + r.kind() + " " + r.namespace() + "/" + r.name()).reduce("", String::concat)));
            System.out.println(out);
        }
        client.namespaces().withName(ns).delete();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @param failure why the operator never became ready (e.g. its heap ran out while its informers listed), else null */
    record Restart(double readySeconds, Map<String, Long> requests, double cpuSeconds, Memory memory, String failure) {}

    Restart restart(Mode mode, String name) {
        Instant from = Instant.now();
        long start = System.nanoTime();
        try (OperatorProcess operator = OperatorProcess.start(jar, plane, mode.env(), name)) {
            double ready = (System.nanoTime() - start) / 1e9;
            Instant readyAt = Instant.now();
            long cpu = cpuTicks(operator.pid());
            Map<String, Long> requests = ApiserverAudit.countByKind(ApiserverAudit.between(plane, from, readyAt, OPERATOR));
            return new Restart(ready, requests, cpu / (double) CLOCK_TICKS, memory(operator), null);
        } catch (IllegalStateException notReady) {
            String why = notReady.getMessage().contains("OutOfMemoryError") ? "OutOfMemoryError: Java heap space" : notReady.getMessage().lines().findFirst().orElse("?");
            System.out.println("  " + name + " never became ready: " + why);
            return new Restart((System.nanoTime() - start) / 1e9, Map.of(), 0, new Memory(0, 0), why);
        }
    }

    void printRestarts(Settings settings, Map<String, Restart> restarts) {
        StringBuilder out = new StringBuilder("\n### Operator start with %d shard Jobs and %d shard Pods in a watched namespace\n\n"
                .formatted(settings.objects(), settings.objects()));
        out.append("| operator | time to ready | CPU until ready | RSS | heap after GC | requests until ready |\n|---|---|---|---|---|---|\n");
        restarts.forEach((mode, r) -> out.append(r.failure() != null
                ? "| %s | never (%s, gave up after %.0f s) | – | – | – | – |\n".formatted(mode, r.failure(), r.readySeconds())
                : "| %s | %.1f s | %.1f s | %s | %s | %s |\n".formatted(mode, r.readySeconds(),
                r.cpuSeconds(), mib(r.memory().rss()), mib(r.memory().heapAfterGc()), r.requests())));
        System.out.println(out);
    }

    /**
     * JVM settings, each with trimmed caches and the same objects: the tests' options, the chart's before issue 15,
     * after its first pass, candidates (a smaller heap share; C1 only), and the chart's now. {@code -XX:MaxRAM=512m} stands for the chart's container memory limit (512Mi), which the JVM reads as
     * its physical memory in a container.
     */
    static final Map<String, List<String>> JVM_OPTIONS = jvmOptionSets();

    private static Map<String, List<String>> jvmOptionSets() {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        String maxRam = "-XX:MaxRAM=" + CHART_MEMORY_LIMIT.toLowerCase(Locale.ROOT);
        String extra = System.getProperty("bench.jvm-extra", "").trim();
        if (!extra.isEmpty()) {
            // the chart's options beside the chart's options with each ;-separated addition
            sets.put("chart now: " + CHART_JVM_OPTIONS, concat(List.of(maxRam), List.of(CHART_JVM_OPTIONS.split(" "))));
            for (String addition : extra.split(";")) {
                String candidate = CHART_JVM_OPTIONS + " " + addition.trim();
                sets.put("candidate: chart now + " + addition.trim(), concat(List.of(maxRam), List.of(candidate.split(" "))));
            }
            return sets;
        }
        if (!Boolean.getBoolean("bench.jvm-candidates-only")) {
            sets.put("tests (" + String.join(" ", OperatorProcess.TEST_JVM_OPTIONS) + ")", OperatorProcess.TEST_JVM_OPTIONS);
            sets.put("chart before: -XX:MaxRAMPercentage=70", List.of(maxRam, "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError"));
        }
        sets.put("chart, issue 15 first pass: " + FIRST_PASS_JVM_OPTIONS, concat(List.of(maxRam), List.of(FIRST_PASS_JVM_OPTIONS.split(" "))));
        String smallerHeap = FIRST_PASS_JVM_OPTIONS.replace("MaxRAMPercentage=70", "MaxRAMPercentage=40") + " -XX:TieredStopAtLevel=1";
        for (String candidate : List.of(smallerHeap, smallerHeap + " -Xss512k -XX:ReservedCodeCacheSize=32m",
                smallerHeap + " " + ENV + "MALLOC_ARENA_MAX=2", smallerHeap + " -Xss512k -XX:ReservedCodeCacheSize=32m " + ENV + "MALLOC_ARENA_MAX=2")) {
            if (!candidate.equals(CHART_JVM_OPTIONS)) sets.put("candidate: " + candidate, concat(List.of(maxRam), List.of(candidate.split(" "))));
        }
        sets.put("chart now: " + CHART_JVM_OPTIONS, concat(List.of(maxRam), List.of(CHART_JVM_OPTIONS.split(" "))));
        return sets;
    }

    /** An entry of a JVM option set that is an environment variable of the process instead ({@code env:NAME=value}). */
    static final String ENV = "env:";

    /** The chart's memory limit (resources.limits.memory, 512Mi), which the JVM in the container reads as its RAM. */
    static final String CHART_MEMORY_LIMIT = "512M";

    /** The chart's options after issue 15's first pass (trimmed caches, paged lists). */
    static final String FIRST_PASS_JVM_OPTIONS = "-XX:+UseSerialGC -XX:MaxRAMPercentage=70 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
            + " -XX:+ExitOnOutOfMemoryError";

    /** What helm/proctor/values.yaml and the Dockerfile set (operator.jvmOptions, JAVA_TOOL_OPTIONS); ChartJvmOptionsTest. */
    static final String CHART_JVM_OPTIONS = "-XX:+UseSerialGC -XX:MaxRAMPercentage=40 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
            + " -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    void jvmOptions(Settings settings) {
        StringBuilder out = new StringBuilder("\n### JVM settings, operator started with %d shard Jobs and %d shard Pods (trimmed caches)\n\n"
                .formatted(settings.objects(), settings.objects()));
        out.append("| JVM options | time to ready | RSS at ready | RSS after full GC | heap after GC | max heap |\n|---|---|---|---|---|---|\n");
        int n = 0;
        for (Map.Entry<String, List<String>> set : JVM_OPTIONS.entrySet()) {
            long start = System.nanoTime();
            Map<String, String> env = new HashMap<>(DEFAULT_MODE.env());
            set.getValue().stream().filter(o -> o.startsWith(ENV)).map(o -> o.substring(ENV.length()).split("=", 2))
                    .forEach(kv -> env.put(kv[0], kv[1]));
            List<String> options = set.getValue().stream().filter(o -> !o.startsWith(ENV)).toList();
            try (OperatorProcess operator = OperatorProcess.startWithJvmOptions(jar, plane, env, "operator-jvm-" + n++, options)) {
                double ready = (System.nanoTime() - start) / 1e9;
                long rssAtReady = rss(operator.pid());
                Memory after = memory(operator);
                out.append("| %s | %.1f s | %s | %s | %s | %s |\n".formatted(set.getKey(), ready, mib(rssAtReady), mib(after.rss()),
                        mib(after.heapAfterGc()), mib(maxHeap(operator))));
            } catch (IllegalStateException notReady) {
                out.append("| %s | never (%s) | – | – | – | – |\n".formatted(set.getKey(),
                        notReady.getMessage().contains("OutOfMemoryError") ? "OutOfMemoryError" : "not ready"));
            }
        }
        System.out.println(out);
    }

    /**
     * Where the memory of an operator started with the chart's JVM options over the objects goes: the JVM's native
     * memory tracking summary (committed, by category) and the largest classes on the heap after a full GC.
     */
    void breakdown(Settings settings) {
        List<String> options = concat(List.of("-XX:MaxRAM=" + CHART_MEMORY_LIMIT, "-XX:NativeMemoryTracking=summary"),
                List.of(CHART_JVM_OPTIONS.split(" ")));
        try (OperatorProcess operator = OperatorProcess.startWithJvmOptions(jar, plane, DEFAULT_MODE.env(), "operator-breakdown", options)) {
            Memory memory = memory(operator);
            StringBuilder out = new StringBuilder("\n### Memory breakdown, operator started with %d shard Jobs and %d shard Pods (%s)\n\n"
                    .formatted(settings.objects(), settings.objects(), CHART_JVM_OPTIONS));
            out.append("RSS after full GC %s, heap after GC %s, threads %d\n\n".formatted(mib(memory.rss()), mib(memory.heapAfterGc()),
                    threads(operator.pid())));
            out.append("| native memory category | committed |\n|---|---|\n");
            java.util.regex.Pattern category = java.util.regex.Pattern.compile("^-\\s*(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
            for (String line : jcmd(operator.pid(), "VM.native_memory", "summary").split("\n")) {
                var m = category.matcher(line.trim());
                if (m.find()) out.append("| %s | %.1f MiB |\n".formatted(m.group(1).trim(), Long.parseLong(m.group(2)) / 1024.0));
            }
            out.append("\n| heap: class | instances | bytes |\n|---|---|---|\n");
            jcmd(operator.pid(), "GC.class_histogram").lines().map(l -> l.trim().split("\\s+"))
                    .filter(f -> f.length >= 4 && f[0].matches("\\d+:")).limit(30).forEach(f -> {
                out.append("| %s | %s | %s |\n".formatted(f[3], f[1], mib(Long.parseLong(f[2]))));
            });
            System.out.println(out);
        }
    }

    static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long threads(long pid) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static long maxHeap(OperatorProcess operator) {
        long max = 0;
        for (String line : InsecureHttp.get(operator.metricsUrl(), null).body().split("\n")) {
            if (line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"")) {
                double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (v > 0) max += (long) v;
            }
        }
        return max;
    }

    static long rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(0L);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // --------------------------------------------------------------------------------------------- the process

    record Memory(long rss, long heapAfterGc) {}

    static final int CLOCK_TICKS = 100;

    /** RSS from /proc, and the heap in use after a full GC ({@code jcmd GC.run}, then the operator's own Micrometer gauge). */
    static Memory memory(OperatorProcess operator) {
        long pid = operator.pid();
        jcmd(pid, "GC.run");
        long heap = 0;
        for (String line : InsecureHttp.get(operator.metricsUrl(), null).body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return new Memory(rss(pid), heap);
    }

    /** User plus system CPU of the process, in clock ticks. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    // -------------------------------------------------------------------------------------------------- helpers

    String namespace(String prefix) {
        String ns = prefix + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        return ns;
    }

    static <T extends HasMetadata> ResourceEventHandler<T> onAddOrUpdate(java.util.function.Consumer<T> seen, boolean addOnly) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                seen.accept(object);
            }

            @Override
            public void onUpdate(T old, T object) {
                if (!addOnly) seen.accept(object);
            }

            @Override
            public void onDelete(T object, boolean unknown) {
            }
        };
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String percentiles(double[] sorted) {
        return "%s / %s / %s (n=%d)".formatted(millis(percentile(sorted, 0.5)), millis(percentile(sorted, 0.99)),
                millis(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]), sorted.length);
    }

    static String millis(double ms) {
        return Double.isNaN(ms) ? "–" : "%.0f ms".formatted(ms);
    }

    static String mib(long bytes) {
        return "%.0f MiB".formatted(bytes / 1048576.0);
    }
}
