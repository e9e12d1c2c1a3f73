package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.testcluster.ApiserverAudit;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.executor.PodScript;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * "A restarted operator never creates a shard twice", on a real API server: the operator process is stopped
 * (SIGTERM, and once SIGKILL) and started again ten times while several runs are in flight — serial shards,
 * parallel shards, a retry after an eviction, a failing test. Every run must finish, every (run, shard,
 * attempt) must have exactly one Job, and no Job may be replaced (same uid and creationTimestamp throughout).
 */
@WithControlPlane
class RestartLoopIT {
    private static final int RESTARTS = 10;
    private static final int KILL_AT = 5;
    private static final String SLOW = "2500";

    @Test
    void restartsNeverDuplicateOrReplaceAShardJob(KubernetesClient client, TestNamespace ns, ControlPlane plane) {
        ProctorStack stack = ProctorStack.get();
        Instant from = Instant.now();
        stack.executor.script(ns.name(), pod -> "flaky".equals(pod.getMetadata().getLabels().get(ProctorNames.LABEL_RUN))
                && Runs.label(pod, ProctorNames.LABEL_SHARD) == 1 && Runs.label(pod, ProctorNames.LABEL_ATTEMPT) == 0
                ? PodScript.evicted() : PodScript.run());
        String retryOnce = "  retries:\n    limit: 1\n    when: [Infrastructure]\n";
        Runs.create(client, "serial", 6, Map.of("PROCTOR_FAKE_MILLIS", SLOW), "    parallelism: 1\n");
        Runs.create(client, "wide", 4, Map.of("PROCTOR_FAKE_MILLIS", SLOW), "    parallelism: 2\n");
        Runs.create(client, "flaky", 3, Map.of("PROCTOR_FAKE_MILLIS", SLOW), "    parallelism: 1\n" + retryOnce);
        Runs.create(client, "failing", 3, Map.of("PROCTOR_FAKE_MILLIS", SLOW, "PROCTOR_FAKE_FAIL", "dev.proctor.fake.CartTest#empties"),
                "    parallelism: 1\n");
        List<String> runs = List.of("serial", "wide", "flaky", "failing");

        Map<String, String> identity = new ConcurrentHashMap<>(); // job name -> uid@creationTimestamp, first seen
        List<String> restarts = new ArrayList<>();
        for (int i = 1; i <= RESTARTS; i++) {
            int jobsBefore = Runs.jobsOf(client).size();
            await("some progress before restart " + i).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Runs.jobsOf(client).size() > jobsBefore || allFinished(client, runs));
            recordIdentities(client, identity);
            long t0 = System.nanoTime();
            if (i == KILL_AT) stack.operator.kill();
            else stack.operator.stop();
            long stopped = System.nanoTime();
            stack.operator.start();
            restarts.add("%2d %-7s stop %4d ms, start to ready %5d ms, jobs %d".formatted(i, i == KILL_AT ? "SIGKILL" : "SIGTERM",
                    (stopped - t0) / 1_000_000, (System.nanoTime() - stopped) / 1_000_000, jobsBefore));
        }
        await("every run finished").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> allFinished(client, runs));
        recordIdentities(client, identity);

        Map<String, Integer> perSlot = new TreeMap<>();
        for (Job job : Runs.jobsOf(client)) {
            String slot = job.getMetadata().getLabels().get(ProctorNames.LABEL_RUN) + " shard " + Runs.label(job, ProctorNames.LABEL_SHARD)
                    + " attempt " + Runs.label(job, ProctorNames.LABEL_ATTEMPT);
            perSlot.merge(slot, 1, Integer::sum);
        }
        // a shard's Job is deleted only with its run or when the run stops it (a stuck pod): none of these runs does
        List<ApiserverAudit.Request> jobDeletes = ApiserverAudit.between(plane, from, Instant.now().plusSeconds(1),
                r -> "delete".equals(r.verb()) && "jobs".equals(r.resource()) && ns.name().equals(r.namespace()));
        print(client, runs, restarts, perSlot, jobDeletes);

        assertThat(jobDeletes).as("Job deletions (audit log)").isEmpty();

        assertThat(perSlot.values()).as("Jobs per (run, shard, attempt)").containsOnly(1);
        assertThat(perSlot).hasSize(6 + 4 + 3 + 1 + 3); // one retry: flaky shard 1 attempt 1
        for (Job job : Runs.jobsOf(client)) {
            assertThat(identityOf(job)).as("Job %s was never replaced", job.getMetadata().getName())
                    .isEqualTo(identity.get(job.getMetadata().getName()));
        }
        assertThat(Runs.get(client, "serial").getStatus().phase.name()).isEqualTo("Succeeded");
        assertThat(Runs.get(client, "wide").getStatus().phase.name()).isEqualTo("Succeeded");
        assertThat(Runs.get(client, "flaky").getStatus().phase.name()).isEqualTo("Succeeded");
        assertThat(Runs.get(client, "failing").getStatus().phase.name()).isEqualTo("Failed");
    }

    private static boolean allFinished(KubernetesClient client, List<String> runs) {
        return runs.stream().map(r -> Runs.phase(Runs.get(client, r))).allMatch(p -> p != null && p.isTerminal());
    }

    private static void recordIdentities(KubernetesClient client, Map<String, String> identity) {
        for (Job job : Runs.jobsOf(client)) identity.putIfAbsent(job.getMetadata().getName(), identityOf(job));
    }

    private static String identityOf(Job job) {
        return job.getMetadata().getUid() + "@" + job.getMetadata().getCreationTimestamp();
    }

    private static void print(KubernetesClient client, List<String> runs, List<String> restarts, Map<String, Integer> perSlot,
                              List<ApiserverAudit.Request> jobDeletes) {
        StringBuilder out = new StringBuilder("\n### Restart loop\n\n```\n");
        restarts.forEach(r -> out.append(r).append('\n'));
        out.append("```\n\n| run | phase | shards done | Jobs |\n|---|---|---|---|\n");
        for (String name : runs) {
            TestSuiteRun run = Runs.get(client, name);
            out.append("| ").append(name).append(" | ").append(run.getStatus().phase).append(" | ").append(run.getStatus().shardsDone)
                    .append(" | ").append(Runs.jobs(client, name).size()).append(" |\n");
        }
        out.append("\n| (run, shard, attempt) | Jobs |\n|---|---|\n");
        perSlot.forEach((slot, count) -> out.append("| ").append(slot).append(" | ").append(count).append(" |\n"));
        out.append("\nJob deletions in the audit log: ").append(jobDeletes.size()).append('\n');
        jobDeletes.forEach(d -> out.append("  ").append(d.at()).append(' ').append(d.verb()).append(' ').append(d.name())
                .append(" by ").append(d.userAgent()).append('\n'));
        System.out.println(out);
    }
}
