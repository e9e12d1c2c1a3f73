package dev.proctor.operator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receiver the bench measures against: an HTTP server on 127.0.0.1 speaking the generic webhook contract
 * (Alertmanager's webhook body, as Proctor's webhook receiver sends it). The moment its handler gets a request is
 * the end of the measurement, taken before the body is read. {@code /hook} is the operator's; a firing RunFailed
 * alert names its run in the {@code run} annotation. {@code /baseline} is the bench's own direct POST, named by
 * the {@value #BASELINE_ID} header.
 */
final class LatencyReceiver implements AutoCloseable {
    static final String BASELINE_ID = "X-Bench-Id";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** When the handler got the first notification about a run, and that notification's body. */
    record Arrival(long nanos, String body) {}

    private final HttpServer server;
    private final Map<String, CompletableFuture<Arrival>> runs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> notificationsPerRun = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> baseline = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger unreadable = new AtomicInteger();

    LatencyReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "latency-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/hook", this::hook);
        server.createContext("/baseline", this::baseline);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Completes when the first notification naming {@code run} arrives. */
    CompletableFuture<Arrival> expect(String run) {
        return runs.computeIfAbsent(run, r -> new CompletableFuture<>());
    }

    CompletableFuture<Long> expectBaseline(String id) {
        return baseline.computeIfAbsent(id, r -> new CompletableFuture<>());
    }

    /** Notifications that named each run (more than one would be a duplicate). */
    Map<String, AtomicInteger> notificationsPerRun() {
        return notificationsPerRun;
    }

    int requests() {
        return requests.get();
    }

    int unreadable() {
        return unreadable.get();
    }

    private void hook(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        requests.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        answer(exchange);
        try {
            for (JsonNode alert : JSON.readTree(body).path("alerts")) {
                if (!"firing".equals(alert.path("status").asText()) || !"RunFailed".equals(alert.path("labels").path("alertname").asText())) {
                    continue;
                }
                String run = alert.path("annotations").path("run").asText();
                notificationsPerRun.computeIfAbsent(run, r -> new AtomicInteger()).incrementAndGet();
                expect(run).complete(new Arrival(now, body));
            }
        } catch (IOException e) {
            unreadable.incrementAndGet();
        }
    }

    private void baseline(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String id = exchange.getRequestHeaders().getFirst(BASELINE_ID);
        exchange.getRequestBody().readAllBytes();
        answer(exchange);
        if (id != null) expectBaseline(id).complete(now);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, ok.length);
            out.write(ok);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
