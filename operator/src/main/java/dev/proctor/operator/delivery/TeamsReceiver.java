package dev.proctor.operator.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.payload.PayloadContext;
import dev.proctor.core.alert.payload.TeamsPayload;
import dev.proctor.core.mask.Masker;

/** Microsoft Teams incoming webhook or Workflows URL, with an Adaptive Card. */
public final class TeamsReceiver extends JsonReceiver {
    public TeamsReceiver(String webhookUrl, PayloadContext context, Masker masker, HttpPoster poster) {
        super(webhookUrl, context, masker, poster);
    }

    @Override
    public String type() {
        return "teams";
    }

    @Override
    JsonNode render(Notification n) {
        return TeamsPayload.render(n, context, masker);
    }
}
