package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.JobRequest;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.naming.ProctorNames;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trimmed Job and Pod the run controller's caches keep: the run's observation from them is the same as from the
 * whole objects, and what it never reads is gone.
 */
class CachedObjectsTest {

    private static TestSuiteRun run() {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run("nightly", "shop", 4, null);
        run.getMetadata().setUid("uid-1");
        run.getMetadata().setNamespace("team-a");
        return run;
    }

    /** A shard's Job as the API server returns it: built by ShardJobs, with managedFields, a uid and a finished status. */
    static Job job(int shard) {
        Job built = ShardJobs.build(run(), new JobRequest(shard, 0, List.of()), ShardJobsTest.DEFAULTS);
        return new JobBuilder(built).editMetadata().withNamespace("team-a").withUid("job-" + shard).withResourceVersion("42")
                .withCreationTimestamp("2026-12-04T10:00:00Z")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("fabric8").withOperation("Apply").build()).endMetadata()
                .withNewStatus().withSucceeded(1).withConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build())
                .endStatus().build();
    }

    /** The Job's pod, terminated with a summary, a second (sidecar) container and everything kubelet reports. */
    static Pod pod(Job job) {
        return new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-x7k2p").withNamespace("team-a")
                .withUid("pod-" + job.getMetadata().getName()).withCreationTimestamp("2026-12-04T10:00:01Z")
                .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet").withOperation("Update").build()).endMetadata()
                .withSpec(new io.fabric8.kubernetes.api.model.PodSpecBuilder(job.getSpec().getTemplate().getSpec()).withNodeName("node-1").build())
                .withNewStatus().withPhase("Succeeded").withStartTime("2026-12-04T10:00:02Z").withHostIP("10.0.0.7")
                .withContainerStatuses(new ContainerStatusBuilder().withName(ProctorNames.RUNNER_CONTAINER).withImage("runner:1")
                                .withImageID("sha256:abc").withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
                                .withMessage("{\"v\":1,\"verdict\":\"passed\"}").withStartedAt("2026-12-04T10:00:02Z")
                                .withFinishedAt("2026-12-04T10:00:09Z").endTerminated().endState().build(),
                        new ContainerStatusBuilder().withName("sidecar").withImage("proxy:1").build())
                .endStatus().build();
    }

    @Test
    void theRunIsObservedTheSameFromTrimmedObjects() {
        List<Job> jobs = List.of(job(0), job(1));
        List<Pod> pods = jobs.stream().map(CachedObjectsTest::pod).toList();
        assertThat(RunObserver.observe(jobs.stream().map(CachedObjectsTest::trimmedCopy).toList(), pods.stream().map(CachedObjectsTest::trimmedCopy).toList(), List.of()))
                .isEqualTo(RunObserver.observe(jobs, pods, List.of()))
                .allSatisfy(facts -> assertThat(facts.pod()).isNotNull());
        assertThat(RunObserver.completedWithoutPod(jobs.stream().map(CachedObjectsTest::trimmedCopy).toList(), List.of()))
                .hasSize(2).allSatisfy(job -> assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                        .as("a direct pod read selects on the template's labels").containsEntry(ProctorNames.LABEL_SHARD,
                                job.getMetadata().getLabels().get(ProctorNames.LABEL_SHARD)));
    }

    @Test
    void whatTheSdkMapsAndKeysOnIsKept() {
        Job full = job(2);
        Job trimmed = trimmedCopy(full);
        assertThat(trimmed.getMetadata().getOwnerReferences()).isEqualTo(full.getMetadata().getOwnerReferences()).isNotEmpty();
        assertThat(trimmed.getMetadata().getLabels()).isEqualTo(full.getMetadata().getLabels());
        assertThat(List.of(trimmed.getMetadata().getName(), trimmed.getMetadata().getNamespace(), trimmed.getMetadata().getUid(),
                trimmed.getMetadata().getResourceVersion())).containsExactly("nightly-shard-2", "team-a", "job-2", "42");
        Pod pod = trimmedCopy(pod(full));
        assertThat(pod.getMetadata().getLabels()).containsEntry(ProctorNames.LABEL_RUN, "nightly");
        assertThat(pod.getMetadata().getResourceVersion()).isEqualTo(pod(full).getMetadata().getResourceVersion());
    }

    @Test
    void theRunControllersInformersTrimAndListAPageAtATime() {
        var jobs = TestSuiteRunReconciler.jobInformer(true).getInformerConfig();
        var pods = TestSuiteRunReconciler.podInformer(true).getInformerConfig();
        assertThat(jobs.getItemStore()).isInstanceOf(io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore.class);
        assertThat(pods.getItemStore()).isInstanceOf(io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore.class);
        assertThat(List.of(jobs.getInformerListLimit(), pods.getInformerListLimit())).as("paged first lists").containsOnly(500L);
        assertThat(List.of(jobs.getLabelSelector(), pods.getLabelSelector())).containsOnly(ProctorNames.LABEL_RUN);
        assertThat(TestSuiteRunReconciler.jobInformer(false).getInformerConfig().getItemStore()).as("the benchmark's baseline").isNull();
    }

    @Test
    void managedFieldsAndThePodSpecAreDropped() {
        Job full = job(3);
        Job job = trimmedCopy(full);
        Pod pod = trimmedCopy(pod(full));
        assertThat(job.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(job.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(job.getSpec().getTemplate().getSpec()).isNull();
        assertThat(pod.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(pod.getSpec().getContainers()).isNullOrEmpty();
        assertThat(pod.getSpec().getVolumes()).isNullOrEmpty();
        assertThat(pod.getStatus().getContainerStatuses()).singleElement()
                .satisfies(c -> assertThat(c.getImage()).isNull());
        int fullBytes = Serialization.asJson(full).length() + Serialization.asJson(pod(full)).length();
        int keptBytes = Serialization.asJson(job).length() + Serialization.asJson(pod).length();
        assertThat(keptBytes).as("cached bytes of a shard's Job and Pod (full: %d)", fullBytes).isLessThan(fullBytes / 2);
    }

    @Test
    void theStoreTrimsTheObjectItIsGivenSinceTheInformerHandsThatOneToTheHandlers() {
        Job job = job(4);
        Pod pod = pod(job(4));
        var jobs = CachedObjects.jobStore();
        var pods = CachedObjects.podStore();
        jobs.put(jobs.getKey(job), job);
        pods.put(pods.getKey(pod), pod);
        assertThat(jobs.get(jobs.getKey(job))).isSameAs(job);
        assertThat(pods.get(pods.getKey(pod))).isSameAs(pod);
        assertThat(job.getMetadata().getManagedFields()).as("what an add notification carries").isNullOrEmpty();
        assertThat(job.getSpec().getTemplate().getSpec()).isNull();
        assertThat(pod.getSpec().getContainers()).isNullOrEmpty();
        assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(c -> assertThat(c.getImage()).isNull());
    }

    @Test
    void whatIsKeptHoldsNoEmptyCollectionsNoMutableCopiesAndSharesRepeatedStrings() {
        Job job0 = CachedObjects.job(asReadFromTheApiServer(job(5)));
        Job job1 = CachedObjects.job(asReadFromTheApiServer(job(6)));
        Pod pod0 = CachedObjects.pod(asReadFromTheApiServer(pod(job(5))));
        Pod pod1 = CachedObjects.pod(asReadFromTheApiServer(pod(job(6))));
        Map<String, Integer> asRead = census(asReadFromTheApiServer(pod(job(5))));
        assertThat(asRead.get("empty mutable collections")).as("what Jackson makes of a pod: %s", asRead).isGreaterThan(20);
        for (Object kept : List.of(job0, job1, pod0, pod1)) {
            Map<String, Integer> counts = census(kept);
            assertThat(counts).as("%s", counts).doesNotContainKey("empty mutable collections").doesNotContainKey("mutable collections")
                    .containsKey("model objects");
        }
        assertThat(pod1.getMetadata().getNamespace()).isSameAs(job0.getMetadata().getNamespace());
        assertThat(pod1.getMetadata().getLabels().get(ProctorNames.LABEL_RUN)).isSameAs(job0.getMetadata().getLabels().get(ProctorNames.LABEL_RUN))
                .isSameAs(job1.getSpec().getTemplate().getMetadata().getLabels().get(ProctorNames.LABEL_RUN));
        assertThat(job0.getMetadata().getOwnerReferences().get(0).getUid()).isSameAs(job1.getMetadata().getOwnerReferences().get(0).getUid());
    }

    @Test
    void compactingKeepsEveryValue() {
        Job job = asReadFromTheApiServer(job(7));
        Pod pod = asReadFromTheApiServer(pod(job(7)));
        assertThat(tree(CachedObjects.job(asReadFromTheApiServer(job(7))))).isEqualTo(tree(CachedObjects.trim(job)));
        assertThat(tree(CachedObjects.pod(asReadFromTheApiServer(pod(job(7)))))).isEqualTo(tree(CachedObjects.trim(pod)));
        assertThat(RunObserver.observe(List.of(CachedObjects.job(asReadFromTheApiServer(job(7)))),
                List.of(CachedObjects.pod(asReadFromTheApiServer(pod(job(7))))), List.of()))
                .isEqualTo(RunObserver.observe(List.of(job(7)), List.of(pod(job(7))), List.of()));
    }

    /** As the informer has it: read by Jackson from the API server's JSON. */
    static <T extends HasMetadata> T asReadFromTheApiServer(T object) {
        @SuppressWarnings("unchecked")
        T read = (T) Serialization.unmarshal(Serialization.asJson(object), object.getClass());
        return read;
    }

    static JsonNode tree(Object object) {
        return Serialization.jsonMapper().valueToTree(object);
    }

    /** Counts what a model object holds; mutable collections are what compacting leaves none of. */
    static Map<String, Integer> census(Object object) {
        Map<String, Integer> counts = new HashMap<>();
        census(object, counts);
        return counts;
    }

    private static void census(Object value, Map<String, Integer> counts) {
        if (value instanceof Map<?, ?> map) {
            boolean mutable = map instanceof java.util.HashMap || map instanceof java.util.TreeMap;
            counts.merge((map.isEmpty() ? "empty " : "") + (mutable ? "mutable collections" : "immutable collections"), 1, Integer::sum);
            map.values().forEach(v -> census(v, counts));
        } else if (value instanceof Collection<?> list) {
            boolean mutable = list instanceof java.util.ArrayList || list instanceof java.util.LinkedList;
            counts.merge((list.isEmpty() ? "empty " : "") + (mutable ? "mutable collections" : "immutable collections"), 1, Integer::sum);
            list.forEach(item -> census(item, counts));
        } else if (CompactModel.isModel(value)) {
            counts.merge("model objects", 1, Integer::sum);
            for (Field field : CompactModel.fields(value.getClass())) {
                try {
                    census(field.get(value), counts);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Trimming is in place: compare against a trimmed copy, the original stays whole. */
    static Job trimmedCopy(Job job) {
        return CachedObjects.job(new JobBuilder(job).build());
    }

    static Pod trimmedCopy(Pod pod) {
        return CachedObjects.pod(new PodBuilder(pod).build());
    }
}
