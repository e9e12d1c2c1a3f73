package dev.proctor.sdk.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A few fixed pages on 127.0.0.1 for the SDK's browser tests: clean, planted faults, and a flaky one. */
public final class LocalSite implements AutoCloseable {
    static final String CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
    private static final String CLEAN = "<!DOCTYPE html><html lang=\"en\"><head><title>Clean</title></head><body>"
            + "<main><h1>Hello</h1><p>A page with nothing wrong.</p></main></body></html>";
    private static final String VIOLATION = "<!DOCTYPE html><html lang=\"en\"><head><title>Broken</title></head><body>"
            + "<main><h1>Hello</h1><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" width=\"20\" height=\"20\">"
            + "</main></body></html>";

    private static final String UNAVAILABLE = "<!DOCTYPE html><html lang=\"en\"><body>unavailable</body></html>";

    private final HttpServer server;
    private final AtomicInteger flakyRequests = new AtomicInteger();

    public LocalSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/clean", x -> send(x, 200, CLEAN, true));
        server.createContext("/violation", x -> send(x, 200, VIOLATION, true));
        server.createContext("/no-csp", x -> send(x, 200, CLEAN, false));
        server.createContext("/flaky", x -> {
            boolean fail = flakyRequests.getAndIncrement() % 2 == 0;
            send(x, fail ? 503 : 200, fail ? UNAVAILABLE : CLEAN, true);
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int flakyRequests() {
        return flakyRequests.get();
    }

    private static void send(HttpExchange exchange, int status, String body, boolean csp) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        if (csp) exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().add("Set-Cookie", "sid=1; Path=/; HttpOnly; SameSite=Lax");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
