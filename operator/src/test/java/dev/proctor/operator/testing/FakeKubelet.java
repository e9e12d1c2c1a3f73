package dev.proctor.operator.testing;

import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Plays the Job controller and kubelet against the Fabric8 mock server, which has neither: makes a Job's pod
 * and moves it through the states kubelet reports. The real control plane replaces this in the integration
 * tests.
 */
public final class FakeKubelet {
    private final KubernetesClient client;
    private final String namespace;

    public FakeKubelet(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public Job job(String name) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    }

    public List<Job> jobs(String run) {
        return client.batch().v1().jobs().inNamespace(namespace).withLabel(ProctorNames.LABEL_RUN, run).list().getItems();
    }

    /** The pod the Job controller would create, already running on a node. */
    public Pod start(String jobName) {
        Job job = job(jobName);
        Map<String, String> labels = new java.util.TreeMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("job-name", jobName);
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(jobName + "-pod").withNamespace(namespace).withLabels(labels)
                .withCreationTimestamp(Instant.now().toString()).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .editSpec().withNodeName("node-1").endSpec()
                .withNewStatus().withPhase("Running").withStartTime(Instant.now().toString())
                .withContainerStatuses(new ContainerStatusBuilder().withName(ProctorNames.RUNNER_CONTAINER)
                        .withNewState().withNewRunning().withStartedAt(Instant.now().toString()).endRunning().endState().build())
                .endStatus()
                .build();
        return client.pods().inNamespace(namespace).resource(pod).createOr(p -> p.update());
    }

    /** The runner ends with the given summary as its termination message. */
    public void finish(String jobName, ShardSummary summary) {
        terminate(jobName, summary.verdict().exitCode(),
                new String(SummaryCodec.encode(summary), StandardCharsets.UTF_8), "Completed", null);
    }

    public void terminate(String jobName, int exitCode, String message, String containerReason, String podReason) {
        Pod pod = client.pods().inNamespace(namespace).withName(jobName + "-pod").get();
        if (pod == null) pod = start(jobName);
        String now = Instant.now().toString();
        pod.getStatus().setPhase(exitCode == 0 ? "Succeeded" : "Failed");
        pod.getStatus().setReason(podReason);
        pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName(ProctorNames.RUNNER_CONTAINER)
                .withNewState().withNewTerminated().withExitCode(exitCode).withReason(containerReason).withMessage(message)
                .withStartedAt(pod.getStatus().getStartTime()).withFinishedAt(now).endTerminated().endState().build()));
        client.pods().inNamespace(namespace).resource(pod).update();
        jobCondition(jobName, exitCode == 0 ? "Complete" : "Failed", exitCode == 0 ? null : "BackoffLimitExceeded", null);
    }

    /** The pod is evicted by the node: phase Failed, reason Evicted, no termination message. */
    public void evict(String jobName) {
        Pod pod = client.pods().inNamespace(namespace).withName(jobName + "-pod").get();
        if (pod == null) pod = start(jobName);
        pod.getStatus().setPhase("Failed");
        pod.getStatus().setReason("Evicted");
        pod.getStatus().setMessage("The node was low on resource: memory.");
        client.pods().inNamespace(namespace).resource(pod).update();
    }

    /** The pod waits on its image, as kubelet reports it; call again to report the next back-off. */
    public void waitOnImage(String jobName, String message) {
        Job job = job(jobName);
        Map<String, String> labels = new java.util.TreeMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(jobName + "-pod").withNamespace(namespace).withLabels(labels)
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Pending")
                .withContainerStatuses(new ContainerStatusBuilder().withName(ProctorNames.RUNNER_CONTAINER)
                        .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage(message).endWaiting().endState().build())
                .endStatus().build();
        client.pods().inNamespace(namespace).resource(pod).createOr(p -> p.update());
    }

    /** The Job controller marks the Job failed, e.g. DeadlineExceeded when activeDeadlineSeconds passed. */
    public void jobCondition(String jobName, String type, String reason, String message) {
        Job job = job(jobName);
        if (job.getStatus() == null) job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatus());
        job.getStatus().setConditions(List.of(new JobConditionBuilder().withType(type).withStatus("True")
                .withReason(reason).withMessage(message).build()));
        client.batch().v1().jobs().inNamespace(namespace).resource(job).update();
    }

    public static ShardSummary passed(int tests, String... classes) {
        Map<String, Long> durations = new java.util.TreeMap<>();
        for (String c : classes) durations.put(c, 1_000L);
        return new ShardSummary(Verdict.PASSED, tests, tests, 0, 0, 0, 1_000, List.of(), List.of(), durations, null, false);
    }

    public static ShardSummary failed(int tests, List<String> failedTests) {
        return new ShardSummary(Verdict.FAILED, tests, tests - failedTests.size(), failedTests.size(), 0, 0, 1_000,
                failedTests, List.of(), Map.of(), null, false);
    }
}
