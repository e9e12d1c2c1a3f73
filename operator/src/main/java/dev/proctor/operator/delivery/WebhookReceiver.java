package dev.proctor.operator.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.payload.PayloadContext;
import dev.proctor.core.alert.payload.WebhookPayload;
import dev.proctor.core.alert.payload.WebhookSignature;
import dev.proctor.core.mask.Masker;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generic JSON webhook (Alertmanager's webhook shape), signed with HMAC-SHA256 over the exact body when a key is
 * configured. The notification id rides in a header too, so an idempotent consumer can drop a re-delivery.
 */
public final class WebhookReceiver extends JsonReceiver {
    public static final String NOTIFICATION_ID_HEADER = "X-Proctor-Notification-Id";
    private final String signingKey;

    /** @param signingKey null to send unsigned */
    public WebhookReceiver(String url, String signingKey, PayloadContext context, Masker masker, HttpPoster poster) {
        super(url, context, masker, poster);
        this.signingKey = signingKey;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    JsonNode render(Notification n) {
        return WebhookPayload.render(n, context, masker);
    }

    @Override
    Map<String, String> headers(Notification notification, String body) {
        Map<String, String> headers = new TreeMap<>();
        headers.put(NOTIFICATION_ID_HEADER, notification.id());
        if (signingKey != null) headers.put(WebhookSignature.HEADER, WebhookSignature.sign(signingKey, body));
        return headers;
    }
}
