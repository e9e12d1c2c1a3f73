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
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final ExecutorService creates;
    private final int inFlight;

    /** @param inFlight how many of a run's Jobs are created at once (shared by all runs: at most this many creates wait on the API server) */
    RunWrites(KubernetesClient client, int inFlight) {
        this.client = client;
        this.inFlight = Math.max(1, inFlight);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(this.inFlight, this.inFlight, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "proctor-job-create-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true); // idle between bursts: no threads kept
        this.creates = pool;
    }

    static ApiFailure failureOf(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return new ApiFailure(Math.max(e.getCode(), 0), message);
    }

    /** @param refusal the API server's refusal that stopped the run, if one did; {@code notCreated} then lists the Jobs not created */
    record Created(Optional<Refusal> refusal, List<JobRequest> notCreated) {}

    /**
     * Creates the attempts' Jobs, up to {@code inFlight} at once (a 10-shard run used to wait for 10 creates one
     * after another; docs/design.md, "Scale and cost"). Every create is tried and waited for, whatever another one
     * met, so no Job is left half-known: the first permanent refusal (in request order) is returned with every
     * request that was not created; otherwise the first transient failure is thrown for the framework to retry, and
     * the retry finds the Jobs that were created (409: already there). Names are deterministic, so a create twice is
     * harmless.
     */
    Created createJobs(TestSuiteRun run, RunStores.Store store, List<JobRequest> requests, ShardJobs.Defaults defaults) {
        if (requests.size() <= 1 || inFlight == 1) return createInOrder(run, store, requests, defaults);
        List<Future<Optional<Refusal>>> results = new ArrayList<>(requests.size());
        for (JobRequest request : requests) {
            Job job = ShardJobs.build(run, store, request, defaults);
            results.add(creates.submit(() -> createIfAbsent(job)));
        }
        Optional<Refusal> refusal = Optional.empty();
        RuntimeException transientFailure = null;
        List<JobRequest> notCreated = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                Optional<Refusal> refused = await(results.get(i));
                if (refused.isPresent()) {
                    notCreated.add(requests.get(i));
                    if (refusal.isEmpty()) refusal = refused;
                }
            } catch (RuntimeException e) {
                notCreated.add(requests.get(i));
                if (transientFailure == null) transientFailure = e;
            }
        }
        if (refusal.isPresent()) return new Created(refusal, List.copyOf(notCreated));
        if (transientFailure != null) throw transientFailure;
        return new Created(Optional.empty(), List.of());
    }

    /** One at a time, stopping at the first permanent refusal: the rest are not created. */
    private Created createInOrder(TestSuiteRun run, RunStores.Store store, List<JobRequest> requests, ShardJobs.Defaults defaults) {
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

    /** The create's outcome; what it threw is rethrown as it was (a {@link TransientWriteFailure} among others). */
    private static <T> T await(Future<T> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the create is under way: its outcome must still be known
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
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
