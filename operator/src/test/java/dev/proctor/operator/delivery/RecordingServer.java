package dev.proctor.operator.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An HTTP server on 127.0.0.1 that records every request and answers as a test programs it: the answer is a
 * function of the request's ordinal (0, 1, …), so "500 twice, then 200" is {@code i -> i < 2 ? fail(500) : ok()}.
 */
public final class RecordingServer implements AutoCloseable {
    public record Request(String method, String path, Map<String, List<String>> headers, String body, boolean accepted) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /**
     * @param delayMillis wait before answering (to simulate a slow receiver)
     * @param hold        when set, answer only once it is released (at most a minute): a receiver that hangs
     */
    public record Answer(int status, Map<String, String> headers, String body, long delayMillis, CountDownLatch hold) {
        public Answer(int status, Map<String, String> headers, String body, long delayMillis) {
            this(status, headers, body, delayMillis, null);
        }
    }

    public static Answer ok() {
        return new Answer(200, Map.of(), "ok", 0);
    }

    public static Answer fail(int status) {
        return new Answer(status, Map.of(), "{\"error\":\"boom\"}", 0);
    }

    public static Answer rateLimited(int seconds) {
        return new Answer(429, Map.of("Retry-After", Integer.toString(seconds)), "slow down", 0);
    }

    public static Answer slow(long millis) {
        return new Answer(200, Map.of(), "ok", millis);
    }

    /** 200, once {@code latch} is released. */
    public static Answer heldUntil(CountDownLatch latch) {
        return new Answer(200, Map.of(), "ok", 0, latch);
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile IntFunction<Answer> answers = i -> ok();

    public RecordingServer() throws IOException {
        this(0);
    }

    public RecordingServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    public RecordingServer answering(IntFunction<Answer> answers) {
        this.answers = answers;
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose handling has begun, answered or not (a held one counts here before it is recorded). */
    public int arrived() {
        return arrived.get();
    }

    /** Every request that arrived has been answered and recorded: nothing is being handled now. */
    public boolean idle() {
        return arrived.get() == requests.size();
    }

    public List<Request> accepted() {
        return requests.stream().filter(Request::accepted).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        arrived.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer a = answers.apply(count.getAndIncrement());
        try {
            if (a.delayMillis() > 0) Thread.sleep(a.delayMillis());
            if (a.hold() != null) a.hold().await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body, a.status() / 100 == 2 && a.delayMillis() == 0));
        a.headers().forEach(exchange.getResponseHeaders()::add);
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        try (OutputStream os = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(a.status(), out.length);
            os.write(out);
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
