package dev.proctor.operator.sla;

import dev.proctor.core.alert.Dispatcher;
import dev.proctor.core.policy.DeliveryResult;
import dev.proctor.core.policy.IncidentReports;
import dev.proctor.core.policy.Outbox;
import dev.proctor.core.policy.OutboxEntry;
import dev.proctor.core.policy.PolicyEvaluation;
import dev.proctor.core.policy.PolicySettings;
import dev.proctor.core.policy.PolicyState;
import dev.proctor.core.policy.PolicyStateCodec;
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
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Reconciles an SLAPolicy: read its state ConfigMap and the finished runs it selects, fold in what the delivery
 * worker reported since ({@link Outbox#settle}), let core evaluate ({@link PolicyEvaluation}), write the state
 * (outbox included), hand the due entries to the {@link OutboxWorker}, and write the status once. It never sends:
 * the worker does, and each of its results wakes this reconcile again through an inbound event source. Also woken
 * by finished TestSuiteRuns its selector matches, by spec and acknowledge-annotation changes ({@link PolicyUpdates}),
 * and by one timer for the next deadline or retry.
 */
@ControllerConfiguration(name = SLAPolicyReconciler.NAME, generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = PolicyUpdates.class))
public class SLAPolicyReconciler implements Reconciler<SLAPolicy> {
    public static final String NAME = "slapolicy";
    static final String RUNS = "runs";
    static final String ROUTES = "alertroutes";
    static final String DELIVERIES = "deliveries";
    private static final Logger LOG = Logger.getLogger(SLAPolicyReconciler.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final OutboxWorker worker;
    private final DeliveryConfig delivery;
    private final SlaEvents events;
    private final SlaMetrics metrics;
    private final RunMetrics runMetrics;
    private final StatusWriter<SLAPolicy, SLAPolicyStatus> statuses;

    public SLAPolicyReconciler(KubernetesClient client, Clock clock, OutboxWorker worker, DeliveryConfig delivery,
                               SlaEvents events, SlaMetrics metrics, RunMetrics runMetrics, StatusWriters statusWriters) {
        this.client = client;
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
        String ns = policy.getMetadata().getNamespace();
        SLAPolicyStatus before = statuses.freshest(policy);
        PolicySettings settings;
        try {
            settings = PolicySpecs.settings(policy);
        } catch (IllegalArgumentException e) {
            write(policy, before, PolicyStatusBuilder.invalid(policy, before, e.getMessage(), now));
            return UpdateControl.noUpdate();
        }
        ConfigMap stored = client.configMaps().inNamespace(ns).withName(SlaNames.stateConfigMap(policy.getMetadata().getName())).get();
        ResourceID id = ResourceID.fromResource(policy);
        Map<String, DeliveryResult> results = worker.results(id);
        PolicyStateCodec.Read checked = PolicyStateCodec.read(stored == null ? null : stored.getData(), settings.capacity());
        PolicyState read = checked.state();
        Outbox.Settled settled = Outbox.settle(read.outbox(), results, delivery.pendingRetry());
        PolicyState state = read.withOutbox(settled.outbox());

        List<RunRecord> newRuns = runs(context).list(ns)
                .filter(r -> Selectors.matches(policy.getSpec().selector, ProctorNames.selectionLabels(r)))
                .map(RunRecords::of).flatMap(Optional::stream)
                .filter(r -> !state.ring().contains(r)).toList();
        String ack = Optional.ofNullable(policy.getMetadata().getAnnotations()).map(a -> a.get(SLAPolicy.ACKNOWLEDGE))
                .filter(a -> !a.isBlank() && !a.equals(state.acknowledged())).orElse(null);
        RouteTree.Tree tree = RouteTree.build(routes(context).list().filter(r -> RouteTree.serves(r, ns)).toList());

        PolicyEvaluation.Output out = PolicyEvaluation.evaluate(new PolicyEvaluation.Input(state, settings, newRuns, ack,
                new Dispatcher.Config(tree.root(), tree.withoutResolved(), null), tree.trackIncidents(), now));
        Map<String, String> storedData = stored == null ? null : stored.getData();
        ConfigMap saved = save(policy, stored, PolicyStateCodec.withUnreadableKeptAside(IncidentReports.withReports(PolicyStateCodec.encode(out.state()),
                storedData, out.resolved(), out.state().ring().records()), storedData, checked.unreadable()));
        if (!checked.unreadable().isEmpty()) events.stateUnreadable(policy, SlaNames.stateConfigMap(policy.getMetadata().getName()),
                checked.unreadable());
        worker.settle(id, results.keySet());
        for (OutboxEntry p : settled.givenUp()) {
            LOG.warnf("gave up %s of %s/%s to %s after %d attempts: %s", p.describe(), ns, policy.getMetadata().getName(),
                    p.receiver(), p.attempts(), p.lastError());
        }
        List<OutboxEntry> outbox = out.state().outbox();
        worker.offer(id, policy, outbox, tree.targets(), now);

        events.record(policy, out);
        metrics.record(ns, policy.getMetadata().getName(), out);
        SLAPolicyStatus status = PolicyStatusBuilder.build(policy, before, out, outbox, now);
        PolicyStatusBuilder.stateReadable(status, policy, checked.unreadable(), PolicyStateCodec.keptAside(saved.getData()), now);
        events.delivery(policy, before, status);
        write(policy, before, status);
        UpdateControl<SLAPolicy> control = UpdateControl.noUpdate();
        Stream.concat(Stream.ofNullable(out.nextWakeUp()), Stream.ofNullable(Outbox.nextAttempt(outbox, now)))
                .min(Comparator.naturalOrder())
                .ifPresent(at -> control.rescheduleAfter(Duration.between(now, at).isNegative() ? Duration.ofSeconds(1)
                        : Duration.between(now, at).plusSeconds(1)));
        return control;
    }

    @SuppressWarnings("unchecked")
    private static InformerEventSource<TestSuiteRun, SLAPolicy> runs(Context<SLAPolicy> context) {
        return (InformerEventSource<TestSuiteRun, SLAPolicy>) context.eventSourceRetriever().getEventSourceFor(TestSuiteRun.class, RUNS);
    }

    @SuppressWarnings("unchecked")
    private static InformerEventSource<AlertRoute, SLAPolicy> routes(Context<SLAPolicy> context) {
        return (InformerEventSource<AlertRoute, SLAPolicy>) context.eventSourceRetriever().getEventSourceFor(AlertRoute.class, ROUTES);
    }

    /**
     * Writes the state when it changed; a conflict (another writer) fails the reconcile, which JOSDK retries. The
     * worker's results stay unsettled until this succeeds, so the retry applies them again.
     */
    private ConfigMap save(SLAPolicy policy, ConfigMap stored, Map<String, String> data) {
        if (stored != null && data.equals(stored.getData())) return stored;
        ConfigMap next = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(SlaNames.stateConfigMap(policy.getMetadata().getName()))
                .withNamespace(policy.getMetadata().getNamespace())
                .withResourceVersion(stored == null ? null : stored.getMetadata().getResourceVersion())
                .addToLabels(SlaNames.LABEL_POLICY, policy.getMetadata().getName())
                .addToLabels("app.kubernetes.io/managed-by", "proctor")
                .addNewOwnerReference().withApiVersion(policy.getApiVersion()).withKind(policy.getKind())
                .withName(policy.getMetadata().getName()).withUid(policy.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(false).endOwnerReference()
                .endMetadata()
                .withData(data)
                .build();
        return stored == null ? client.resource(next).create() : client.resource(next).update();
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
