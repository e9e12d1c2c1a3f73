package dev.proctor.operator.run;

import dev.proctor.core.run.AttemptFacts;
import dev.proctor.core.run.AttemptFacts.PodFacts;
import dev.proctor.core.run.AttemptFacts.Terminated;
import dev.proctor.core.run.AttemptState;
import dev.proctor.operator.api.v1alpha1.ShardStatus;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the run's Jobs and Pods (from the informer caches) into core's neutral {@link AttemptFacts}. Reads
 * pod status only: the termination message carries the runner's summary; logs are never read.
 */
public final class RunObserver {
    private RunObserver() {}

    /** Shard and attempt of an object Proctor labelled, if it carries both labels. */
    record Slot(int shard, int attempt) {
        static Optional<Slot> of(HasMetadata object) {
            Map<String, String> labels = object.getMetadata().getLabels();
            if (labels == null) return Optional.empty();
            try {
                return Optional.of(new Slot(Integer.parseInt(labels.get(ProctorNames.LABEL_SHARD)),
                        Integer.parseInt(labels.get(ProctorNames.LABEL_ATTEMPT))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Jobs the status says were created but that the cache does not hold: either not yet seen by the informer
     * (we just made them) or deleted. The reconciler asks the API server about exactly these.
     */
    public static List<String> recordedButUnseen(String run, List<ShardStatus> recorded, Collection<Job> jobs) {
        if (recorded == null) return List.of();
        Set<String> seen = new java.util.HashSet<>();
        jobs.forEach(j -> seen.add(j.getMetadata().getName()));
        List<String> unseen = new ArrayList<>();
        for (ShardStatus s : recorded) {
            if (s.phase == AttemptState.Waiting || s.done) continue;
            String name = ProctorNames.jobName(run, s.index, s.attempt);
            if (!seen.contains(name)) unseen.add(name);
        }
        return unseen;
    }

    /**
     * @param jobs    the run's Jobs (cache plus any confirmed by a direct read)
     * @param gone    recorded attempts whose Job the API server confirmed is gone
     */
    public static List<AttemptFacts> observe(Collection<Job> jobs, Collection<Pod> pods, List<Slot> gone) {
        Map<Slot, Pod> newestPod = new HashMap<>();
        for (Pod pod : pods) {
            Slot.of(pod).ifPresent(slot -> newestPod.merge(slot, pod,
                    (a, b) -> created(a).compareTo(created(b)) >= 0 ? a : b));
        }
        List<AttemptFacts> facts = new ArrayList<>();
        for (Job job : jobs) {
            Optional<Slot> slot = Slot.of(job);
            if (slot.isEmpty()) continue;
            JobCondition failed = condition(job, "Failed");
            Pod pod = newestPod.get(slot.get());
            // with backoffLimit 0 a failed pod fails the Job: its counts say so before the Job controller's condition does
            boolean podFailed = job.getStatus() != null && job.getStatus().getFailed() != null && job.getStatus().getFailed() > 0;
            boolean podSucceeded = job.getStatus() != null && job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() > 0;
            String failure = failed != null ? failed.getReason() : podFailed ? "PodFailed" : null;
            String failureMessage = failed != null ? failed.getMessage() : podFailed ? "the shard's pod failed" : null;
            facts.add(new AttemptFacts(slot.get().shard(), slot.get().attempt(), true,
                    parse(job.getMetadata().getCreationTimestamp()), failure, failureMessage,
                    condition(job, "Complete") != null || podSucceeded, pod == null ? null : podFacts(pod)));
        }
        for (Slot slot : gone) facts.add(AttemptFacts.missing(slot.shard(), slot.attempt()));
        facts.sort(Comparator.comparingInt(AttemptFacts::shard).thenComparingInt(AttemptFacts::attempt));
        return facts;
    }

    /**
     * Completed Jobs whose pod the cache does not hold: the pod cache may lag the Job cache, so the reconciler asks
     * the API server for these pods before it concludes that a pod is gone.
     */
    public static List<Job> completedWithoutPod(Collection<Job> jobs, Collection<Pod> pods) {
        Set<Slot> withPod = new java.util.HashSet<>();
        pods.forEach(pod -> Slot.of(pod).ifPresent(withPod::add));
        return jobs.stream().filter(job -> condition(job, "Complete") != null)
                .filter(job -> Slot.of(job).map(slot -> !withPod.contains(slot)).orElse(false)).toList();
    }

    private static JobCondition condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) return null;
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst().orElse(null);
    }

    static PodFacts podFacts(Pod pod) {
        var status = pod.getStatus();
        if (status == null) {
            return new PodFacts("Pending", null, null, null, created(pod), null, null, null, null);
        }
        ContainerStatus runner = status.getContainerStatuses() == null ? null : status.getContainerStatuses().stream()
                .filter(c -> ProctorNames.RUNNER_CONTAINER.equals(c.getName())).findFirst().orElse(null);
        String waitingReason = null;
        String waitingMessage = null;
        Terminated terminated = null;
        if (runner != null && runner.getState() != null) {
            ContainerStateWaiting waiting = runner.getState().getWaiting();
            if (waiting != null) {
                waitingReason = waiting.getReason();
                waitingMessage = waiting.getMessage();
            }
            ContainerStateTerminated t = runner.getState().getTerminated();
            if (t != null) {
                terminated = new Terminated(t.getExitCode() == null ? -1 : t.getExitCode(), t.getReason(), t.getMessage(),
                        parse(t.getStartedAt()), parse(t.getFinishedAt()));
            }
        }
        return new PodFacts(status.getPhase(), status.getReason(), status.getMessage(),
                pod.getSpec() == null ? null : pod.getSpec().getNodeName(), created(pod), parse(status.getStartTime()),
                waitingReason, waitingMessage, terminated);
    }

    private static Instant created(Pod pod) {
        Instant t = parse(pod.getMetadata().getCreationTimestamp());
        return t == null ? Instant.EPOCH : t;
    }

    static Instant parse(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) return null;
        try {
            return Instant.parse(timestamp);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
