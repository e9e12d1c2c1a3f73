package dev.proctor.operator.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.payload.PagerDutyPayload;
import dev.proctor.core.alert.payload.PayloadContext;
import dev.proctor.core.mask.Masker;
import java.util.Map;

/**
 * PagerDuty Events API v2. The dedup key is the Proctor incident id when there is one, so PagerDuty keeps one
 * incident per Proctor incident and a re-sent trigger after a restart changes nothing there.
 */
public final class PagerDutyReceiver extends JsonReceiver {
    public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";
    private final String routingKey;

    public PagerDutyReceiver(String url, String routingKey, PayloadContext context, Masker masker, HttpPoster poster) {
        super(url == null || url.isBlank() ? DEFAULT_URL : url, context, masker, poster);
        this.routingKey = routingKey;
    }

    @Override
    public String type() {
        return "pagerduty";
    }

    @Override
    JsonNode render(Notification n) {
        return PagerDutyPayload.render(n, routingKey, context, masker);
    }

    /**
     * Tells PagerDuty what happened to the incident in Proctor: a person acknowledged it, or it resolved by itself
     * while its alert still fired. The dedup key is the incident id, as in the trigger.
     */
    public void incidentEvent(PagerDutyPayload.Action action, String incidentId, HttpPoster poster) throws DeliveryException {
        poster.post(url, PagerDutyPayload.event(routingKey, action, incidentId, masker).toString(), Map.of(), masker);
    }
}
