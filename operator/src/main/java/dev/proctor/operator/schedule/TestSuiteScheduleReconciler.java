package dev.proctor.operator.schedule;

import dev.proctor.core.schedule.ScheduleDecider;
import dev.proctor.core.schedule.ScheduleDecision;
import dev.proctor.core.schedule.ScheduleSettings;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteSchedule;
import dev.proctor.operator.api.v1alpha1.TestSuiteScheduleStatus;
import dev.proctor.operator.config.Stopping;
import dev.proctor.operator.events.KubeEvents;
import dev.proctor.operator.metrics.RunMetrics;
import dev.proctor.operator.metrics.ScheduleMetrics;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.operator.status.StatusWriter;
import dev.proctor.operator.status.StatusWriters;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reconciles a TestSuiteSchedule: reads its runs, lets core's {@link ScheduleDecider} decide which slot is due and
 * what to stop or prune, creates and deletes TestSuiteRuns accordingly, writes the status and sets one timer for the
 * next slot. Nothing polls. A run's name comes from its slot, so acting on a decision twice makes nothing twice.
 */
@ControllerConfiguration(name = TestSuiteScheduleReconciler.NAME, generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = ScheduleUpdates.class))
public class TestSuiteScheduleReconciler implements Reconciler<TestSuiteSchedule> {
    public static final String NAME = "testsuiteschedule";
    private static final Logger LOG = Logger.getLogger(TestSuiteScheduleReconciler.class);
    /** Woken this much after a slot, so that the slot has surely passed on the operator's clock. */
    private static final Duration AFTER_SLOT = Duration.ofMillis(50);

    private final KubernetesClient client;
    private final ScheduleClock clock;
    private final KubeEvents events;
    private final ScheduleMetrics metrics;
    private final RunMetrics runMetrics;
    private final Stopping stopping;
    private final StatusWriter<TestSuiteSchedule, TestSuiteScheduleStatus> statuses;

    public TestSuiteScheduleReconciler(KubernetesClient client, ScheduleClock clock, KubeEvents events, ScheduleMetrics metrics,
                                       RunMetrics runMetrics, Stopping stopping, StatusWriters statusWriters) {
        this.client = client;
        this.clock = clock;
        this.events = events;
        this.metrics = metrics;
        this.runMetrics = runMetrics;
        this.stopping = stopping;
        this.statuses = statusWriters.forController(NAME, TestSuiteSchedule.class, TestSuiteSchedule::new);
    }

