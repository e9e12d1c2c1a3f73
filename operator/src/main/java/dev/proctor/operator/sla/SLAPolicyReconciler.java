package dev.proctor.operator.sla;

import dev.proctor.core.policy.DeliveryResult;
import dev.proctor.core.policy.PolicyDecider;
import dev.proctor.core.policy.PolicyDecision;
import dev.proctor.core.policy.PolicySettings;
import dev.proctor.core.sla.RunRecord;
import dev.proctor.operator.alert.RouteTree;
import dev.proctor.operator.api.v1alpha1.AlertRoute;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.sla.SLAPolicyStatus;
import dev.proctor.operator.delivery.DeliveryConfig;
import dev.proctor.operator.delivery.OutboxWorker;
import dev.proctor.operator.metrics.RunMetrics;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.operator.status.StatusWriter;
import dev.proctor.operator.status.StatusWriters;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reconciles an SLAPolicy: read its state ConfigMap, the finished runs it selects, the AlertRoutes serving its
 * namespace and what the delivery worker reported since; let core decide ({@link PolicyDecider}); write the state
 * (outbox included), hand the outbox to the {@link OutboxWorker}, and write the status once. It never sends: the
 * worker does, and each of its results wakes this reconcile again through an inbound event source. Also woken by
 * finished TestSuiteRuns its selector matches, by spec and acknowledge-annotation changes
 * ({@link SpecOrAcknowledgeFilter}), and by one timer for the next deadline or retry.
 */
@ControllerConfiguration(name = SLAPolicyReconciler.NAME, generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = SpecOrAcknowledgeFilter.class))
public class SLAPolicyReconciler implements Reconciler<SLAPolicy> {
    public static final String NAME = "slapolicy";
    static final String RUNS = "runs";
    static final String ROUTES = "alertroutes";
    static final String DELIVERIES = "deliveries";
    private static final Logger LOG = Logger.getLogger(SLAPolicyReconciler.class);

    private final PolicyStateConfigMaps states;
    private final Clock clock;
    private final OutboxWorker worker;
    private final DeliveryConfig delivery;
    private final SlaEvents events;
    private final SlaMetrics metrics;
    private final RunMetrics runMetrics;
    private final StatusWriter<SLAPolicy, SLAPolicyStatus> statuses;

    public SLAPolicyReconciler(PolicyStateConfigMaps states, Clock clock, OutboxWorker worker, DeliveryConfig delivery,
                               SlaEvents events, SlaMetrics metrics, RunMetrics runMetrics, StatusWriters statusWriters) {
        this.states = states;
        this.clock = clock;
        this.worker = worker;
        this.delivery = delivery;
        this.events = events;
        this.metrics = metrics;
        this.runMetrics = runMetrics;
        this.statuses = statusWriters.forController(NAME, SLAPolicy.class, SLAPolicy::new);
    }

    @Override
    public List<EventSource<?, SLAPolicy>> prepareEventSources(EventSourceContext<SLAPolicy> context) {
        runMetrics.controllerStarted(NAME);
        var runs = new InformerEventSource<>(InformerEventSourceConfiguration.from(TestSuiteRun.class, SLAPolicy.class)
                .withName(RUNS)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper((TestSuiteRun run) -> policiesSelecting(context, run))
                .build(), context);
        var routes = new InformerEventSource<>(InformerEventSourceConfiguration.from(AlertRoute.class, SLAPolicy.class)
                .withName(ROUTES)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper((AlertRoute route) -> Set.of())
                .build(), context);
        SimpleInboundEventSource<SLAPolicy> delivered = new SimpleInboundEventSource<>(DELIVERIES);
        worker.onResult(delivered::propagateEvent);
        return List.of(runs, routes, delivered);
    }

