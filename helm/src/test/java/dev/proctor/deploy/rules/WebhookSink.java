package dev.proctor.deploy.rules;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1: {@code /ok} accepts every notification, {@code /broken} answers 500 and
 * {@code /flaky} refuses every other request, so that the operator's delivered, failed-delivery and retried
 * series all come to exist.
 */
public final class WebhookSink implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger flaky = new AtomicInteger();

    public WebhookSink() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        server.createContext("/ok", exchange -> {
            exchange.getRequestBody().readAllBytes();
            accepted.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.getRequestBody().readAllBytes();
            refused.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.createContext("/flaky", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(flaky.incrementAndGet() % 2 == 1 ? 503 : 200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int accepted() {
        return accepted.get();
    }

    public int refused() {
        return refused.get();
    }

    /** Requests to {@code /flaky}: the odd ones were refused, the even ones accepted. */
    public int flakyRequests() {
        return flaky.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
