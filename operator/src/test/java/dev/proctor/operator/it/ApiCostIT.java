package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.testcluster.ApiserverAudit;
import dev.proctor.testcluster.ApiserverAudit.Request;
import dev.proctor.testcluster.ApiserverRequests;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.KubeBinaries;
import dev.proctor.testcluster.SuiteLabelPolicy;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.executor.PodScript;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the operator costs the API server. The API server's audit log names each request's client: the operator
 * is the one Fabric8 client without the test tooling's user agent ({@link ControlPlane#USER_AGENT}), apart from
 * the leader-election Lease, whose renewals are a fixed rate reported on their own. Writes per run are one per
 * shard (its Job) plus a constant — progress is coalesced into one status patch and one Event per interval; an
 * operator holding many finished runs makes no request at all (in that window kube-controller-manager's garbage
 * collector reads each run once to verify the owner of its Jobs; the breakdown by client is printed).
 */
@WithControlPlane
class ApiCostIT {
    /** Per shard: its Job. */
    static final int WRITES_PER_SHARD = 1;
    /**
     * Plan and history ConfigMaps (2), status patches for Pending and the verdict (2): 4. The suite label is set by the
     * API server (the chart's MutatingAdmissionPolicy, installed by {@link ProctorStack}); without the policy the
     * operator patches it on, one more ({@link #withoutTheAdmissionPolicyTheOperatorLabelsTheRunItself}). Success makes
     * no Event by default ({@code proctor.success-events}); the Started Event went earlier in issue 15. Pods starting
     * are progress (ProgressWrites): a run whose shards all finish within the progress interval has no Running write
     * of its own. It was 6 before the label policy and success Events went, 8 before that (9, 11, 14, 20 writes for
     * 1, 3, 6, 10 shards). Why not fewer: docs/design.md, "Scale and cost".
     */
    static final int CONSTANT_WRITES = 4;
    /** While shards finish, at most one progress patch per progress interval (a Warning per failed shard besides). */
    static final int WRITES_PER_PROGRESS_INTERVAL = 1;
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private static final Predicate<Request> OPERATOR = r -> r.userAgent().startsWith("fabric8-kubernetes-client")
            && !r.resource().equals("leases");

    @Test
    void writesPerRunGrowLinearlyWithShards(KubernetesClient client, TestNamespace ns, ControlPlane plane) {
        ProctorStack stack = ProctorStack.get();
        // shards finish at different times, as real shards do, so every completion is observed on its own
        stack.executor.script(ns.name(), pod -> PodScript.run(Map.of("PROCTOR_FAKE_MILLIS",
                Integer.toString(400 * Runs.label(pod, ProctorNames.LABEL_SHARD)))));
        StringBuilder table = new StringBuilder("\n### API cost per run: the operator's requests (audit log)\n\n"
                + "| run | shards | writes | reads | writes by kind |\n|---|---|---|---|---|\n");
        Map<Integer, Long> writesByShards = new TreeMap<>();
        Map<Integer, Long> boundByShards = new TreeMap<>();
        List<Request> labelPatches = new java.util.ArrayList<>();
        for (int shards : List.of(1, 3, 6, 10)) {
            String name = "cost-" + shards;
            Instant from = Instant.now().minusSeconds(1);
            Runs.create(client, name, shards, Map.of(), "");
            Runs.awaitFinished(client, name);
            await("history folded").until(() -> Boolean.TRUE.equals(Runs.get(client, name).getStatus().historyRecorded));
            List<Request> requests = settled(plane, from);
            List<Request> writes = requests.stream().filter(Request::isWrite).toList();
            writesByShards.put(shards, (long) writes.size());
            writes.stream().filter(ApiCostIT::patchesARun).forEach(labelPatches::add);
            assertThat(Runs.get(client, name).getMetadata().getLabels()).containsEntry(ProctorNames.LABEL_SUITE, "fake");
            // a machine under load stretches a run over more progress intervals, each of which may add its write pair
            var status = Runs.get(client, name).getStatus();
            long seconds = Duration.between(Instant.parse(status.startTime), Instant.parse(status.completionTime)).toSeconds();
            long intervals = seconds / PROGRESS_INTERVAL.toSeconds();
            boundByShards.put(shards, WRITES_PER_SHARD * shards + CONSTANT_WRITES + WRITES_PER_PROGRESS_INTERVAL * intervals);
            table.append("| ").append(name).append(" | ").append(shards).append(" | ").append(writes.size())
                    .append(" | ").append(requests.size() - writes.size())
                    .append(" | ").append(ApiserverAudit.countByKind(writes)).append(" |\n");
        }
        System.out.println(table);
        writesByShards.forEach((shards, writes) -> assertThat(writes).as("operator writes for a run of %d shards", shards)
                .isLessThanOrEqualTo(boundByShards.get(shards)));
        assertThat(labelPatches).as("the API server labelled the runs: the operator never patched one").isEmpty();
    }

