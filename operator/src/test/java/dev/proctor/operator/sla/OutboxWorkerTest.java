package dev.proctor.operator.sla;

import static dev.proctor.operator.sla.OutboxTest.T0;
import static dev.proctor.operator.sla.OutboxTest.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.policy.DeliveryResult;
import dev.proctor.core.policy.Outbox;
import dev.proctor.core.policy.OutboxEntry;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.delivery.OutboxWorker;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery worker with a programmable sender: no cluster, no HTTP. */
class OutboxWorkerTest {
    static final ResourceID POLICY = new ResourceID("p", "ns");
    static final Duration RETRY = Duration.ofSeconds(30);
    static final Duration WAIT = Duration.ofSeconds(20);

    /** Records every send; answers as told; optionally blocks a send until released. */
    static final class Sender implements OutboxWorker.Sender {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> perReceiver = new ConcurrentHashMap<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final AtomicInteger maxPerReceiver = new AtomicInteger();
        volatile Function<OutboxEntry, DeliveryResult.Kind> answer = p -> DeliveryResult.Kind.Delivered;

        @Override
        public DeliveryResult send(OutboxWorker.EntryToSend send) {
            OutboxEntry p = send.entry();
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            maxPerReceiver.accumulateAndGet(perReceiver.computeIfAbsent(p.receiver(), r -> new AtomicInteger()).incrementAndGet(), Math::max);
            sent.add(p.notification().id());
            try {
                CountDownLatch hold = holds.get(p.notification().id());
                if (hold != null) hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                perReceiver.get(p.receiver()).decrementAndGet();
                running.decrementAndGet();
            }
            return answer.apply(p) == DeliveryResult.Kind.Delivered ? DeliveryResult.delivered(p.key(), T0)
                    : DeliveryResult.failed(p.key(), "Http503", "HTTP 503", T0);
        }

        CountDownLatch hold(String id) {
            CountDownLatch latch = new CountDownLatch(1);
            holds.put(id, latch);
            return latch;
        }
    }

    final Sender sender = new Sender();
    final List<ResourceID> woken = new CopyOnWriteArrayList<>();
    OutboxWorker worker;

    OutboxWorker start(int threads) {
        worker = new OutboxWorker(sender, threads, Clock.fixed(T0, ZoneOffset.UTC));
        worker.onResult(woken::add);
        return worker;
    }

    @AfterEach
    void stop() {
        sender.holds.values().forEach(CountDownLatch::countDown);
        if (worker != null) worker.close();
    }