    /** A finished run wakes the policies of its namespace that select it; a run still going wakes none. */
    private static Set<ResourceID> policiesSelecting(EventSourceContext<SLAPolicy> context, TestSuiteRun run) {
        if (!RunRecords.finished(run)) return Set.of();
        String ns = run.getMetadata().getNamespace();
        return context.getPrimaryCache().list(ns)
                .filter(p -> p.getSpec() != null && Selectors.matches(p.getSpec().selector, ProctorNames.selectionLabels(run)))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    @Override
    public UpdateControl<SLAPolicy> reconcile(SLAPolicy policy, Context<SLAPolicy> context) {
        Instant now = clock.instant();
        SLAPolicyStatus before = statuses.freshest(policy);
        PolicySettings settings;
        try {
            settings = PolicySpecs.settings(policy);
        } catch (IllegalArgumentException e) {
            write(policy, before, PolicyStatusBuilder.invalid(policy, before, e.getMessage(), now));
            return UpdateControl.noUpdate();
        }
        ResourceID id = ResourceID.fromResource(policy);
        ConfigMap stored = states.read(policy);
        Map<String, DeliveryResult> results = worker.results(id);
        RouteTree.Tree routes = RouteTree.build(routes(context).list()
                .filter(r -> RouteTree.serves(r, policy.getMetadata().getNamespace())).toList());

        PolicyDecision decision = PolicyDecider.decide(new PolicyDecider.Input(stored == null ? null : stored.getData(), settings,
                finishedRuns(policy, context), SpecOrAcknowledgeFilter.acknowledge(policy), results, delivery.pendingRetry(),
                routes.dispatchConfig(), routes.trackIncidents(), now));

        states.write(policy, stored, decision.data());
        worker.settle(id, results.keySet());
        worker.offer(id, policy, decision.outbox(), routes.targets(), now);
        events.record(policy, decision);
        metrics.record(policy.getMetadata().getNamespace(), policy.getMetadata().getName(), decision.evaluation());
        SLAPolicyStatus status = PolicyStatusBuilder.build(policy, before, decision, now);
        events.delivery(policy, before, status);
        write(policy, before, status);
        return decision.recheckAfter(now).map(after -> UpdateControl.<SLAPolicy>noUpdate().rescheduleAfter(after))
                .orElseGet(UpdateControl::noUpdate);
    }

    /** The finished runs of the policy's namespace its selector picks, as the records core keeps. */
    private static List<RunRecord> finishedRuns(SLAPolicy policy, Context<SLAPolicy> context) {
        return runs(context).list(policy.getMetadata().getNamespace())
                .filter(r -> Selectors.matches(policy.getSpec().selector, ProctorNames.selectionLabels(r)))
                .map(RunRecords::of).flatMap(Optional::stream).toList();
    }

    @SuppressWarnings("unchecked")
    private static InformerEventSource<TestSuiteRun, SLAPolicy> runs(Context<SLAPolicy> context) {
        return (InformerEventSource<TestSuiteRun, SLAPolicy>) context.eventSourceRetriever().getEventSourceFor(TestSuiteRun.class, RUNS);
    }

    @SuppressWarnings("unchecked")
    private static InformerEventSource<AlertRoute, SLAPolicy> routes(Context<SLAPolicy> context) {
        return (InformerEventSource<AlertRoute, SLAPolicy>) context.eventSourceRetriever().getEventSourceFor(AlertRoute.class, ROUTES);
    }

    /** Writes the status once, only when it changed; the next reconcile starts from this write. */
    private void write(SLAPolicy policy, SLAPolicyStatus before, SLAPolicyStatus after) {
        if (!StatusWriter.same(before, after)) statuses.write(policy, after);
    }

    @Override
    public ErrorStatusUpdateControl<SLAPolicy> updateErrorStatus(SLAPolicy policy, Context<SLAPolicy> context, Exception e) {
        runMetrics.reconcileError(NAME);
        LOG.warnf("reconcile of SLAPolicy %s/%s failed (will retry): %s", policy.getMetadata().getNamespace(),
                policy.getMetadata().getName(), e.getMessage());
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