    /**
     * On a cluster without the MutatingAdmissionPolicy (Kubernetes before 1.36, or the chart's admission.suiteLabel
     * disabled) the operator puts the suite label on the run itself: one patch of the run, nothing else more.
     */
    @Test
    void withoutTheAdmissionPolicyTheOperatorLabelsTheRunItself(KubernetesClient client, TestNamespace ns, ControlPlane plane) {
        ProctorStack stack = ProctorStack.get();
        stack.executor.script(ns.name(), pod -> PodScript.run(Map.of("PROCTOR_FAKE_MILLIS", "200")));
        client.genericKubernetesResources("admissionregistration.k8s.io/v1", "MutatingAdmissionPolicyBinding")
                .withName(SuiteLabelPolicy.NAME).delete();
        try {
            await("the policy out of effect").atMost(Duration.ofSeconds(30)).until(() -> !SuiteLabelPolicy.labels(client));
            Instant from = Instant.now().minusSeconds(1);
            Runs.create(client, "unlabelled", 1, Map.of(), "");
            Runs.awaitFinished(client, "unlabelled");
            await("history folded").until(() -> Boolean.TRUE.equals(Runs.get(client, "unlabelled").getStatus().historyRecorded));
            List<Request> writes = settled(plane, from).stream().filter(Request::isWrite).toList();
            System.out.println("\n### Without the suite label policy, 1 shard: " + writes.size() + " writes: "
                    + ApiserverAudit.countByKind(writes) + "\n");

            assertThat(Runs.get(client, "unlabelled").getMetadata().getLabels()).containsEntry(ProctorNames.LABEL_SUITE, "fake");
            assertThat(writes).filteredOn(ApiCostIT::patchesARun).singleElement()
                    .satisfies(r -> assertThat(r.name()).isEqualTo("unlabelled"));
            var status = Runs.get(client, "unlabelled").getStatus();
            long intervals = Duration.between(Instant.parse(status.startTime), Instant.parse(status.completionTime)).toSeconds()
                    / PROGRESS_INTERVAL.toSeconds();
            assertThat((long) writes.size()).isLessThanOrEqualTo(WRITES_PER_SHARD + CONSTANT_WRITES + 1 + WRITES_PER_PROGRESS_INTERVAL * intervals);
        } finally {
            SuiteLabelPolicy.install(client, KubeBinaries.repoRoot());
        }
    }

    /** A write to a run's main resource (not its status): only the suite label's patch. */
    private static boolean patchesARun(Request r) {
        return r.resource().equals("testsuiteruns") && r.subresource().isEmpty() && r.verb().equals("patch");
    }

