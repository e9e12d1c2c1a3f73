package dev.proctor.operator.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.payload.AlertmanagerPayload;
import dev.proctor.core.alert.payload.PayloadContext;
import dev.proctor.core.mask.Masker;
import java.time.Duration;

/**
 * Prometheus Alertmanager v2: the alerts, not the notification, go to {@code <base>/api/v2/alerts}; Alertmanager
 * groups and notifies on its own. Firing alerts stay valid for {@code validFor}; the repeat interval of the
 * route must be shorter for them to stay firing there.
 */
public final class AlertmanagerReceiver extends JsonReceiver {
    private final Duration validFor;

    public AlertmanagerReceiver(String baseUrl, Duration validFor, PayloadContext context, Masker masker, HttpPoster poster) {
        super(baseUrl, context, masker, poster);
        this.validFor = validFor;
    }

    @Override
    public String type() {
        return "alertmanager";
    }

    @Override
    String target() {
        return url.replaceAll("/+$", "") + "/api/v2/alerts";
    }

    @Override
    JsonNode render(Notification n) {
        return AlertmanagerPayload.render(n.alerts(), n.at(), validFor, context, masker);
    }
}
