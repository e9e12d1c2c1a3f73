package dev.proctor.techshop.app;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One request and its answer: parsing of query, form and cookies, and the security headers every page carries
 * (unless a test switched the CSP off).
 */
final class Exchange {
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    private final HttpExchange http;
    private final Switches switches;
    private Map<String, String> form;

    Exchange(HttpExchange http, Switches switches) {
        this.http = http;
        this.switches = switches;
    }

    String method() { return http.getRequestMethod(); }

    String path() { return http.getRequestURI().getPath(); }

    String query(String name) {
        return decode(http.getRequestURI().getRawQuery()).get(name);
    }

    String form(String name) throws IOException {
        if (form == null) {
            form = decode(new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        }
        return form.get(name);
    }

    String cookie(String name) {
        for (String header : http.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) return pair.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /** Session cookies are HttpOnly and SameSite; Secure is added when the app is served over TLS by a proxy. */
    void setCookie(String name, String value, boolean httpOnly) {
        boolean tls = "https".equalsIgnoreCase(http.getRequestHeaders().getFirst("X-Forwarded-Proto"));
        http.getResponseHeaders().add("Set-Cookie", name + "=" + value + "; Path=/; SameSite=Lax"
                + (httpOnly ? "; HttpOnly" : "") + (tls ? "; Secure" : ""));
    }

    void html(int status, String body) throws IOException {
        send(status, "text/html; charset=utf-8", body);
    }

    void json(int status, String body) throws IOException {
        send(status, "application/json", body);
    }

    void redirect(String location) throws IOException {
        http.getResponseHeaders().set("Location", location);
        securityHeaders();
        http.sendResponseHeaders(303, -1);
        http.close();
    }

    private void send(int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", contentType);
        http.getResponseHeaders().set("Cache-Control", "no-store");
        securityHeaders();
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void securityHeaders() {
        var headers = http.getResponseHeaders();
        if (!switches.missingCsp()) headers.set("Content-Security-Policy", CSP);
        headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
    }

    private static Map<String, String> decode(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) return values;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }
}
