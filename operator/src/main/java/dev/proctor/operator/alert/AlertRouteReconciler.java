package dev.proctor.operator.alert;

import dev.proctor.operator.api.v1alpha1.AlertRoute;
import dev.proctor.operator.api.v1alpha1.sla.AlertRouteStatus;
import dev.proctor.operator.api.v1alpha1.sla.ReceiverSpec;
import dev.proctor.operator.delivery.ReceiverFactory;
import dev.proctor.operator.delivery.ReceiverKey;
import dev.proctor.operator.delivery.ReceiverLedger;
import dev.proctor.operator.delivery.ReceiverSecrets;
import dev.proctor.operator.delivery.SecretResolver;
import dev.proctor.operator.events.KubeEvents;
import dev.proctor.operator.metrics.RunMetrics;
import dev.proctor.operator.status.Conditions;
import dev.proctor.operator.status.StatusWriter;
import dev.proctor.operator.status.StatusWriters;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Checks an AlertRoute (matchers, receiver references, Secrets) and shows per receiver what delivery did.
 * Delivery itself happens in the delivery worker; its ledger wakes this one when a receiver has news. The status is
 * written by the status module's {@link StatusWriter}, so the next reconcile counts from this one's write.
 * A route that is not Ready is checked again every minute, so a Secret created later is noticed.
 */
@ControllerConfiguration(name = AlertRouteReconciler.NAME)
public class AlertRouteReconciler implements Reconciler<AlertRoute> {
    public static final String NAME = "alertroute";
    public static final String READY = "Ready";
    static final Duration RECHECK = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(AlertRouteReconciler.class);

    private final ReceiverFactory receivers;
    private final ReceiverLedger ledger;
    private final KubeEvents events;
    private final RunMetrics metrics;
    private final Clock clock;
    private final StatusWriter<AlertRoute, AlertRouteStatus> statuses;

    public AlertRouteReconciler(ReceiverFactory receivers, ReceiverLedger ledger, KubeEvents events, RunMetrics metrics, Clock clock,
                                StatusWriters statusWriters) {
        this.receivers = receivers;
        this.ledger = ledger;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.statuses = statusWriters.forController(NAME, AlertRoute.class, AlertRoute::new);
    }

    @Override
    public List<EventSource<?, AlertRoute>> prepareEventSources(EventSourceContext<AlertRoute> context) {
        metrics.controllerStarted(NAME);
        SimpleInboundEventSource<AlertRoute> deliveries = new SimpleInboundEventSource<>("deliveries");
        ledger.onChange(receiver -> deliveries.propagateEvent(new ResourceID(receiver.route(), receiver.namespace())));
        return List.of(deliveries);
    }

    @Override
    public UpdateControl<AlertRoute> reconcile(AlertRoute route, Context<AlertRoute> context) {
        Instant now = clock.instant();
        AlertRouteStatus stored = statuses.freshest(route);
        AlertRouteStatus before = stored == null ? new AlertRouteStatus() : stored;
        AlertRouteStatus after = new AlertRouteStatus();
        after.observedGeneration = route.getMetadata().getGeneration();
        List<String> problems = RouteTree.problems(route);
        String reason = "Ready";
        String message = "all receivers resolve";
        if (!problems.isEmpty()) {
            reason = "InvalidRoute";
            message = String.join("; ", problems);
        }
        List<AlertRouteStatus.ReceiverStatus> receiverStatuses = new ArrayList<>();
        for (ReceiverSpec spec : route.getSpec().receivers == null ? List.<ReceiverSpec>of() : route.getSpec().receivers) {
            List<SecretResolver.Missing> missing = receivers.check(route.getMetadata().getNamespace(), spec);
            if (!missing.isEmpty() && problems.isEmpty() && "Ready".equals(reason)) {
                reason = missing.get(0).reason();
                message = "receiver " + spec.name + ": " + missing.get(0).message();
            }
            receiverStatuses.add(receiverStatus(route, spec, missing.isEmpty(), before));
        }
        boolean ready = "Ready".equals(reason);
        after.conditions = Conditions.set(before.conditions, READY, ready, reason, message, route.getMetadata().getGeneration(), now);
        after.receiverCount = receiverStatuses.size();
        after.receivers = receiverStatuses;
        Condition was = Conditions.get(before.conditions, READY);
        if (!ready && (was == null || !reason.equals(was.getReason()) || !message.equals(was.getMessage()))) {
            events.warning(route, reason, message);
        }
        if (!StatusWriter.same(before, after)) statuses.write(route, after);
        UpdateControl<AlertRoute> control = UpdateControl.noUpdate();
        if (!ready) control.rescheduleAfter(RECHECK);
        return control;
    }

    private AlertRouteStatus.ReceiverStatus receiverStatus(AlertRoute route, ReceiverSpec spec, boolean ready, AlertRouteStatus before) {
        AlertRouteStatus.ReceiverStatus old = before.receivers == null ? null
                : before.receivers.stream().filter(r -> spec.name.equals(r.name)).findFirst().orElse(null);
        ReceiverKey key = ReceiverKey.of(route, spec.name);
        ReceiverLedger.Delta d = ledger.drain(key);
        AlertRouteStatus.ReceiverStatus s = new AlertRouteStatus.ReceiverStatus();
        s.name = spec.name;
        s.type = ReceiverSecrets.type(spec);
        s.ready = ready;
        s.sent = (old == null || old.sent == null ? 0 : old.sent) + d.sent();
        s.failed = (old == null || old.failed == null ? 0 : old.failed) + d.failed();
        s.lastError = d.lastError() != null ? d.lastError() : old == null ? null : old.lastError;
        s.lastErrorTime = d.lastErrorTime() != null ? d.lastErrorTime() : old == null ? null : old.lastErrorTime;
        s.lastSentTime = d.lastSentTime() != null ? d.lastSentTime() : old == null ? null : old.lastSentTime;
        s.circuit = ledger.circuitOf(key);
        return s;
    }

    @Override
    public ErrorStatusUpdateControl<AlertRoute> updateErrorStatus(AlertRoute route, Context<AlertRoute> context, Exception e) {
        metrics.reconcileError(NAME);
        LOG.warnf("reconcile of AlertRoute %s/%s failed (will retry): %s", route.getMetadata().getNamespace(),
                route.getMetadata().getName(), e.getClass().getSimpleName());
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
