package dev.proctor.operator.run;

import dev.proctor.core.run.AttemptFacts;
import dev.proctor.operator.api.v1alpha1.ShardStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's reads beyond the informer caches, as {@link RunWrites} holds its writes: what the cluster shows of the run's
 * attempts, asking the API server where a cache may lag, turned into core's facts by the {@link RunObserver}.
 */
final class RunReads {
    private final KubernetesClient client;

    RunReads(KubernetesClient client) {
        this.client = client;
    }

    /**
     * What the cluster shows of the run's attempts. A Job the status recorded but the cache does not hold is looked up
     * on the API server before it is called deleted: the cache may just not have caught up with a Job we created.
     */
    List<AttemptFacts> attempts(TestSuiteRun run, Context<TestSuiteRun> context, TestSuiteRunStatus recorded) {
        List<Job> jobs = new ArrayList<>(context.getSecondaryResources(Job.class));
        List<RunObserver.Slot> gone = new ArrayList<>();
        for (String name : RunObserver.recordedButUnseen(run.getMetadata().getName(), recorded == null ? null : recorded.shards, jobs)) {
            Job live = client.batch().v1().jobs().inNamespace(run.getMetadata().getNamespace()).withName(name).get();
            if (live != null) jobs.add(live);
            else slotOfJobName(run, name, recorded).ifPresent(gone::add);
        }
        List<Pod> pods = new ArrayList<>(context.getSecondaryResources(Pod.class));
        for (Job job : RunObserver.completedWithoutPod(jobs, pods)) {
            // the pod cache may lag the Job cache: ask the API server before the pod is called gone
            pods.addAll(client.pods().inNamespace(run.getMetadata().getNamespace())
                    .withLabels(job.getSpec().getTemplate().getMetadata().getLabels()).list().getItems());
        }
        return RunObserver.observe(jobs, pods, gone);
    }

    /**
     * The namespace's default artifact store, read once when a run that sets none starts (a GET by name: the ConfigMap
     * informers select only Proctor's own ConfigMaps); null when the namespace has none.
     */
    io.fabric8.kubernetes.api.model.ConfigMap namespaceStore(TestSuiteRun run) {
        return client.configMaps().inNamespace(run.getMetadata().getNamespace())
                .withName(ProctorNames.NAMESPACE_STORE_CONFIGMAP).get();
    }

    /** What the caches show of a finished run's attempts: enough to find a Job still waiting after the verdict. */
    static List<AttemptFacts> cachedAttempts(Context<TestSuiteRun> context) {
        return RunObserver.observe(context.getSecondaryResources(Job.class), context.getSecondaryResources(Pod.class), List.of());
    }

    private static Optional<RunObserver.Slot> slotOfJobName(TestSuiteRun run, String jobName, TestSuiteRunStatus status) {
        List<ShardStatus> shards = status == null || status.shards == null ? List.of() : status.shards;
        return shards.stream()
                .filter(s -> ProctorNames.jobName(run.getMetadata().getName(), s.index, s.attempt).equals(jobName))
                .findFirst().map(s -> new RunObserver.Slot(s.index, s.attempt));
    }
}
