package dev.proctor.operator.run;

import dev.proctor.core.run.AttemptFacts;
import dev.proctor.core.run.Decision;
import dev.proctor.core.run.JobRequest;
import dev.proctor.core.run.RunDecider;
import dev.proctor.core.run.RunSettings;
import dev.proctor.core.run.SuiteHistory;
import dev.proctor.core.state.Decoded;
import dev.proctor.operator.api.v1alpha1.ReportStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.config.ProctorConfig;
import dev.proctor.operator.config.Stopping;
import dev.proctor.operator.metrics.RunMetrics;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.operator.sla.SlaGates;
import dev.proctor.operator.status.StatusWriters;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Reconciles a TestSuiteRun: observe its Jobs and Pods ({@link RunReads}), let core decide ({@link RunDecider}, the
 * SLA gate included), then create or delete Jobs ({@link RunWrites}) and write the status once. Holds no rules of its
 * own. Informers select only Proctor's objects (label {@code proctor.dev/run}); nothing is polled.
 */
@ControllerConfiguration(name = TestSuiteRunReconciler.NAME)
public class TestSuiteRunReconciler implements Reconciler<TestSuiteRun> {
    public static final String NAME = "testsuiterun";
    static final String JOBS = "jobs";
    static final String PODS = "pods";
    private static final Logger LOG = Logger.getLogger(TestSuiteRunReconciler.class);
    /** The run's reason when the API server refused a shard's Job, or its plan ConfigMap, for good. */
    public static final String REASON_JOB_REJECTED = "JobRejected";
    public static final String REASON_PLAN_REJECTED = "PlanRejected";

    private final KubernetesClient client;
    private final ProctorConfig config;
    private final Clock clock;
    private final RunMetrics metrics;
    private final RunEvents events;
    private final SuiteHistories histories;
    private final SlaGates gates;
    private final RunReads reads;
    private final RunWrites writes;
    private final RunStatusRecorder recorder;
    private final Stopping stopping;

    public TestSuiteRunReconciler(KubernetesClient client, ProctorConfig config, Clock clock, RunMetrics metrics,
                                  RunEvents events, SuiteHistories histories, SlaGates gates, Stopping stopping,
                                  StatusWriters statusWriters) {
        this.client = client;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.events = events;
        this.histories = histories;
        this.gates = gates;
        this.reads = new RunReads(client);
        this.writes = new RunWrites(client, config.jobCreatesInFlight());
        this.recorder = new RunStatusRecorder(statusWriters.forController(NAME, TestSuiteRun.class, TestSuiteRun::new),
                new ProgressWrites(config.statusProgressInterval()), events);
        this.stopping = stopping;
    }

    @Override
    public List<EventSource<?, TestSuiteRun>> prepareEventSources(EventSourceContext<TestSuiteRun> context) {
        metrics.controllerStarted(NAME);
        var jobs = new InformerEventSource<>(jobInformer(config.trimCachedObjects()), context);
        var pods = new InformerEventSource<>(podInformer(config.trimCachedObjects()), context);
        metrics.watch(() -> context.getPrimaryCache().list());
        return List.of(jobs, pods);
    }

    /**
     * The shards' Jobs, listed a page at a time: an unpaged first list of 10,000 Jobs is held whole, before any is
     * trimmed, and ran a 384 MiB heap out (docs/design.md, "Scale and cost").
     */
    static InformerEventSourceConfiguration<Job> jobInformer(boolean trim) {
        var config = InformerEventSourceConfiguration.from(Job.class, TestSuiteRun.class)
                .withName(JOBS)
                .withLabelSelector(ProctorNames.LABEL_RUN)
                .withNamespacesInheritedFromController()
                .withInformerListLimit(LIST_PAGE);
        if (trim) config.withItemStore(CachedObjects.jobStore());
        return config.build();
    }