    static SLAPolicy policy() {
        SLAPolicy p = new SLAPolicy();
        p.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("ns").withUid("u-1").build());
        return p;
    }

    int offer(List<OutboxEntry> outbox, Instant now) {
        return worker.offer(POLICY, policy(), outbox, Map.of(), now);
    }

    /** What a reconcile does with the worker: apply its results, "write" them, settle, offer what is due. */
    List<OutboxEntry> reconcile(List<OutboxEntry> outbox, Instant now) {
        Map<String, DeliveryResult> results = worker.results(POLICY);
        List<OutboxEntry> next = Outbox.settle(outbox, results, RETRY).outbox();
        worker.settle(POLICY, results.keySet());
        offer(next, now);
        return next;
    }

    @Test
    void offeringReturnsWhileTheReceiverHangsAndAnEntryInFlightIsNotSentTwice() {
        start(2);
        CountDownLatch hold = sender.hold("a");
        List<OutboxEntry> outbox = List.of(entry("ns/r/hook", "a"));

        assertThat(offer(outbox, T0)).isEqualTo(1);
        await().atMost(WAIT).until(() -> sender.sent.contains("a"));
        // the send hangs; a second reconcile meanwhile hands nothing over and sees no result yet
        assertThat(offer(outbox, T0)).isZero();
        assertThat(worker.results(POLICY)).isEmpty();
        assertThat(worker.inFlight()).isEqualTo(1);

        hold.countDown();
        await().atMost(WAIT).until(() -> woken.contains(POLICY));
        // the result waits for the reconcile that writes it: until then the entry is not offered again
        assertThat(offer(outbox, T0)).isZero();
        assertThat(worker.results(POLICY)).containsOnlyKeys(outbox.get(0).key())
                .allSatisfy((k, r) -> assertThat(r.kind()).isEqualTo(DeliveryResult.Kind.Delivered));
        assertThat(reconcile(outbox, T0)).isEmpty();
        assertThat(worker.results(POLICY)).isEmpty();
        assertThat(sender.sent).containsExactly("a");
    }

    @Test
    void eachReceiverGetsOneRequestAtATimeInOutboxOrder() {
        start(3);
        List<OutboxEntry> outbox = new ArrayList<>();
        for (int i = 0; i < 30; i++) outbox.add(entry(i % 3 == 0 ? "ns/r/b" : "ns/r/a", "n" + i));

        assertThat(offer(outbox, T0)).isEqualTo(30);
        await().atMost(WAIT).until(() -> worker.results(POLICY).size() == 30);

        assertThat(sender.maxPerReceiver.get()).isEqualTo(1);
        List<String> toA = outbox.stream().filter(p -> p.receiver().equals("ns/r/a")).map(p -> p.notification().id()).toList();
        assertThat(sender.sent.stream().filter(toA::contains).toList()).containsExactlyElementsOf(toA);
        assertThat(reconcile(outbox, T0)).isEmpty();
        assertThat(sender.sent).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void aFailureHoldsTheReceiversLaterEntriesUntilItGoesThrough() {
        start(2);
        CountDownLatch hold = sender.hold("a");
        AtomicInteger triesOfA = new AtomicInteger();
        sender.answer = p -> p.notification().id().equals("a") && triesOfA.incrementAndGet() == 1
                ? DeliveryResult.Kind.Failed : DeliveryResult.Kind.Delivered;
        List<OutboxEntry> outbox = List.of(entry("ns/r/hook", "a"), entry("ns/r/hook", "b"), entry("ns/r/hook", "c"),
                entry("ns/r/other", "d"));

        assertThat(offer(outbox, T0)).isEqualTo(4);
        await().atMost(WAIT).until(() -> sender.sent.contains("a") && sender.sent.contains("d"));
        hold.countDown();
        await().atMost(WAIT).until(() -> worker.results(POLICY).size() == 2);
        assertThat(sender.sent).containsOnly("a", "d"); // b and c were released, not sent

        List<OutboxEntry> afterFailure = reconcile(outbox, T0.plusSeconds(1));
        assertThat(afterFailure).extracting(p -> p.notification().id()).containsExactly("a", "b", "c");
        assertThat(afterFailure.get(0).lastReason()).isEqualTo("Http503");
        assertThat(worker.inFlight()).as("b and c wait behind a, which is not due yet").isZero();

        List<OutboxEntry> retried = reconcile(afterFailure, T0.plus(RETRY).plusSeconds(2));
        await().atMost(WAIT).until(() -> worker.results(POLICY).size() == 3);
        assertThat(reconcile(retried, T0.plus(RETRY).plusSeconds(3))).isEmpty();
        assertThat(sender.sent.subList(0, 2)).containsExactlyInAnyOrder("a", "d");
        assertThat(sender.sent.subList(2, sender.sent.size())).containsExactly("a", "b", "c");
    }

    @Test
    void thePoolBoundsHowManySendsRunAtOnce() {
        start(2);
        List<CountDownLatch> holds = new ArrayList<>();
        List<OutboxEntry> outbox = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            holds.add(sender.hold("h" + i));
            outbox.add(entry("ns/r/hook-" + i, "h" + i));
        }

        assertThat(offer(outbox, T0)).isEqualTo(5);
        await().atMost(WAIT).until(() -> sender.sent.size() == 2);
        assertThat(worker.inFlight()).isEqualTo(5);
        holds.forEach(CountDownLatch::countDown);
        await().atMost(WAIT).until(() -> worker.results(POLICY).size() == 5);

        assertThat(sender.maxRunning.get()).isEqualTo(2);
        assertThat(sender.sent).hasSize(5).doesNotHaveDuplicates();
        assertThat(woken).containsOnly(POLICY);
    }

    @Test
    void aRestartBeforeTheResultIsWrittenSendsTheEntryOnceMoreWithItsIdAndNothingIsLost() {
        start(2);
        List<OutboxEntry> persisted = List.of(entry("ns/r/hook", "a"), entry("ns/r/hook", "b"));
        offer(persisted, T0);
        await().atMost(WAIT).until(() -> worker.results(POLICY).size() == 2);
        worker.close(); // the crash: both were delivered, the state still lists them

        worker = new OutboxWorker(sender, 2, Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(worker.results(POLICY)).isEmpty();
        assertThat(offer(persisted, T0)).isEqualTo(2);
        await().atMost(WAIT).until(() -> worker.results(POLICY).size() == 2);
        assertThat(reconcile(persisted, T0)).isEmpty();
        assertThat(offer(List.of(), T0)).isZero();
        // at least once: the receiver sees each id twice, and dedups by it (webhook header, PagerDuty dedup key)
        assertThat(sender.sent).containsExactly("a", "b", "a", "b");
    }

    @Test
    void aSenderThatThrowsIsAFailureNotALostEntry() {
        OutboxWorker throwing = new OutboxWorker(job -> {
            throw new IllegalStateException("bug");
        }, 1, Clock.fixed(T0, ZoneOffset.UTC));
        try {
            OutboxEntry a = entry("ns/r/hook", "a");
            throwing.offer(POLICY, policy(), List.of(a), Map.of(), T0);
            await().atMost(WAIT).until(() -> !throwing.results(POLICY).isEmpty());
            assertThat(throwing.results(POLICY).get(a.key())).satisfies(r -> {
                assertThat(r.kind()).isEqualTo(DeliveryResult.Kind.Failed);
                assertThat(r.reason()).isEqualTo("Error");
            });
        } finally {
            throwing.close();
        }
    }
}
