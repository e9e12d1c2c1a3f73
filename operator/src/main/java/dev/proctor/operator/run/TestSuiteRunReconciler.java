package dev.proctor.operator.run;

import dev.proctor.core.run.AttemptFacts;
import dev.proctor.core.run.Decision;
import dev.proctor.core.run.JobRequest;
import dev.proctor.core.run.RunDecider;
import dev.proctor.core.run.RunSettings;
import dev.proctor.core.run.RunVerdict;
import dev.proctor.core.run.ShardState;
import dev.proctor.core.run.SuiteHistory;
import dev.proctor.core.state.Decoded;
import dev.proctor.core.sla.RunGate;
import dev.proctor.operator.api.v1alpha1.RetriesSpec;
import dev.proctor.operator.api.v1alpha1.ShardingSpec;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.config.ProctorConfig;
import dev.proctor.operator.config.Stopping;
import dev.proctor.operator.metrics.RunMetrics;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.operator.sla.RunGates;
import dev.proctor.operator.status.StatusWriter;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Reconciles a TestSuiteRun: observe its Jobs and Pods, let core decide, then create or delete Jobs and write
 * the status once. Holds no rules of its own. Informers select only Proctor's objects (label
 * {@code proctor.dev/run}); nothing is polled.
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
    private final RunGates gates;
    private final ProgressWrites progressWrites;
    private final RunWrites writes;
    private final Stopping stopping;
    private final StatusWriter<TestSuiteRun, TestSuiteRunStatus> statuses;

    public TestSuiteRunReconciler(KubernetesClient client, ProctorConfig config, Clock clock, RunMetrics metrics,
                                  RunEvents events, SuiteHistories histories, RunGates gates, Stopping stopping,
                                  StatusWriters statusWriters) {
        this.client = client;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.events = events;
        this.histories = histories;
        this.gates = gates;
        this.progressWrites = new ProgressWrites(config.statusProgressInterval());
        this.writes = new RunWrites(client);
        this.stopping = stopping;
        this.statuses = statusWriters.forController(NAME, TestSuiteRun.class, TestSuiteRun::new);
    }

    @Override
    public List<EventSource<?, TestSuiteRun>> prepareEventSources(EventSourceContext<TestSuiteRun> context) {
        metrics.controllerStarted(NAME);
        var jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, TestSuiteRun.class)
                .withName(JOBS)
                .withLabelSelector(ProctorNames.LABEL_RUN)
                .withNamespacesInheritedFromController()
                .build(), context);
        var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, TestSuiteRun.class)
                .withName(PODS)
                .withLabelSelector(ProctorNames.LABEL_RUN)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper((Pod pod) -> runOf(pod))
                .build(), context);
        metrics.watch(() -> context.getPrimaryCache().list());
        return List.of(jobs, pods);
    }

    private static Set<ResourceID> runOf(HasMetadata object) {
        String run = object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(ProctorNames.LABEL_RUN);
        return run == null ? Set.of() : Set.of(new ResourceID(run, object.getMetadata().getNamespace()));
    }

    @Override
    public UpdateControl<TestSuiteRun> reconcile(TestSuiteRun run, Context<TestSuiteRun> context) {
        Instant now = clock.instant();
        TestSuiteRunStatus before = statuses.freshest(run);
        if (before != null && before.phase != null && before.phase.isTerminal()) {
            return afterFinish(run, before, context, now);
        }
        Optional<RunWrites.Refusal> refused = Optional.empty();
        String unreadableHistory = null;
        if (before == null || before.planConfigMap == null) {
            writes.labelSuite(run);
            Decoded<SuiteHistory> history = histories.read(run.getMetadata().getNamespace(), run.getSpec().suite);
            if (!history.ok()) unreadableHistory = SuiteHistories.describeUnreadable(run.getSpec().suite, history.unreadable());
            refused = writes.createPlan(run, RunPlans.planConfigMap(run, RunPlans.plan(run, history.value())));
        }

        List<ShardState> previous = before == null || before.shards == null ? List.of()
                : before.shards.stream().map(RunStatusAggregator::fromStatus).toList();
        RunSettings settings = settings(run);
        List<AttemptFacts> facts = observe(run, context, before);
        if (stopping.now()) return UpdateControl.noUpdate(); // the caches may have been emptied under us: act on nothing
        Decision decision = RunDecider.decide(settings, previous, facts, now);

        List<JobRequest> notCreated = new ArrayList<>(decision.toCreate());
        if (refused.isEmpty()) {
            writes.stop(run, decision.toDelete());
            ShardJobs.Defaults defaults = ShardJobs.Defaults.from(config);
            for (JobRequest request : decision.toCreate()) {
                refused = writes.createIfAbsent(ShardJobs.build(run, request, defaults));
                if (refused.isPresent()) break;
                notCreated.remove(request);
            }
        }
        if (refused.isPresent()) {
            RunWrites.Refusal r = refused.get();
            LOG.warnf("%s/%s ends in Error: %s", run.getMetadata().getNamespace(), run.getMetadata().getName(), r.describe());
            decision = RunDecider.abort(settings, decision.shards(), notCreated,
                    "Job".equals(r.kind()) ? REASON_JOB_REJECTED : REASON_PLAN_REJECTED, r.describe(), now);
        }

        List<RunGate.Breach> gate = null;
        if (decision.verdict() != null && refused.isEmpty()) {
            Instant started = before != null && before.startTime != null ? Instant.parse(before.startTime) : now;
            gate = gates.check(run, decision.verdict().totals(), Duration.between(started, now).toSeconds()).orElse(null);
            if (gate != null) decision = gated(decision, RunGate.enforce(decision.verdict(), gate));
        }
        TestSuiteRunStatus after = RunStatusAggregator.aggregate(run, decision, now, gate);
        if (unreadableHistory != null) {
            RunStatusAggregator.historyUnreadable(after, run, unreadableHistory, now);
            events.historyUnreadable(run, unreadableHistory);
        }
        if (decision.verdict() != null) {
            histories.fold(run, decision.shards());
            after.historyRecorded = true;
            metrics.finished(run, decision.verdict(), after.durationSeconds == null ? 0 : after.durationSeconds, decision.shards());
        }

        UpdateControl<TestSuiteRun> control = UpdateControl.noUpdate();
        if (!StatusWriter.same(before, after)) {
            Optional<Duration> deferred = progressWrites.defer(run, before, after, decision, now);
            if (deferred.isPresent()) {
                // only progress changed and the last write was moments ago: write it (and its Events) a little later,
                // together with whatever else finishes meanwhile
                return UpdateControl.<TestSuiteRun>noUpdate().rescheduleAfter(deferred.get());
            }
            events.transitions(run, before, after, decision);
            progressWrites.written(run, after, now);
            statuses.write(run, after);
        }
        if (decision.recheckAt() != null) {
            control.rescheduleAfter(Duration.between(now, decision.recheckAt()).plusSeconds(1));
        } else if (decision.verdict() != null) {
            ttlRemaining(run, after, now).ifPresent(control::rescheduleAfter);
        }
        return control;
    }

    /**
     * What the cluster shows of the run's attempts. A Job the status recorded but the cache does not hold is looked up
     * on the API server before it is called deleted: the cache may just not have caught up with a Job we created.
     */
    private List<AttemptFacts> observe(TestSuiteRun run, Context<TestSuiteRun> context, TestSuiteRunStatus before) {
        List<Job> jobs = new ArrayList<>(context.getSecondaryResources(Job.class));
        List<RunObserver.Slot> gone = new ArrayList<>();
        for (String name : RunObserver.recordedButUnseen(run.getMetadata().getName(), before == null ? null : before.shards, jobs)) {
            Job live = client.batch().v1().jobs().inNamespace(run.getMetadata().getNamespace()).withName(name).get();
            if (live != null) jobs.add(live);
            else slotOfJobName(run, name, before).ifPresent(gone::add);
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
     * A finished run stops any Job left waiting (a pod stuck on its image) and then only waits for its TTL;
     * its children go with it through owner references.
     */
    private UpdateControl<TestSuiteRun> afterFinish(TestSuiteRun run, TestSuiteRunStatus status, Context<TestSuiteRun> context,
                                                    Instant now) {
        List<ShardState> recorded = status.shards == null ? List.of()
                : status.shards.stream().map(RunStatusAggregator::fromStatus).toList();
        List<AttemptFacts> facts = RunObserver.observe(context.getSecondaryResources(Job.class),
                context.getSecondaryResources(Pod.class), List.of());
        if (stopping.now()) return UpdateControl.noUpdate();
        writes.stop(run, RunDecider.jobsToStop(recorded, facts));
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

    /** The decision with the verdict a Gate-mode SLA policy turned it into. */
    private static Decision gated(Decision d, RunVerdict verdict) {
        return new Decision(verdict.phase(), d.shards(), d.toCreate(), d.toDelete(), verdict, d.recheckAt());
    }

    static Optional<Duration> ttlRemaining(TestSuiteRun run, TestSuiteRunStatus status, Instant now) {
        Long ttl = run.getSpec().ttlSecondsAfterFinished;
        if (ttl == null || status == null || status.completionTime == null) return Optional.empty();
        Duration left = Duration.between(now, Instant.parse(status.completionTime).plusSeconds(ttl));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    private static Optional<RunObserver.Slot> slotOfJobName(TestSuiteRun run, String jobName, TestSuiteRunStatus status) {
        return status.shards.stream()
                .filter(s -> ProctorNames.jobName(run.getMetadata().getName(), s.index, s.attempt).equals(jobName))
                .findFirst().map(s -> new RunObserver.Slot(s.index, s.attempt));
    }

    RunSettings settings(TestSuiteRun run) {
        ShardingSpec sharding = run.getSpec().sharding;
        RetriesSpec retries = run.getSpec().retries;
        List<RetriesSpec.On> on = retries == null || retries.when == null ? List.of(RetriesSpec.On.Infrastructure) : retries.when;
        return new RunSettings(RunPlans.shards(run), sharding == null || sharding.parallelism == null ? 0 : sharding.parallelism,
                retries == null || retries.limit == null ? 0 : retries.limit,
                on.contains(RetriesSpec.On.Infrastructure), on.contains(RetriesSpec.On.TestFailures),
                config.stuckPodGrace(), config.maxFailedTests());
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
        TestSuiteRunStatus before = statuses.freshest(run);
        if (before != null && before.phase != null && before.phase.isTerminal()) return ErrorStatusUpdateControl.noStatusUpdate();
        TestSuiteRunStatus after = RunStatusAggregator.retrying(before, run, RetryCause.of(e), attempt, clock.instant());
        if (StatusWriter.same(before, after)) return ErrorStatusUpdateControl.noStatusUpdate();
        try {
            statuses.write(run, after);
            if (!RunStatusAggregator.isRetrying(before)) events.retrying(run, after);
        } catch (RuntimeException writeFailed) {
            LOG.debugf("could not record the Retrying condition of %s/%s: %s", run.getMetadata().getNamespace(),
                    run.getMetadata().getName(), writeFailed.getMessage());
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