    @Test
    void anIdleOperatorWithFiftyFinishedRunsMakesNoRequests(KubernetesClient client, TestNamespace ns, ControlPlane plane) {
        ProctorStack stack = ProctorStack.get();
        String summary = new String(SummaryCodec.encode(new ShardSummary(Verdict.PASSED, 1, 1, 0, 0, 0, 10, List.of(), List.of(),
                Map.of("dev.proctor.fake.IdleTest", 10L), null, false)), StandardCharsets.UTF_8);
        stack.executor.script(ns.name(), pod -> PodScript.exited(0, summary));
        List<String> names = IntStream.range(0, 50).mapToObj(i -> "idle-" + i).toList();
        Instant created = Instant.now();
        names.forEach(name -> Runs.create(client, name, 1, Map.of(), ""));
        names.forEach(name -> Runs.awaitFinished(client, name));
        settled(plane, created);

        Duration quiet = Duration.ofSeconds(30);
        Instant from = Instant.now();
        ApiserverRequests counterBefore = ApiserverRequests.scrape(plane);
        await("the idle window").pollDelay(quiet).atMost(quiet.plusSeconds(5)).until(() -> true);
        Instant to = Instant.now();
        List<Request> operator = ApiserverAudit.between(plane, from, to, OPERATOR);
        long leases = ApiserverAudit.between(plane, from, to, r -> r.userAgent().startsWith("fabric8-kubernetes-client")
                && r.resource().equals("leases")).size();
        Map<String, Long> everyClient = new TreeMap<>();
        ApiserverAudit.between(plane, from, to, r -> true).forEach(r -> everyClient.merge(client(r) + ": " + r.kind(), 1L, Long::sum));
        System.out.println("\n### Idle operator with 50 finished runs, " + quiet.toSeconds() + " s\n\noperator requests: "
                + ApiserverAudit.countByKind(operator) + "; its leader-election Lease requests: " + leases
                + "\napiserver_request_total delta, every client: " + ApiserverRequests.scrape(plane).since(counterBefore)
                + "\naudit log by client: " + everyClient + "\n");
        assertThat(operator).as("requests of an idle operator").isEmpty();
    }

    /**
     * A restarted operator over finished runs reconciles each once and writes nothing: its requests are its informers'
     * lists and watches (and, at start, the CRD checks and one SelfSubjectRulesReview), none for any run (issue 15;
     * ScaleBench measures 1,000).
     */
    @Test
    void aRestartedOperatorWithFinishedRunsOnlyListsAndWatches(KubernetesClient client, TestNamespace ns, ControlPlane plane) {
        ProctorStack stack = ProctorStack.get();
        String summary = new String(SummaryCodec.encode(new ShardSummary(Verdict.PASSED, 1, 1, 0, 0, 0, 10, List.of(), List.of(),
                Map.of("dev.proctor.fake.RestartTest", 10L), null, false)), StandardCharsets.UTF_8);
        stack.executor.script(ns.name(), pod -> PodScript.exited(0, summary));
        List<String> names = IntStream.range(0, 20).mapToObj(i -> "finished-" + i).toList();
        Instant created = Instant.now();
        names.forEach(name -> Runs.create(client, name, 2, Map.of(), ""));
        names.forEach(name -> Runs.awaitFinished(client, name));
        names.forEach(name -> await("history folded").until(() -> Boolean.TRUE.equals(Runs.get(client, name).getStatus().historyRecorded)));
        settled(plane, created);

        stack.operator.stop();
        Instant from = Instant.now();
        stack.operator.start();
        Duration afterReady = Duration.ofSeconds(15); // every finished run is reconciled once in this window
        await("the restarted operator's first reconciles").pollDelay(afterReady).atMost(afterReady.plusSeconds(5)).until(() -> true);
        List<Request> requests = ApiserverAudit.between(plane, from, Instant.now(), OPERATOR);
        System.out.println("\n### Operator restarted over 20 finished runs\n\nrequests until ready and 15 s after: "
                + ApiserverAudit.countByKind(requests) + "\n");
        assertThat(requests).as("requests of a restarted operator").isNotEmpty()
                .allSatisfy(r -> assertThat(r.verb().equals("list") || r.verb().equals("watch")
                        || (r.verb().equals("get") && r.resource().equals("customresourcedefinitions"))
                        || r.resource().equals("selfsubjectrulesreviews")) // a question about its own permissions; stores nothing
                        .as(r.kind() + " " + r.name()).isTrue());
    }

    /** The client program and, for Kubernetes components, the controller: {@code kube-controller-manager/generic-garbage-collector}. */
    private static String client(Request r) {
        String agent = r.userAgent();
        String program = agent.split("/", 2)[0];
        return agent.contains(" ") ? program + "/" + agent.substring(agent.lastIndexOf('/') + 1) : agent;
    }

    /** The operator's requests since {@code from}, once it has made none for 2 s (trailing Events, history fold). */
    private static List<Request> settled(ControlPlane plane, Instant from) {
        await("operator settled").pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> ApiserverAudit.between(plane, Instant.now().minusSeconds(2), Instant.now().plusSeconds(1), OPERATOR).isEmpty());
        return ApiserverAudit.between(plane, from, Instant.now(), OPERATOR);
    }
}