    /** The shards' Pods, mapped to their run by label, listed a page at a time. */
    static InformerEventSourceConfiguration<Pod> podInformer(boolean trim) {
        var config = InformerEventSourceConfiguration.from(Pod.class, TestSuiteRun.class)
                .withName(PODS)
                .withLabelSelector(ProctorNames.LABEL_RUN)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper((Pod pod) -> runOf(pod))
                .withInformerListLimit(LIST_PAGE);
        if (trim) config.withItemStore(CachedObjects.podStore());
        return config.build();
    }

    /** Objects per page of an informer's list (and re-list after a watch expired). */
    static final long LIST_PAGE = 500;

    private static Set<ResourceID> runOf(HasMetadata object) {
        String run = object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(ProctorNames.LABEL_RUN);
        return run == null ? Set.of() : Set.of(new ResourceID(run, object.getMetadata().getNamespace()));
    }

    @Override
    public UpdateControl<TestSuiteRun> reconcile(TestSuiteRun run, Context<TestSuiteRun> context) {
        Instant now = clock.instant();
        TestSuiteRunStatus before = recorder.freshest(run);
        if (before != null && before.phase != null && before.phase.isTerminal()) return afterFinish(run, before, context, now);
        Optional<RunWrites.Refusal> refused = Optional.empty();
        String unreadableHistory = null;
        RunStores.Store store = RunStores.recorded(run, before);
        if (before == null || before.planConfigMap == null) {
            writes.labelSuite(run);
            if (!store.present()) store = RunStores.atStart(run, reads.namespaceStore(run));
            Decoded<SuiteHistory> history = histories.read(run.getMetadata().getNamespace(), run.getSpec().suite);
            if (!history.ok()) unreadableHistory = SuiteHistories.describeUnreadable(run.getSpec().suite, history.unreadable());
            refused = writes.createPlan(run, RunPlans.planConfigMap(run, RunPlans.plan(run, history.value())));
        }

        RunSettings settings = RunPlans.settings(run, config);
        List<AttemptFacts> facts = reads.attempts(run, context, before);
        if (stopping.now()) return UpdateControl.noUpdate(); // the caches may have been emptied under us: act on nothing
        Decision decision = RunDecider.decide(settings, before == null ? null : before.phase, RunStatusAggregator.recordedShards(before),
                facts, gates.forRun(run, RunStatusAggregator.startedAt(before, now)), now);

        List<JobRequest> notCreated = decision.toCreate();
        if (refused.isEmpty()) {
            writes.stop(run, decision.toDelete());
            RunWrites.Created created = writes.createJobs(run, store, decision.toCreate(), ShardJobs.Defaults.from(config));
            refused = created.refusal();
            notCreated = created.notCreated();
        }
        if (refused.isPresent()) {
            RunWrites.Refusal r = refused.get();
            LOG.warnf("%s/%s ends in Error: %s", run.getMetadata().getNamespace(), run.getMetadata().getName(), r.describe());
            decision = RunDecider.abort(settings, decision.shards(), notCreated, r.reason(), r.describe(), now);
        }

        TestSuiteRunStatus after = RunStatusAggregator.aggregate(run, before, store, decision, now);
        if (unreadableHistory != null) {
            RunStatusAggregator.historyUnreadable(after, run, unreadableHistory, now);
            events.historyUnreadable(run, unreadableHistory);
        }
        if (decision.verdict() != null) {
            after = startReport(run, after, now);
            histories.fold(run, decision.shards());
            after.historyRecorded = true;
            metrics.finished(run, decision.verdict(), after.durationSeconds == null ? 0 : after.durationSeconds, decision.shards());
        }
        Optional<Duration> deferred = recorder.record(run, before, after, decision, now);
        if (deferred.isPresent()) return UpdateControl.<TestSuiteRun>noUpdate().rescheduleAfter(deferred.get());
        UpdateControl<TestSuiteRun> control = UpdateControl.noUpdate();
        if (decision.recheckAt() != null) {
            control.rescheduleAfter(Duration.between(now, decision.recheckAt()).plusSeconds(1));
        } else if (decision.verdict() != null) {
            ttlRemaining(run, after, now).ifPresent(control::rescheduleAfter);
        }
        return control;
    }

