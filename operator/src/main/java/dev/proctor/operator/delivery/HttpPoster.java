package dev.proctor.operator.delivery;

import dev.proctor.core.mask.Masker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One JSON POST and what its answer means for delivery: 2xx delivered; 429 and 5xx worth retrying (429 with its
 * Retry-After); other 4xx refused for good; no connection or no answer within the timeout worth retrying.
 * Errors name the status and a masked, shortened body, never the URL's secret parts.
 */
public final class HttpPoster {
    private static final int MAX_BODY_IN_ERROR = 200;
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private final HttpClient client;
    private final Duration timeout;

    public HttpPoster(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public void post(String url, String json, Map<String, String> headers, Masker masker) throws DeliveryException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanent("InvalidURL", masker.mask("the receiver URL is not a valid URL: " + e.getMessage()));
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw DeliveryException.retryable("Unreachable", "no connection within " + timeout.toMillis() + "ms");
        } catch (HttpTimeoutException e) {
            throw DeliveryException.retryable("Timeout", "no answer within " + timeout.toMillis() + "ms");
        } catch (IOException e) {
            throw DeliveryException.retryable("Unreachable", masker.mask("could not connect: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable("Interrupted", "delivery was interrupted");
        }
        int status = response.statusCode();
        if (status / 100 == 2) return;
        String text = "HTTP " + status + ": " + masker.mask(shorten(response.body()));
        if (status == 429) {
            throw new DeliveryException("RateLimited", text, true, retryAfter(response));
        }
        if (status >= 500 || status == 408) throw DeliveryException.retryable("Http" + status, text);
        throw DeliveryException.permanent("Http" + status, text);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                Duration d = Duration.ofSeconds(Long.parseLong(v.trim()));
                return d.isNegative() ? Duration.ZERO : d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
            } catch (NumberFormatException e) {
                return null; // an HTTP date: fall back to our own backoff
            }
        }).orElse(null);
    }

    private static String shorten(String body) {
        if (body == null) return "";
        String oneLine = body.replace('\n', ' ').replace('\r', ' ').strip();
        return oneLine.length() <= MAX_BODY_IN_ERROR ? oneLine : oneLine.substring(0, MAX_BODY_IN_ERROR) + "…";
    }
}
