package dev.proctor.core.policy;

import dev.proctor.core.alert.Dispatcher;
import dev.proctor.core.sla.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One reconcile of an SLA policy as one pure function, as {@code RunDecider} is for a run: the state ConfigMap's data
 * as stored, what the delivery worker reported since, the finished runs the policy selects and its acknowledge
 * annotation go in; the data to write back, the outbox to hand to the worker, what happened and when to look again
 * come out. The operator only reads, calls this, and writes.
 *
 * <p>In order: read the state (unreadable parts start afresh and are kept aside), apply the delivery results to
 * the outbox ({@link Outbox#settle}), take the acknowledge annotation if it was not handled yet, evaluate
 * ({@link PolicyEvaluation}), and lay out the data with the post-incident reports of the incidents resolved now.
 */
public final class PolicyDecider {
    private PolicyDecider() {}

    /**
     * @param stored        the state ConfigMap's data, or null when there is none yet
     * @param finishedRuns  the finished runs the policy selects (those already in its history are skipped)
     * @param acknowledge   the policy's acknowledge annotation, or null
     * @param results       the delivery worker's results not yet written, by {@link OutboxEntry#key()}
     * @param pendingRetry  how soon an entry whose attempt failed is tried again
     * @param trackIncidents receivers that keep incidents of their own (PagerDuty)
     */
    public record Input(Map<String, String> stored, PolicySettings settings, List<RunRecord> finishedRuns, String acknowledge,
                        Map<String, DeliveryResult> results, Duration pendingRetry, Dispatcher.Config routes,
                        Set<String> trackIncidents, Instant now) {}

    public static PolicyDecision decide(Input in) {
        PolicyStateCodec.Read read = PolicyStateCodec.read(in.stored(), in.settings().capacity());
        Outbox.Settled settled = Outbox.settle(read.state().outbox(), in.results(), in.pendingRetry());
        PolicyState state = read.state().withOutbox(settled.outbox());
        PolicyEvaluation.Output out = PolicyEvaluation.evaluate(new PolicyEvaluation.Input(state, in.settings(),
                in.finishedRuns(), unhandled(in.acknowledge(), state), in.routes(), in.trackIncidents(), in.now()));
        Map<String, String> data = PolicyStateCodec.withUnreadableKeptAside(IncidentReports.withReports(
                PolicyStateCodec.encode(out.state()), in.stored(), out.resolved(), out.state().ring().records()),
                in.stored(), read.unreadable());
        Instant recheckAt = Stream.concat(Stream.ofNullable(out.nextWakeUp()),
                Stream.ofNullable(Outbox.nextAttempt(out.state().outbox(), in.now()))).min(Instant::compareTo).orElse(null);
        return new PolicyDecision(out, data, read.unreadable(), PolicyStateCodec.keptAside(data), settled.givenUp(), recheckAt);
    }

    /** An acknowledgement is handled once: a blank annotation, or the one handled last, is none. */
    private static String unhandled(String annotation, PolicyState state) {
        return annotation == null || annotation.isBlank() || annotation.equals(state.acknowledged()) ? null : annotation;
    }
}