    @Override
    public List<EventSource<?, TestSuiteSchedule>> prepareEventSources(EventSourceContext<TestSuiteSchedule> context) {
        runMetrics.controllerStarted(NAME);
        // a run finishing or going away changes what is active, the history and the last result
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(TestSuiteRun.class, TestSuiteSchedule.class)
                .withName("runs")
                .withLabelSelector(ProctorNames.LABEL_SCHEDULE)
                .withNamespacesInheritedFromController()
                .build(), context));
    }

    @Override
    public UpdateControl<TestSuiteSchedule> reconcile(TestSuiteSchedule schedule, Context<TestSuiteSchedule> context) {
        Instant now = clock.now();
        String ns = schedule.getMetadata().getNamespace();
        String name = schedule.getMetadata().getName();
        TestSuiteScheduleStatus before = statuses.freshest(schedule);
        metrics.seen(ns, name);
        ScheduleSettings settings;
        try {
            settings = ScheduleSpecs.settings(schedule.getSpec());
        } catch (IllegalArgumentException e) {
            TestSuiteScheduleStatus invalid = ScheduleStatusBuilder.invalid(schedule, before, e.getMessage(), now);
            if (!StatusWriter.same(before, invalid)) {
                events.warning(schedule, "InvalidSchedule", e.getMessage());
                statuses.write(schedule, invalid);
            }
            return UpdateControl.noUpdate(); // a new spec wakes it again
        }

        List<TestSuiteRun> runs = new ArrayList<>(context.getSecondaryResources(TestSuiteRun.class));
        if (stopping.now()) return UpdateControl.noUpdate();
        Instant since = before != null && before.lastScheduleTime != null ? Instant.parse(before.lastScheduleTime)
                : clock.scheduleTime(Instant.parse(schedule.getMetadata().getCreationTimestamp()));
        boolean runNow = ScheduleUpdates.runNow(schedule) != null;
        ScheduleDecision decision = ScheduleDecider.decide(settings, name, since,
                runs.stream().map(r -> ScheduleRuns.of(r, clock)).toList(), runNow, now);

        String problem = act(schedule, decision, runs);
        if (runNow) clearRunNow(schedule);
        TestSuiteScheduleStatus after = ScheduleStatusBuilder.build(schedule, before, decision, runs, problem, now);
        if (!StatusWriter.same(before, after)) statuses.write(schedule, after);

        UpdateControl<TestSuiteSchedule> control = UpdateControl.noUpdate();
        if (decision.wakeUpAt() != null) control.rescheduleAfter(clock.realDelayUntil(decision.wakeUpAt()).plus(AFTER_SLOT));
        return control;
    }

    /**
     * Stops, creates and prunes runs as decided, and says so in Events and metrics. {@code runs} is left as the
     * cluster will show it. Returns why a run could not be created, or null.
     */
    private String act(TestSuiteSchedule schedule, ScheduleDecision decision, List<TestSuiteRun> runs) {
        String ns = schedule.getMetadata().getNamespace();
        String name = schedule.getMetadata().getName();
        if (decision.missed() > 0) {
            events.warning(schedule, "MissedSchedule", "missed " + decision.missed() + " run" + (decision.missed() == 1 ? "" : "s")
                    + " up to " + decision.lastScheduleTime() + " (the operator was down, the schedule suspended, or "
                    + "startingDeadlineSeconds passed); at most the latest slot runs");
            metrics.missed(ns, name, decision.missed());
        }
        if (decision.skipped() != null) {
            events.normal(schedule, "SkippedRun", "slot " + decision.skipped() + " skipped: " + String.join(", ", decision.blockedBy())
                    + " still running (concurrencyPolicy Forbid)");
            metrics.skipped(ns, name);
        }
        for (String stop : decision.stop()) {
            delete(ns, stop);
            events.normal(schedule, "RunStopped", "stopped " + stop + " for the next slot (concurrencyPolicy Replace)");
            runs.removeIf(r -> r.getMetadata().getName().equals(stop));
        }
        String problem = null;
        for (ScheduleDecision.NewRun slot : decision.create()) {
            TestSuiteRun run = ScheduleRuns.build(schedule, slot);
            try {
                TestSuiteRun created = client.resource(run).create();
                runs.add(created);
                metrics.started(ns, name);
                events.normal(schedule, "RunCreated", "created " + slot.name() + (slot.manual() ? " (run-now)" : " for " + slot.scheduledAt()));
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) continue; // made before a restart: one run per slot
                if (e.getCode() >= 500 || e.getCode() == 0 || e.getCode() == 429) throw e; // transient: retried with backoff
                problem = "the API server refused run " + slot.name() + " (" + e.getCode() + "): "
                        + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage());
                events.warning(schedule, "RunRejected", problem);
            }
        }
        for (String old : decision.prune()) {
            delete(ns, old);
            runs.removeIf(r -> r.getMetadata().getName().equals(old));
        }
        return problem;
    }

    private void delete(String namespace, String run) {
        client.resources(TestSuiteRun.class).inNamespace(namespace).withName(run)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    /** Removes the run-now annotation, as {@code kubectl annotate tss NAME proctor.dev/run-now-} would. */
    private void clearRunNow(TestSuiteSchedule schedule) {
        client.resources(TestSuiteSchedule.class).inNamespace(schedule.getMetadata().getNamespace())
                .withName(schedule.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"" + TestSuiteSchedule.RUN_NOW + "\":null}}}");
    }

    @Override
    public ErrorStatusUpdateControl<TestSuiteSchedule> updateErrorStatus(TestSuiteSchedule schedule, Context<TestSuiteSchedule> context,
                                                                       Exception e) {
        runMetrics.reconcileError(NAME);
        LOG.warnf("reconcile of TestSuiteSchedule %s/%s failed (will retry): %s", schedule.getMetadata().getNamespace(),
                schedule.getMetadata().getName(), e.getMessage());
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
