package dev.proctor.testcluster.executor;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.HostIPBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Pod statuses shaped as kubelet writes them, as pure functions of the pod and what happened to its
 * container: phase, conditions, container states with reasons, exit codes and the termination message.
 */
final class KubeletStatus {
    static final String HOST_IP = "127.0.0.1";

    private KubeletStatus() {}

    /** Scheduled, container being created. */
    static PodStatus creating(Pod pod, Instant startTime) {
        return pending(pod, startTime, "ContainerCreating", null);
    }

    /** Still Pending, the container waiting for a reason (ImagePullBackOff, CreateContainerConfigError…). */
    static PodStatus pending(Pod pod, Instant startTime, String reason, String message) {
        return base("Pending", startTime, false).withContainerStatuses(pod.getSpec().getContainers().stream()
                .map(c -> container(c.getName(), c.getImage(), false, new ContainerStateBuilder()
                        .withNewWaiting().withReason(reason).withMessage(message).endWaiting().build()))
                .toList()).build();
    }

    static PodStatus running(Pod pod, Instant startTime, Instant startedAt) {
        return base("Running", startTime, true).withContainerStatuses(pod.getSpec().getContainers().stream()
                .map(c -> container(c.getName(), c.getImage(), true, new ContainerStateBuilder()
                        .withNewRunning().withStartedAt(time(startedAt)).endRunning().build()))
                .toList()).build();
    }

    /** The container exited; Completed for 0, else Error unless a reason (OOMKilled) is given. */
    static PodStatus terminated(Pod pod, Instant startTime, Instant startedAt, Instant finishedAt, int exitCode,
                                String reason, String message) {
        String phase = exitCode == 0 ? "Succeeded" : "Failed";
        String why = reason != null ? reason : exitCode == 0 ? "Completed" : "Error";
        PodStatusBuilder status = base(phase, startTime, false);
        status.withConditions(conditions(false, "PodCompleted"));
        return status.withContainerStatuses(pod.getSpec().getContainers().stream()
                .map(c -> container(c.getName(), c.getImage(), false, new ContainerStateBuilder().withNewTerminated()
                        .withExitCode(exitCode).withReason(why).withMessage(message)
                        .withStartedAt(time(startedAt)).withFinishedAt(time(finishedAt))
                        .withContainerID(containerId(pod, c.getName())).endTerminated().build()))
                .toList()).build();
    }

    /** Evicted by the node: the pod fails as a whole; the container's last state is left as it was. */
    static PodStatus evicted(Pod pod, Instant startTime, Instant startedAt) {
        PodStatus status = running(pod, startTime, startedAt);
        status.setPhase("Failed");
        status.setReason("Evicted");
        status.setMessage("The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. ");
        status.setConditions(conditions(false, "PodFailed"));
        status.getContainerStatuses().forEach(c -> c.setReady(false));
        return status;
    }

    private static PodStatusBuilder base(String phase, Instant startTime, boolean ready) {
        return new PodStatusBuilder()
                .withPhase(phase)
                .withHostIP(HOST_IP).withHostIPs(new HostIPBuilder().withIp(HOST_IP).build())
                .withPodIP(HOST_IP).withPodIPs(new PodIPBuilder().withIp(HOST_IP).build())
                .withStartTime(time(startTime))
                .withConditions(conditions(ready, ready ? null : "ContainersNotReady"));
    }

    private static List<PodCondition> conditions(boolean ready, String notReadyReason) {
        String now = time(Instant.now());
        String readyStatus = ready ? "True" : "False";
        return List.of(
                condition("PodReadyToStartContainers", "True", null, now),
                condition("Initialized", "True", null, now),
                condition("Ready", readyStatus, ready ? null : notReadyReason, now),
                condition("ContainersReady", readyStatus, ready ? null : notReadyReason, now),
                condition("PodScheduled", "True", null, now));
    }

    private static PodCondition condition(String type, String status, String reason, String now) {
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withLastTransitionTime(now).build();
    }

    private static ContainerStatus container(String name, String image, boolean ready, ContainerState state) {
        return new ContainerStatusBuilder().withName(name).withImage(image).withImageID("")
                .withReady(ready).withStarted(state.getRunning() != null).withRestartCount(0)
                .withState(state).build();
    }

    private static String containerId(Pod pod, String container) {
        return "local://" + pod.getMetadata().getUid() + "/" + container;
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
