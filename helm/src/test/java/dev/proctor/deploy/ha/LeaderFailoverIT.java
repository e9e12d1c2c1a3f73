package dev.proctor.deploy.ha;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.Crds;
import dev.proctor.testcluster.OperatorProcess;
import dev.proctor.testcluster.Poll;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.executor.LocalPodExecutor;
import dev.proctor.testcluster.executor.PodScript;
import dev.proctor.testcluster.executor.RunnerProgram;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * High availability on the real control plane: two operator replicas (own leader-election identities, one Lease
 * {@code proctor-operator}, the packaged operator in its prod profile). The leader is stopped mid-run twice — once
 * gracefully (SIGTERM, as a rolling update does: the Lease is released) and once by a crash (SIGKILL: the Lease
 * must expire) — and the standby takes over. Every run still finishes, and no Job is ever created twice: each Job
 * name is seen with exactly one uid from the first watch event on. The takeovers are checked on the Lease's own
 * record, as a watch sees every change of it, not on how long they took (printed, never asserted: a loaded 2-core
 * machine stretches the leader's shutdown by seconds): the stopped leader released the Lease before the standby took
 * it, and after the crash the standby took it only once the crashed leader's last renewal had expired.
 */
@WithControlPlane
class LeaderFailoverIT {
    private static final String LEASE = "proctor-operator";
    private static final String LEASE_NAMESPACE = "default";
    private static final Path ROOT = Path.of(System.getProperty("proctor.repo.root", "..")).toAbsolutePath().normalize();
    /** JOSDK's defaults, which Proctor keeps: lease 15 s, renew deadline 10 s, retry every 2 s. */
    private static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    private static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
    private static final int RUNS = 4;
    private static final int SHARDS = 3;

    private LocalPodExecutor executor;
    private OperatorProcess a;
    private OperatorProcess b;

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, executor}) {
            try {
                if (closeable != null) closeable.close();
            } catch (Exception ignored) {
                // best effort: the control plane goes with the JVM
            }
        }
    }

    @Test
    void theStandbyTakesOverMidRunAndEveryRunFinishesWithoutADuplicateJob(ControlPlane plane, KubernetesClient client,
                                                                           TestNamespace ns) throws Exception {
        Crds.installAll(plane.client(), ROOT.resolve("crds"));
        executor = LocalPodExecutor.start(plane.newClient(), "proctor.dev/run", RunnerProgram.fake());
        // shards take a while and run one at a time, so every run is still going when the leader stops
        executor.script(ns.name(), pod -> PodScript.run(Map.of("PROCTOR_FAKE_MILLIS", "1500")));
        Path jar = Path.of(System.getProperty("proctor.operator.jar", ROOT + "/operator/target/quarkus-app/quarkus-run.jar"));

        a = OperatorProcess.start(jar, plane, Map.of(), "operator-a");
        awaitHolder(plane, "operator-a", Duration.ofSeconds(60));
        b = OperatorProcess.start(jar, plane, Map.of(), "operator-b");

        List<LeaseState> leaseHistory = new CopyOnWriteArrayList<>();
        Map<String, Set<String>> uidsByJob = new ConcurrentHashMap<>();
        try (Watch leaseWatch = plane.client().resources(Lease.class).inNamespace(LEASE_NAMESPACE).withName(LEASE).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Lease lease) {
                if (lease.getSpec() != null) leaseHistory.add(LeaseState.of(lease));
            }

            @Override
            public void onClose(WatcherException cause) {
                // the test ends the watch
            }
        });
             Watch ignored = client.batch().v1().jobs().inNamespace(ns.name()).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                uidsByJob.computeIfAbsent(job.getMetadata().getName(), k -> ConcurrentHashMap.newKeySet()).add(job.getMetadata().getUid());
            }

            @Override
            public void onClose(WatcherException cause) {
                // the test ends the watch
            }
        })) {
            List<String> runs = IntStream.range(0, RUNS).mapToObj(i -> "ha-" + i).toList();
            runs.forEach(name -> createRun(client, name));
            Poll.until("the first shard Jobs", Duration.ofSeconds(60), () -> true, () -> uidsByJob.size() >= RUNS);

            // 1. a rolling update: the leader gets SIGTERM and releases the Lease on its way out
            int beforeGraceful = leaseHistory.size();
            long graceful = failover(plane, a, "operator-b");
            List<LeaseState> gracefulChanges = untilHeldBy(leaseHistory, beforeGraceful, "operator-b");
            a.start(); // the replaced pod comes back, as the standby now

            // 2. a crash: the leader is SIGKILLed, its Lease runs out before the standby may take it
            Poll.until("some Jobs after the first takeover", Duration.ofSeconds(60), () -> true, () -> uidsByJob.size() >= RUNS + 2);
            int beforeCrash = leaseHistory.size();
            long crash = failover(plane, b, "operator-a");
            List<LeaseState> crashChanges = untilHeldBy(leaseHistory, beforeCrash, "operator-a");

            Duration finishTimeout = Duration.ofMinutes(3);
            for (String run : runs) {
                Poll.until("run " + run + " to finish", finishTimeout, () -> true, () -> "Succeeded".equals(phase(client, run)));
            }
            List<Job> jobs = client.batch().v1().jobs().inNamespace(ns.name()).list().getItems();
            Map<String, Integer> jobsPerRun = new TreeMap<>();
            jobs.forEach(job -> jobsPerRun.merge(job.getMetadata().getLabels().get("proctor.dev/run"), 1, Integer::sum));
            System.out.printf("%n### Leader failover on the real control plane (lease %ds, retry %ds)%n%n"
                            + "| stop | takeover (lease held by the standby) |%n|---|---|%n| SIGTERM (Lease released) | %d ms |%n"
                            + "| SIGKILL (Lease expires) | %d ms |%n%nruns finished: %d of %d; Jobs: %d for %d shard slots; "
                            + "Job names seen with more than one uid: %d%n%n",
                    LEASE_DURATION.toSeconds(), RETRY_PERIOD.toSeconds(), graceful, crash, runs.size(), RUNS, jobs.size(),
                    RUNS * SHARDS, uidsByJob.values().stream().filter(uids -> uids.size() > 1).count());

            assertThat(jobsPerRun).as("one Job per shard, no retries: every shard of the fake suite passes")
                    .containsOnlyKeys(runs).allSatisfy((run, count) -> assertThat(count).isEqualTo(SHARDS));
            assertThat(uidsByJob).as("no Job created twice").allSatisfy((name, uids) -> assertThat(uids).hasSize(1));
            assertThat(gracefulChanges.subList(0, gracefulChanges.size() - 1))
                    .as("the Lease's changes until operator-b held it: a leader stopped with SIGTERM releases it first")
                    .anyMatch(LeaseState::released);
            LeaseState lastRenewal = leaseHistory.subList(0, beforeCrash + crashChanges.size() - 1).stream()
                    .filter(state -> "operator-b".equals(state.holder())).reduce((first, second) -> second).orElseThrow();
            LeaseState takeover = crashChanges.get(crashChanges.size() - 1);
            assertThat(takeover.acquired()).as("after a crash the standby takes the Lease only once it expired (never two leaders): %s then %s",
                    lastRenewal, takeover).isAfterOrEqualTo(lastRenewal.renewed().plusSeconds(lastRenewal.durationSeconds()));
        }
    }

    /** One state of the Lease as a watch saw it. */
    record LeaseState(String holder, Instant acquired, Instant renewed, int durationSeconds) {
        static LeaseState of(Lease lease) {
            var spec = lease.getSpec();
            return new LeaseState(spec.getHolderIdentity(), instant(spec.getAcquireTime()), instant(spec.getRenewTime()),
                    spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds());
        }

        /** A released Lease has no holder, or (client-go's and Fabric8's way) a lease of one second. */
        boolean released() {
            return holder == null || holder.isEmpty() || durationSeconds == 1;
        }

        private static Instant instant(java.time.ZonedDateTime time) {
            return time == null ? null : time.toInstant();
        }
    }

    /** The Lease's changes from index {@code from} up to and including the first held by {@code identity}. */
    private static List<LeaseState> untilHeldBy(List<LeaseState> history, int from, String identity) {
        Poll.until("the Lease watch to see " + identity + " hold it", Duration.ofSeconds(30), () -> true,
                () -> history.subList(from, history.size()).stream().anyMatch(state -> identity.equals(state.holder())));
        List<LeaseState> changes = new ArrayList<>();
        for (LeaseState state : history.subList(from, history.size())) {
            changes.add(state);
            if (identity.equals(state.holder())) break;
        }
        return changes;
    }

    /** Stops {@code leader} (SIGTERM when graceful, SIGKILL otherwise) and returns the ms until {@code next} holds the Lease. */
    private static long failover(ControlPlane plane, OperatorProcess leader, String next) {
        boolean graceful = next.equals("operator-b");
        long start = System.nanoTime();
        if (graceful) leader.stop();
        else leader.kill();
        awaitHolder(plane, next, LEASE_DURATION.multipliedBy(3));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void awaitHolder(ControlPlane plane, String identity, Duration timeout) {
        Poll.until("Lease " + LEASE + " held by " + identity, timeout, () -> true, () -> identity.equals(holder(plane)));
    }

    private static String holder(ControlPlane plane) {
        Lease lease = plane.client().resources(Lease.class).inNamespace(LEASE_NAMESPACE).withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static void createRun(KubernetesClient client, String name) {
        String yaml = """
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteRun
                metadata:
                  name: %s
                spec:
                  suite: fake
                  runner:
                    image: ghcr.io/proctor-dev/fake-suite:0.1.0
                  sharding:
                    shards: %d
                    parallelism: 1
                """.formatted(name, SHARDS);
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class)).create();
    }

    @SuppressWarnings("unchecked")
    private static String phase(KubernetesClient client, String run) {
        GenericKubernetesResource resource = client.genericKubernetesResources("proctor.dev/v1alpha1", "TestSuiteRun").withName(run).get();
        Object status = resource == null ? null : resource.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (String) ((Map<String, Object>) map).get("phase") : null;
    }
}
