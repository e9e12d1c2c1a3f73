package dev.proctor.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.mask.Masker;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.payload.PayloadContext;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.core.policy.DeliveryResult;
import dev.proctor.core.policy.Outbox;
import dev.proctor.core.policy.OutboxEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Faults between Proctor and a receiver, with the SmallRye guard, the delivery worker and the outbox rules as the
 * SLAPolicy reconciler drives them (a notification stays pending until delivered, later ones wait behind it).
 * Every fault must end with each notification accepted exactly once. Prints the fault table.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DeliveryFaultTest {
    static final int NOTIFICATIONS = 5;
    static final GuardSettings POLICY = new GuardSettings(Duration.ofMillis(300), 3, Duration.ofMillis(50),
            Duration.ofSeconds(2), Duration.ofSeconds(10), 4, 0.75, Duration.ofMillis(500));
    static final Duration RETRY = Duration.ofMillis(250);
    static final Map<String, String> TABLE = new ConcurrentSkipListMap<>();

    record Result(int delivered, int calls, int attempts, int refused, int serverSaw, int duplicated, int lost, List<CircuitBreakerState> circuit, long millis) {}

    @AfterAll
    static void printTable() {
        StringBuilder t = new StringBuilder("\n| fault | notifications | delivered | guarded calls | requests sent | retried | refused by open circuit | server saw | duplicated | lost | circuit | time |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        TABLE.values().forEach(t::append);
        System.out.println(t);
    }

    @Test
    void receiverDownThenUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int fixedPort = port;
        RecordingServer[] late = new RecordingServer[1];
        Result r = run("1 receiver down (connection refused), up after 1 s", "http://127.0.0.1:" + port + "/hook", Duration.ZERO, elapsed -> {
            if (elapsed >= 1000 && late[0] == null) {
                try {
                    late[0] = new RecordingServer(fixedPort);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, () -> late[0]);
        late[0].close();
        assertExactlyOnce(r);
    }

    @Test
    void http500TwiceThenOk() throws Exception {
        try (RecordingServer server = new RecordingServer().answering(i -> i < 2 ? RecordingServer.fail(500) : RecordingServer.ok())) {
            Result r = run("2 HTTP 500 on the first two requests", server.url("/hook"), Duration.ZERO, elapsed -> { }, () -> server);
            assertExactlyOnce(r);
            assertThat(r.attempts()).isGreaterThan(NOTIFICATIONS);
        }
    }

    @Test
    void rateLimitedWithRetryAfter() throws Exception {
        try (RecordingServer server = new RecordingServer().answering(i -> i == 0 ? RecordingServer.rateLimited(1) : RecordingServer.ok())) {
            Result r = run("3 HTTP 429, Retry-After: 1", server.url("/hook"), Duration.ZERO, elapsed -> { }, () -> server);
            assertExactlyOnce(r);
            assertThat(r.millis()).as("waited for Retry-After").isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void slowBeyondTheTimeout() throws Exception {
        try (RecordingServer server = new RecordingServer().answering(i -> i == 0 ? RecordingServer.slow(1500) : RecordingServer.ok())) {
            Result r = run("4 answer after 1.5 s, timeout 300 ms", server.url("/hook"), Duration.ofMillis(1600), elapsed -> { }, () -> server);
            assertExactlyOnce(r);
        }
    }

    @Test
    void circuitOpensAndCloses() throws Exception {
        try (RecordingServer server = new RecordingServer().answering(i -> i < 10 ? RecordingServer.fail(503) : RecordingServer.ok())) {
            Result r = run("5 HTTP 503 ×10 (circuit)", server.url("/hook"), Duration.ZERO, elapsed -> { }, () -> server);
            assertExactlyOnce(r);
            assertThat(r.circuit()).containsSubsequence(CircuitBreakerState.OPEN, CircuitBreakerState.HALF_OPEN, CircuitBreakerState.CLOSED);
            assertThat(r.refused()).as("an open circuit stops requests").isPositive();
        }
    }

    interface Round {
        /** Called before each reconcile with the time since the first one. */
        void before(long elapsedMillis);
    }

    /**
     * The outbox as the SLAPolicy reconciler drives it: the production {@link OutboxWorker} sends (here through the
     * guard straight to the receiver, without Secrets), and each "reconcile" applies its results with
     * {@link Outbox#settle}, settles them and offers what is due. A reconcile runs when a result arrives, or after
     * {@link #RETRY} (the pending-retry timer).
     */
    Result run(String fault, String url, Duration settle, Round round, java.util.function.Supplier<RecordingServer> server) throws Exception {
        List<CircuitBreakerState> states = new CopyOnWriteArrayList<>();
        GuardedReceiver guard = new GuardedReceiver("fault-" + fault.hashCode(), POLICY, (k, s) -> states.add(s));
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        WebhookReceiver hook = new WebhookReceiver(url, "k", new PayloadContext("proctor/test/faults", null), Masker.patternsOnly(),
                new HttpPoster(POLICY.timeout()));
        Receiver counting = new Receiver() {
            @Override
            public String type() {
                return hook.type();
            }

            @Override
            public void send(Notification n) throws DeliveryException {
                attempts.incrementAndGet();
                hook.send(n);
            }
        };
        OutboxWorker worker = new OutboxWorker(send -> {
            calls.incrementAndGet();
            DeliveryResult result = guard.send(send.entry().key(), counting, send.entry().notification());
            if (GuardedReceiver.CIRCUIT_OPEN.equals(result.reason())) refused.incrementAndGet();
            return result;
        }, 2, Clock.systemUTC());
        Semaphore woken = new Semaphore(0);
        worker.onResult(id -> woken.release());
        ResourceID policy = new ResourceID("faults", "test");
        SLAPolicy about = new SLAPolicy();
        about.setMetadata(new ObjectMetaBuilder().withName("faults").withNamespace("test").build());

        List<OutboxEntry> outbox = new ArrayList<>();
        for (int i = 0; i < NOTIFICATIONS; i++) outbox.add(OutboxEntry.of(Notifications.firing("n" + i, null), Instant.now()));
        long start = System.nanoTime();
        try {
            while (!outbox.isEmpty() && System.nanoTime() - start < Duration.ofSeconds(30).toNanos()) {
                round.before((System.nanoTime() - start) / 1_000_000);
                Map<String, DeliveryResult> results = worker.results(policy);
                outbox = Outbox.settle(outbox, results, RETRY).outbox();
                worker.settle(policy, results.keySet());
                worker.offer(policy, about, outbox, Map.of(), Instant.now());
                if (!outbox.isEmpty()) woken.tryAcquire(RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            worker.close();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        RecordingServer s = server.get();
        if (s != null) {
            // a slow handler may still be answering a request the worker gave up on: "server saw" counts it once done
            await("the receiver to finish the requests it got").atMost(settle.plusSeconds(30)).until(s::idle);
        }
        List<String> accepted = s == null ? List.of()
                : s.accepted().stream().map(x -> x.header(WebhookReceiver.NOTIFICATION_ID_HEADER)).toList();
        Set<String> unique = Set.copyOf(accepted);
        int saw = s == null ? 0 : s.requests().size();
        Result result = new Result(unique.size(), calls.get(), attempts.get(), refused.get(), saw, accepted.size() - unique.size(), NOTIFICATIONS - unique.size(),
                List.copyOf(states), millis);
        long opened = states.stream().filter(x -> x == CircuitBreakerState.OPEN).count();
        String circuit = states.isEmpty() ? "stayed closed"
                : "opened " + opened + "×, ended " + states.get(states.size() - 1).name().toLowerCase(Locale.ROOT);
        TABLE.put(fault, String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s | %.1f s |%n", fault.substring(2),
                NOTIFICATIONS, result.delivered(), result.calls(), result.attempts(), result.attempts() - result.delivered(),
                result.refused(), saw, result.duplicated(), result.lost(), circuit, millis / 1000.0));
        return result;
    }

    static void assertExactlyOnce(Result r) {
        assertThat(r.lost()).as("lost").isZero();
        assertThat(r.duplicated()).as("duplicated").isZero();
        assertThat(r.delivered()).isEqualTo(NOTIFICATIONS);
    }

}
