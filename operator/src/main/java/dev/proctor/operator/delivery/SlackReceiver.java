package dev.proctor.operator.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.payload.PayloadContext;
import dev.proctor.core.alert.payload.SlackPayload;
import dev.proctor.core.mask.Masker;

/** Slack incoming webhook: the URL is the credential. */
public final class SlackReceiver extends JsonReceiver {
    public SlackReceiver(String webhookUrl, PayloadContext context, Masker masker, HttpPoster poster) {
        super(webhookUrl, context, masker, poster);
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    JsonNode render(Notification n) {
        return SlackPayload.render(n, context, masker);
    }
}
