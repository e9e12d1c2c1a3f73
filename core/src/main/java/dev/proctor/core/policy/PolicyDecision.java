package dev.proctor.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link PolicyDecider} concluded for a policy at one instant.
 *
 * @param evaluation what the evaluation found and changed: objectives, incidents, notifications, the new state
 * @param data       the state ConfigMap's data to write (unchanged data needs no write)
 * @param unreadable the stored parts that could not be read (key → why); they started afresh
 * @param keptAside  keys under which unreadable texts are kept in {@code data}
 * @param givenUp    outbox entries dropped for good (their route is gone, or they failed too often)
 * @param recheckAt  the earliest deadline (a dispatcher flush, an escalation step, a quiet period, an entry's retry), or null
 */
public record PolicyDecision(PolicyEvaluation.Output evaluation, Map<String, String> data, Map<String, String> unreadable,
                             List<String> keptAside, List<OutboxEntry> givenUp, Instant recheckAt) {
    /** The outbox as written: what to hand to the delivery worker. */
    public List<OutboxEntry> outbox() {
        return evaluation.state().outbox();
    }

    /** How long until the policy must be looked at again, a second past its deadline (at least a second); empty when none. */
    public Optional<Duration> recheckAfter(Instant now) {
        if (recheckAt == null) return Optional.empty();
        Duration left = Duration.between(now, recheckAt);
        return Optional.of(left.isNegative() ? Duration.ofSeconds(1) : left.plusSeconds(1));
    }
}