    /**
     * A finished run stops any Job left waiting (a pod stuck on its image) and then only waits for its TTL;
     * its children go with it through owner references.
     */
    private UpdateControl<TestSuiteRun> afterFinish(TestSuiteRun run, TestSuiteRunStatus status, Context<TestSuiteRun> context,
                                                    Instant now) {
        List<AttemptFacts> facts = RunReads.cachedAttempts(context);
        if (stopping.now()) return UpdateControl.noUpdate();
        writes.stop(run, RunDecider.jobsToStop(RunStatusAggregator.recordedShards(status), facts));
        recorder.recordReport(run, status, report(run, status, context, now));
        Optional<Duration> remaining = ttlRemaining(run, status, now);
        if (remaining.isPresent() && remaining.get().isZero()) {
            LOG.infof("deleting %s/%s: ttlSecondsAfterFinished elapsed", run.getMetadata().getNamespace(), run.getMetadata().getName());
            client.resource(run).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            return UpdateControl.noUpdate();
        }
        UpdateControl<TestSuiteRun> control = UpdateControl.noUpdate();
        remaining.ifPresent(control::rescheduleAfter);
        return control;
    }

    /**
     * A finished run with a store gets its reporter Job once (a Job already there is this run's: a restarted operator
     * lost nothing); an API server that refuses it for good fails only the report, never the run.
     */
    private TestSuiteRunStatus startReport(TestSuiteRun run, TestSuiteRunStatus status, Instant now) {
        if (!RunReports.wanted(run, status) || status.report != null) return status;
        Optional<RunWrites.Refusal> refused = writes.createReportJob(run, status, ShardJobs.Defaults.from(config));
        return RunReports.withReport(status, run, refused.isPresent() ? RunReports.rejected(run, status, refused.get().describe())
                : RunReports.pending(run, status), now);
    }

    /**
     * The finished run's status with its report as the reporter's Job and pod show it (the run keeps watching the
     * reporter after the verdict: its Jobs and pods carry the run's label like the shards').
     */
    private TestSuiteRunStatus report(TestSuiteRun run, TestSuiteRunStatus status, Context<TestSuiteRun> context, Instant now) {
        if (!RunReports.wanted(run, status)) return status;
        if (status.report == null) return startReport(run, status, now);
        ReportStatus observed = RunReports.observe(run, status, status.report,
                RunReports.reportJob(run, context.getSecondaryResources(Job.class)),
                RunReports.reportPod(context.getSecondaryResources(Pod.class)));
        return observed == status.report ? status : RunReports.withReport(status, run, observed, now);
    }

    private static Optional<Duration> ttlRemaining(TestSuiteRun run, TestSuiteRunStatus status, Instant now) {
        Instant completedAt = status == null || status.completionTime == null ? null : Instant.parse(status.completionTime);
        return RunDecider.ttlRemaining(completedAt, run.getSpec().ttlSecondsAfterFinished, now);
    }

    /**
     * A reconcile that threw is retried with backoff, without limit (see {@code application.properties}); the run's
     * {@code Retrying} condition says what failed and that it is being retried. Permanent refusals never get here:
     * they end the run in {@link #reconcile}.
     */
    @Override
    public ErrorStatusUpdateControl<TestSuiteRun> updateErrorStatus(TestSuiteRun run, Context<TestSuiteRun> context, Exception e) {
        metrics.reconcileError(NAME);
        int attempt = context.getRetryInfo().map(RetryInfo::getAttemptCount).orElse(1);
        LOG.warnf("reconcile of %s/%s failed (attempt %d, will retry): %s", run.getMetadata().getNamespace(),
                run.getMetadata().getName(), attempt, e.getMessage());
        recorder.retrying(run, RetryCause.of(e), attempt, clock.instant());
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
