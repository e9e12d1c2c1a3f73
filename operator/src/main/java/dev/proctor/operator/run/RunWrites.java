package dev.proctor.operator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proctor.core.run.ApiFailure;
import dev.proctor.core.run.JobRequest;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A run's writes to the API server other than its status — the suite label, the plan ConfigMap, shard Jobs and
 * stopping them — with every failure classified by core's {@link ApiFailure}: a permanent refusal is returned for
 * the run to end on; a transient one is thrown as {@link TransientWriteFailure} for the framework to retry with
 * backoff.
 */
final class RunWrites {
    private static final Logger LOG = Logger.getLogger(RunWrites.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A write that may succeed when asked again: the reconcile is retried with backoff and a condition says why. */
    static final class TransientWriteFailure extends RuntimeException {
        final transient ApiFailure failure;

        TransientWriteFailure(String what, ApiFailure failure, Throwable cause) {
            super(what + ": " + failure.message(), cause);
            this.failure = failure;
        }
    }

    /** What the API server refused for good, and which object it was. */
    record Refusal(String kind, String name, ApiFailure failure) {
        /** The run's reason when it ends on this refusal. */
        String reason() {
            return "Job".equals(kind) ? TestSuiteRunReconciler.REASON_JOB_REJECTED : TestSuiteRunReconciler.REASON_PLAN_REJECTED;
        }

        String describe() {
            return "the API server refused " + kind + " " + name + " (" + failure.code() + " " + failure.reason() + "): "
                    + failure.message();
        }
    }

    private final KubernetesClient client;

    RunWrites(KubernetesClient client) {
        this.client = client;
    }

    static ApiFailure failureOf(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return new ApiFailure(Math.max(e.getCode(), 0), message);
    }

    /** @param refusal the API server's refusal that stopped the creation, if one did; {@code notCreated} then lists the rest */
    record Created(Optional<Refusal> refusal, List<JobRequest> notCreated) {}

    /** Creates the attempts' Jobs in order until the API server refuses one for good. */
    Created createJobs(TestSuiteRun run, RunStores.Store store, List<JobRequest> requests, ShardJobs.Defaults defaults) {
        for (int i = 0; i < requests.size(); i++) {
            Optional<Refusal> refused = createIfAbsent(ShardJobs.build(run, store, requests.get(i), defaults));
            if (refused.isPresent()) return new Created(refused, List.copyOf(requests.subList(i, requests.size())));
        }
        return new Created(Optional.empty(), List.of());
    }

    /**
     * Creates the run's reporter Job once; a Job already there (a restarted operator) is success.
     *
     * @return the API server's permanent refusal, if it refused
     */
    Optional<Refusal> createReportJob(TestSuiteRun run, TestSuiteRunStatus status, ShardJobs.Defaults defaults) {
        return createIfAbsent(RunReports.job(run, status, defaults));
    }

    /** Creates the object; one that already exists is success, since a restarted operator may act on a decision twice. */
    Optional<Refusal> createIfAbsent(HasMetadata object) {
        try {
            client.resource(object).create();
            return Optional.empty();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                LOG.debugf("%s %s already exists", object.getKind(), object.getMetadata().getName());
                return Optional.empty();
            }
            return refusalOrThrow(object, e);
        }
    }

    /** A permanent refusal to create {@code object}; a transient failure is thrown for the framework to retry. */
    private static Optional<Refusal> refusalOrThrow(HasMetadata object, KubernetesClientException e) {
        ApiFailure failure = failureOf(e);
        if (!failure.permanent()) {
            throw new TransientWriteFailure("creating " + object.getKind() + " " + object.getMetadata().getName(), failure, e);
        }
        return Optional.of(new Refusal(object.getKind(), object.getMetadata().getName(), failure));
    }

    /**
     * Creates the run's plan ConfigMap. One already there is this run's own plan (a restarted operator) only if the run
     * owns it: a ConfigMap of that name that someone else made would hand every shard a plan that is not the run's, so
     * the run must not start on it.
     */
    Optional<Refusal> createPlan(TestSuiteRun run, ConfigMap plan) {
        try {
            client.resource(plan).create();
            return Optional.empty();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) return refusalOrThrow(plan, e);
        }
        ConfigMap existing = client.configMaps().inNamespace(plan.getMetadata().getNamespace()).withName(plan.getMetadata().getName()).get();
        boolean ours = existing != null && existing.getMetadata().getOwnerReferences() != null && existing.getMetadata().getOwnerReferences()
                .stream().anyMatch(o -> run.getMetadata().getUid().equals(o.getUid()));
        if (existing == null || ours) return Optional.empty();
        return Optional.of(new Refusal("ConfigMap", plan.getMetadata().getName(), new ApiFailure(HttpURLConnection.HTTP_CONFLICT,
                "ConfigMap " + plan.getMetadata().getName() + " (key " + ProctorNames.PLAN_KEY + ") already exists and does not belong"
                        + " to this run: its shards would read a plan that is not theirs; delete or rename it, or the run")));
    }

    /** Stops the attempts' Jobs (their pods go with them); one already gone is fine. */
    void stop(TestSuiteRun run, List<JobRequest> attempts) {
        for (JobRequest attempt : attempts) {
            String name = ProctorNames.jobName(run.getMetadata().getName(), attempt.shard(), attempt.attempt());
            LOG.infof("stopping Job %s/%s: its run recorded the attempt's end", run.getMetadata().getNamespace(), name);
            client.batch().v1().jobs().inNamespace(run.getMetadata().getNamespace()).withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
    }

    /**
     * Puts {@code proctor.dev/suite} from spec.suite on the run itself (once: the spec is immutable), so that
     * {@code kubectl get tsr -l proctor.dev/suite=…} and label selectors find it; a label the user set stays. The run
     * passed in takes the new resourceVersion, so this reconcile's status write does not conflict with the label.
     */
    void labelSuite(TestSuiteRun run) {
        Map<String, String> labels = run.getMetadata().getLabels();
        if (labels != null && labels.containsKey(ProctorNames.LABEL_SUITE)) return;
        String patch = JSON.createObjectNode().set("metadata", JSON.createObjectNode().set("labels",
                JSON.createObjectNode().put(ProctorNames.LABEL_SUITE, run.getSpec().suite))).toString();
        TestSuiteRun labelled = client.resources(TestSuiteRun.class).inNamespace(run.getMetadata().getNamespace())
                .withName(run.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        run.getMetadata().setResourceVersion(labelled.getMetadata().getResourceVersion());
        run.getMetadata().setLabels(labelled.getMetadata().getLabels());
    }
}
