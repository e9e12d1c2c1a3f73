package dev.proctor.operator.sla;

import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.payload.PagerDutyPayload;
import dev.proctor.core.policy.DeliveryResult;
import dev.proctor.core.policy.OutboxEntry;
import dev.proctor.operator.alert.ReceiverFactory;
import dev.proctor.operator.delivery.Deliveries;
import dev.proctor.operator.delivery.DeliveryException;
import dev.proctor.operator.delivery.DeliveryOutcome;
import dev.proctor.operator.delivery.PagerDutyReceiver;
import dev.proctor.operator.delivery.Receiver;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Sends one outbox entry for the {@link OutboxWorker}: builds its receiver from the AlertRoute and its Secrets as
 * they are now, and sends through that receiver's guard (retries, backoff, circuit breaker), which also books the
 * outcome for the AlertRoute's status and the metrics. Runs on a delivery thread, never in a reconcile.
 */
@ApplicationScoped
public class OutboxDelivery {
    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class);

    private final ReceiverFactory receivers;
    private final Deliveries deliveries;
    private final Clock clock;

    public OutboxDelivery(ReceiverFactory receivers, Deliveries deliveries, Clock clock) {
        this.receivers = receivers;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    public DeliveryResult send(OutboxWorker.Job job) {
        OutboxEntry p = job.entry();
        if (job.target() == null) {
            LOG.warnf("dropping %s of %s/%s: receiver %s no longer exists", p.describe(), job.policy().getNamespace().orElse(""),
                    job.policy().getName(), p.receiver());
            deliveries.unresolved(p.receiver(), "unknown", "RouteDeleted", "the AlertRoute or receiver was removed");
            return DeliveryResult.dropped(p.key(), "RouteDeleted", "the AlertRoute or receiver was removed", clock.instant());
        }
        ReceiverFactory.Built built = receivers.build(job.target().route().getMetadata().getNamespace(), job.target().receiver(),
                job.about(), deliveries.poster());
        if (built instanceof ReceiverFactory.Unresolved u) {
            deliveries.unresolved(p.receiver(), u.type(), u.reason(), u.message());
            return DeliveryResult.failed(p.key(), u.reason(), u.message(), clock.instant());
        }
        Receiver receiver = ((ReceiverFactory.Ready) built).receiver();
        if (p.acknowledge() != null || p.resolve() != null) {
            if (!(receiver instanceof PagerDutyReceiver pd)) return DeliveryResult.delivered(p.key(), clock.instant()); // nothing to tell
            receiver = p.acknowledge() != null ? incidentEvent(pd, PagerDutyPayload.Action.acknowledge, p.acknowledge())
                    : incidentEvent(pd, PagerDutyPayload.Action.resolve, p.resolve());
        }
        DeliveryOutcome outcome = deliveries.send(p.receiver(), receiver, p.notification());
        if (outcome instanceof DeliveryOutcome.Failed f) return DeliveryResult.failed(p.key(), f.reason(), f.message(), clock.instant());
        if (outcome instanceof DeliveryOutcome.CircuitOpen) {
            return DeliveryResult.failed(p.key(), "CircuitOpen", "the receiver's circuit is open: not tried", clock.instant());
        }
        return DeliveryResult.delivered(p.key(), clock.instant());
    }

    /** An acknowledgement or resolution as a send, so it goes through the same guard and ledger as notifications. */
    private Receiver incidentEvent(PagerDutyReceiver pd, PagerDutyPayload.Action action, String incident) {
        return new Receiver() {
            @Override
            public String type() {
                return pd.type();
            }

            @Override
            public void send(Notification ignored) throws DeliveryException {
                pd.incidentEvent(action, incident, deliveries.poster());
            }
        };
    }
}
