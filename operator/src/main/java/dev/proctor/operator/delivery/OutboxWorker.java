package dev.proctor.operator.delivery;

import dev.proctor.core.policy.DeliveryResult;
import dev.proctor.core.policy.OutboxEntry;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Delivers outbox entries off the reconcile thread. A reconcile persists the outbox first and then {@link #offer}s
 * it; the worker sends on a small fixed pool, one lane per receiver (one request at a time per receiver, in outbox
 * order, lanes taking turns on the pool), and keeps each entry's {@link DeliveryResult} until a later reconcile has
 * written it into the state and calls {@link #settle}. Every result wakes that policy's reconcile.
 *
 * <p>Guarantees: an entry is handed to a receiver at most once per offer of it, and never again while it is queued,
 * being sent, or its result is not yet written (so a second reconcile does not send it twice). The state
 * ConfigMap is the only record that survives a restart: an entry delivered just before a crash, whose removal was
 * not yet written, is sent again after the restart with the same notification id and dedup key (at least once).
 * A receiver's later entries of the same policy wait behind one that failed, so order is kept.
 */
@Singleton
public class OutboxWorker implements AutoCloseable {
    /** Sends one entry, retries and circuit breaker included, and says what became of it. Never throws. */
    @FunctionalInterface
    public interface Sender {
        DeliveryResult send(EntryToSend send);
    }

    /**
     * One outbox entry handed to the worker.
     *
     * @param policy the policy whose outbox holds it, woken by its result
     * @param about  who the notification comes from (name, namespace, uid only): Event receivers record on it
     * @param target the receiver as its AlertRoute defines it now, or null when it is gone
     */
    public record EntryToSend(ResourceID policy, SLAPolicy about, OutboxEntry entry, RouteReceiver target) {}

    /** A result not written into the state for this long is forgotten (its policy was deleted, or keeps failing). */
    static final Duration UNSETTLED_TTL = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);

    private enum Stage { Queued, Sending, Done }

    private record Tracked(Stage stage, DeliveryResult result) {
        boolean failed() {
            return result != null && result.kind() == DeliveryResult.Kind.Failed;
        }
    }

    private final Sender sender;
    private final Clock clock;
    private final ExecutorService pool;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<ResourceID, Map<String, Tracked>> tracked = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> listener = id -> { };

    @Inject
    public OutboxWorker(OutboxSender sender, DeliveryConfig config, Clock clock) {
        this(sender, config.workers(), clock);
    }

    public OutboxWorker(Sender sender, int threads, Clock clock) {
        this.sender = sender;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "proctor-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @param listener told the policy whenever one of its entries has a result (from a worker thread) */
    public void onResult(Consumer<ResourceID> listener) {
        this.listener = listener;
    }

    /**
     * Hands over the entries that are due and not already with the worker, in outbox order; returns at once.
     * An entry waiting after a failure ({@code notBefore} ahead), or whose failure is not yet written, holds the
     * receiver's later entries back.
     *
     * @return how many entries were handed over
     */
    public synchronized int offer(ResourceID policy, SLAPolicy about, List<OutboxEntry> outbox, Map<String, RouteReceiver> targets, Instant now) {
        forgetStale(now);
        Map<String, Tracked> mine = tracked.computeIfAbsent(policy, k -> new ConcurrentHashMap<>());
        SLAPolicy reference = reference(about);
        Set<String> held = new HashSet<>();
        int handed = 0;
        for (OutboxEntry p : outbox) {
            if (held.contains(p.receiver())) continue;
            Tracked t = mine.get(p.key());
            if (t != null) {
                if (t.failed()) held.add(p.receiver());
                continue; // queued or being sent: its lane keeps the order
            }
            if (p.notBefore() != null && p.notBefore().isAfter(now)) {
                held.add(p.receiver());
                continue;
            }
            mine.put(p.key(), new Tracked(Stage.Queued, null));
            lanes.computeIfAbsent(p.receiver(), r -> new Lane()).submit(new EntryToSend(policy, reference, p, targets.get(p.receiver())));
            handed++;
        }
        return handed;
    }

    /** Results of the policy's entries not yet written into its state, by {@link OutboxEntry#key()}. */
    public Map<String, DeliveryResult> results(ResourceID policy) {
        Map<String, Tracked> mine = tracked.get(policy);
        if (mine == null) return Map.of();
        return mine.entrySet().stream().filter(e -> e.getValue().stage() == Stage.Done)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().result()));
    }

    /** Forgets results once the state that holds them is written; an entry still pending may then be offered again. */
    public void settle(ResourceID policy, Collection<String> keys) {
        Map<String, Tracked> mine = tracked.get(policy);
        if (mine == null) return;
        for (String key : keys) mine.computeIfPresent(key, (k, t) -> t.stage() == Stage.Done ? null : t);
    }

    /** Entries queued or being sent, over all policies. */
    public int inFlight() {
        return (int) tracked.values().stream().flatMap(m -> m.values().stream()).filter(t -> t.stage() != Stage.Done).count();
    }

    /** Only under {@link #offer}'s lock, which is also the only place that creates a policy's map. */
    private void forgetStale(Instant now) {
        Instant limit = now.minus(UNSETTLED_TTL);
        tracked.values().forEach(m -> m.values().removeIf(t -> t.stage() == Stage.Done && t.result().at().isBefore(limit)));
        tracked.values().removeIf(Map::isEmpty);
    }

    /** A copy holding what receivers and Events need, so that the worker never shares the cached object. */
    private static SLAPolicy reference(SLAPolicy policy) {
        SLAPolicy ref = new SLAPolicy();
        ref.setMetadata(new ObjectMetaBuilder().withName(policy.getMetadata().getName())
                .withNamespace(policy.getMetadata().getNamespace()).withUid(policy.getMetadata().getUid()).build());
        return ref;
    }

    private void process(Lane lane, EntryToSend send) {
        Map<String, Tracked> mine = tracked.get(send.policy());
        String key = send.entry().key();
        if (mine == null || mine.replace(key, new Tracked(Stage.Sending, null)) == null) return; // forgotten meanwhile
        DeliveryResult result;
        try {
            result = sender.send(send);
        } catch (RuntimeException e) {
            result = DeliveryResult.failed(key, "Error", e.getClass().getSimpleName(), clock.instant());
        }
        mine.put(key, new Tracked(Stage.Done, result));
        if (result.kind() == DeliveryResult.Kind.Failed) {
            for (EntryToSend released : lane.release(send.policy())) mine.remove(released.entry().key());
        }
        listener.accept(send.policy());
    }

    @PreDestroy
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) LOG.warn("delivery threads still busy at shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One receiver's queue. At most one of its entries is sent at a time; after each the lane goes to the back of the
     * pool's queue, so a receiver with a long queue does not starve the others.
     */
    private final class Lane implements Runnable {
        private final Deque<EntryToSend> queue = new ArrayDeque<>();
        private boolean scheduled;

        void submit(EntryToSend send) {
            synchronized (this) {
                queue.add(send);
                if (scheduled) return;
                scheduled = true;
            }
            pool.execute(this);
        }

        /** Takes the policy's queued entries out: they wait behind its entry that just failed. */
        synchronized List<EntryToSend> release(ResourceID policy) {
            List<EntryToSend> out = new ArrayList<>();
            for (Iterator<EntryToSend> it = queue.iterator(); it.hasNext(); ) {
                EntryToSend j = it.next();
                if (j.policy().equals(policy)) {
                    out.add(j);
                    it.remove();
                }
            }
            return out;
        }

        @Override
        public void run() {
            EntryToSend send;
            synchronized (this) {
                send = queue.poll();
                if (send == null) {
                    scheduled = false;
                    return;
                }
            }
            try {
                process(this, send);
            } finally {
                boolean more;
                synchronized (this) {
                    more = !queue.isEmpty();
                    if (!more) scheduled = false;
                }
                if (more) resubmit();
            }
        }

        private void resubmit() {
            try {
                pool.execute(this);
            } catch (RejectedExecutionException shuttingDown) {
                synchronized (this) {
                    scheduled = false;
                }
            }
        }
    }
}
