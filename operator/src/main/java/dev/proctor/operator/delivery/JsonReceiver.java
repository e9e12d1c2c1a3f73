package dev.proctor.operator.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.payload.PayloadContext;
import dev.proctor.core.mask.Masker;
import java.util.Map;

/** A receiver that POSTs one JSON document, rendered by core, to a URL read from a Secret. */
abstract class JsonReceiver implements Receiver {
    protected final String url;
    protected final PayloadContext context;
    protected final Masker masker;
    private final HttpPoster poster;

    JsonReceiver(String url, PayloadContext context, Masker masker, HttpPoster poster) {
        this.url = url;
        this.context = context;
        this.masker = masker;
        this.poster = poster;
    }

    abstract JsonNode render(Notification notification);

    Map<String, String> headers(Notification notification, String body) {
        return Map.of();
    }

    String target() {
        return url;
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        String body = render(notification).toString();
        poster.post(target(), body, headers(notification, body), masker);
    }
}
