package dev.proctor.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outbox rules: how the delivery worker's results change the persisted outbox, and when it must be looked at
 * again. Order per receiver is kept by the worker: a receiver's later entries wait behind one that failed.
 */
public final class Outbox {
    /** About a day of attempts at the default pending-retry of 30s. */
    public static final int MAX_ATTEMPTS = 2_880;

    private Outbox() {}

    /**
     * @param outbox  what is still pending
     * @param givenUp entries dropped because they failed {@value #MAX_ATTEMPTS} times, or whose route is gone
     */
    public record Settled(List<OutboxEntry> outbox, List<OutboxEntry> givenUp) {}

    /** Applies results to the outbox read from the state: delivered and dropped entries leave, failed ones wait. */
    public static Settled settle(List<OutboxEntry> outbox, Map<String, DeliveryResult> results, Duration retry) {
        List<OutboxEntry> left = new ArrayList<>();
        List<OutboxEntry> givenUp = new ArrayList<>();
        for (OutboxEntry p : outbox) {
            DeliveryResult r = results.get(p.key());
            if (r == null) {
                left.add(p);
            } else if (r.kind() == DeliveryResult.Kind.Dropped) {
                givenUp.add(p);
            } else if (r.kind() == DeliveryResult.Kind.Failed) {
                OutboxEntry later = p.retryLater(r.at().plus(retry), r.reason(), r.reason() + ": " + r.message());
                if (later.attempts() >= MAX_ATTEMPTS) givenUp.add(later); else left.add(later);
            }
        }
        return new Settled(List.copyOf(left), List.copyOf(givenUp));
    }

    /** The earliest time an entry waiting after a failure may be tried again, or null when none waits. */
    public static Instant nextAttempt(List<OutboxEntry> outbox, Instant now) {
        return outbox.stream().map(OutboxEntry::notBefore).filter(Objects::nonNull).filter(t -> t.isAfter(now))
                .min(Comparator.naturalOrder()).orElse(null);
    }

    /** The first entry whose last attempt failed, in outbox order: what the policy's delivery condition names. */
    public static OutboxEntry firstFailing(List<OutboxEntry> outbox) {
        return outbox.stream().filter(OutboxEntry::failedBefore).findFirst().orElse(null);
    }
}
