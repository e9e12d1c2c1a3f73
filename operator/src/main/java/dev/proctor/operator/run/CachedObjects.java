package dev.proctor.operator.run;

import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.List;

/**
 * What the run controller's Job and Pod caches keep of each object: only what {@link RunObserver}, {@link RunReads}
 * and the Operator SDK's mappers read. A shard's Job and Pod carry the whole runner container (env, volumes, security
 * context, resources) and {@code managedFields}, none of which the operator reads back; kept, they are most of the
 * operator's heap once a cluster holds thousands of shards (docs/design.md, "Scale and cost").
 *
 * <p>Kept of both: name, namespace, uid, resourceVersion, generation, creation and deletion timestamps, labels and
 * owner references (the Job-to-run mapper). Of a Job: its pod template's labels (a direct pod read selects on them)
 * and its status. Of a Pod: the node it is bound to and its status, with the runner container's name and state only.
 * What is kept is then {@link CompactModel compacted}: shared empty collections, immutable copies, interned strings.
 */
public final class CachedObjects {
    private CachedObjects() {}

    /** The Job informer's store. */
    public static TransformingItemStore<Job> jobStore() {
        return new TransformingItemStore<>(CachedObjects::job);
    }

    /** The Pod informer's store. */
    public static TransformingItemStore<Pod> podStore() {
        return new TransformingItemStore<>(CachedObjects::pod);
    }

    /**
     * Trims the Job <b>in place</b> and returns it. In place because Fabric8's informer hands the object it gave the
     * store, not what the store kept, to the event handlers: a trimmed copy left 10,000 whole Jobs queued for the
     * handlers while an operator started, and its heap ran out (docs/design.md, "Scale and cost").
     */
    static Job job(Job job) {
        return CompactModel.inPlace(trim(job));
    }

    /** Trims the Pod in place and returns it (see {@link #job}). */
    static Pod pod(Pod pod) {
        return CompactModel.inPlace(trim(pod));
    }

    /** The Job without what the operator never reads, not yet compacted. */
    static Job trim(Job job) {
        var template = job.getSpec() == null || job.getSpec().getTemplate() == null ? null : job.getSpec().getTemplate().getMetadata();
        JobSpec spec = template == null ? null
                : new JobSpecBuilder().withNewTemplate().withNewMetadata().withLabels(template.getLabels()).endMetadata().endTemplate().build();
        job.setMetadata(metadata(job));
        job.setSpec(spec);
        return job;
    }

    /** The Pod without what the operator never reads, not yet compacted. */
    static Pod trim(Pod pod) {
        PodSpec spec = pod.getSpec() == null ? null : new PodSpecBuilder().withNodeName(pod.getSpec().getNodeName()).build();
        PodStatus status = pod.getStatus();
        if (status != null) {
            status = new PodStatusBuilder().withPhase(status.getPhase()).withReason(status.getReason())
                    .withMessage(status.getMessage()).withStartTime(status.getStartTime())
                    .withContainerStatuses(runner(status.getContainerStatuses())).build();
        }
        pod.setMetadata(metadata(pod));
        pod.setSpec(spec);
        pod.setStatus(status);
        return pod;
    }

    private static List<ContainerStatus> runner(List<ContainerStatus> statuses) {
        if (statuses == null) return null;
        return statuses.stream().filter(c -> ProctorNames.RUNNER_CONTAINER.equals(c.getName()))
                .map(c -> new ContainerStatusBuilder().withName(c.getName()).withState(c.getState()).build()).toList();
    }

    private static ObjectMeta metadata(HasMetadata object) {
        ObjectMeta m = object.getMetadata();
        return new ObjectMetaBuilder().withName(m.getName()).withNamespace(m.getNamespace()).withUid(m.getUid())
                .withResourceVersion(m.getResourceVersion()).withGeneration(m.getGeneration())
                .withCreationTimestamp(m.getCreationTimestamp()).withDeletionTimestamp(m.getDeletionTimestamp())
                .withLabels(m.getLabels()).withOwnerReferences(m.getOwnerReferences()).build();
    }
}
