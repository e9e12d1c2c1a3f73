package dev.proctor.operator.delivery;

import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.payload.PagerDutyPayload;
import dev.proctor.core.policy.DeliveryResult;
import dev.proctor.core.policy.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Sends one outbox entry for the {@link OutboxWorker}: builds its receiver from the AlertRoute and its Secrets as
 * they are now, and sends through that receiver's guard (retries, backoff, circuit breaker), which also books the
 * result for the AlertRoute's status and the metrics. Runs on a delivery thread, never in a reconcile.
 */
@ApplicationScoped
public class OutboxSender implements OutboxWorker.Sender {
    private static final Logger LOG = Logger.getLogger(OutboxSender.class);
    static final String ROUTE_DELETED = "RouteDeleted";

    private final ReceiverFactory receivers;
    private final ReceiverGuards guards;
    private final Clock clock;

    public OutboxSender(ReceiverFactory receivers, ReceiverGuards guards, Clock clock) {
        this.receivers = receivers;
        this.guards = guards;
        this.clock = clock;
    }

    @Override
    public DeliveryResult send(OutboxWorker.EntryToSend send) {
        OutboxEntry entry = send.entry();
        if (send.target() == null) {
            LOG.warnf("dropping %s of %s/%s: receiver %s no longer exists", entry.describe(), send.policy().getNamespace().orElse(""),
                    send.policy().getName(), entry.receiver());
            DeliveryResult dropped = DeliveryResult.dropped(entry.key(), ROUTE_DELETED, "the AlertRoute or receiver was removed",
                    clock.instant());
            ReceiverKey.parse(entry.receiver()).ifPresent(key -> guards.book(key, "unknown", dropped));
            return dropped;
        }
        ReceiverKey key = send.target().key();
        ReceiverFactory.Built built = receivers.build(key.namespace(), send.target().spec(), send.about(), guards.poster());
        if (built instanceof ReceiverFactory.Unresolved u) {
            DeliveryResult failed = DeliveryResult.failed(entry.key(), u.reason(), u.message(), clock.instant());
            guards.book(key, u.type(), failed);
            return failed;
        }
        Receiver receiver = ((ReceiverFactory.Ready) built).receiver();
        if (entry.acknowledge() != null || entry.resolve() != null) {
            if (!(receiver instanceof PagerDutyReceiver pd)) return DeliveryResult.delivered(entry.key(), clock.instant()); // nothing to tell
            receiver = entry.acknowledge() != null ? incidentEvent(pd, PagerDutyPayload.Action.acknowledge, entry.acknowledge())
                    : incidentEvent(pd, PagerDutyPayload.Action.resolve, entry.resolve());
        }
        return guards.send(key, entry.key(), receiver, entry.notification());
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
                pd.incidentEvent(action, incident, guards.poster());
            }
        };
    }
}
