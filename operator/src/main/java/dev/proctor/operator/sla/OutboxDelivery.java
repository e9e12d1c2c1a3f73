package dev.proctor.operator.sla;

import dev.proctor.core.alert.Notification;
import dev.proctor.operator.alert.ReceiverFactory;
import dev.proctor.operator.alert.RouteTree;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.delivery.Deliveries;
import dev.proctor.operator.delivery.DeliveryConfig;
import dev.proctor.operator.delivery.DeliveryException;
import dev.proctor.operator.delivery.DeliveryOutcome;
import dev.proctor.operator.delivery.PagerDutyReceiver;
import dev.proctor.operator.delivery.Receiver;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Works through a policy's outbox in order. A delivered notification leaves it; one that failed stays, to be
 * tried after {@code proctor.delivery.pending-retry}, and the receiver's later notifications wait behind it so
 * that order is kept. Only a notification whose AlertRoute is gone, or that failed {@value #MAX_ATTEMPTS} times,
 * is dropped, and that is logged and counted.
 */
@ApplicationScoped
public class OutboxDelivery {
    /** About a day of attempts at the default pending-retry of 30s. */
    static final int MAX_ATTEMPTS = 2_880;
    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class);

    private final ReceiverFactory receivers;
    private final Deliveries deliveries;
    private final DeliveryConfig config;

    public OutboxDelivery(ReceiverFactory receivers, Deliveries deliveries, DeliveryConfig config) {
        this.receivers = receivers;
        this.deliveries = deliveries;
        this.config = config;
    }

    /** @return what is still pending */
    public List<Pending> deliver(SLAPolicy policy, List<Pending> outbox, RouteTree.Tree tree, Instant now) {
        List<Pending> left = new ArrayList<>();
        Set<String> blocked = new HashSet<>();
        for (Pending p : outbox) {
            if (p.notBefore() != null && p.notBefore().isAfter(now) || blocked.contains(p.receiver())) {
                left.add(p);
                continue;
            }
            RouteTree.Target target = tree.targets().get(p.receiver());
            if (target == null) {
                LOG.warnf("dropping %s of %s/%s: receiver %s no longer exists", p.describe(),
                        policy.getMetadata().getNamespace(), policy.getMetadata().getName(), p.receiver());
                deliveries.unresolved(p.receiver(), "unknown", "RouteDeleted", "the AlertRoute or receiver was removed");
                continue;
            }
            String failure = attempt(policy, target, p);
            if (failure == null) continue;
            blocked.add(p.receiver());
            if (p.attempts() + 1 >= MAX_ATTEMPTS) {
                LOG.warnf("dropping %s to %s after %d attempts: %s", p.describe(), p.receiver(), p.attempts() + 1, failure);
            } else {
                left.add(p.retryLater(now.plus(config.pendingRetry()), failure));
            }
        }
        return left;
    }

    /** @return null when delivered (or nothing to tell this receiver), else the masked reason */
    private String attempt(SLAPolicy policy, RouteTree.Target target, Pending p) {
        ReceiverFactory.Built built = receivers.build(target.route().getMetadata().getNamespace(), target.receiver(), policy,
                deliveries.poster());
        if (built instanceof ReceiverFactory.Unresolved u) {
            deliveries.unresolved(p.receiver(), u.type(), u.reason(), u.message());
            return u.reason() + ": " + u.message();
        }
        Receiver receiver = ((ReceiverFactory.Ready) built).receiver();
        if (p.acknowledge() != null) {
            if (!(receiver instanceof PagerDutyReceiver pd)) return null;
            receiver = acknowledging(pd, p.acknowledge());
        }
        DeliveryOutcome outcome = deliveries.send(p.receiver(), receiver, p.notification());
        if (outcome instanceof DeliveryOutcome.Failed f) return f.reason() + ": " + f.message();
        if (outcome instanceof DeliveryOutcome.CircuitOpen) return "CircuitOpen";
        return null;
    }

    /** The acknowledgement as a send, so it goes through the same guard and ledger as notifications. */
    private Receiver acknowledging(PagerDutyReceiver pd, String incident) {
        return new Receiver() {
            @Override
            public String type() {
                return pd.type();
            }

            @Override
            public void send(Notification ignored) throws DeliveryException {
                pd.acknowledge(incident, deliveries.poster());
            }
        };
    }
}
