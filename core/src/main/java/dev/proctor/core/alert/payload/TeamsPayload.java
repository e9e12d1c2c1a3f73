package dev.proctor.core.alert.payload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.mask.Masker;
import java.util.List;

/**
 * Microsoft Teams message (incoming webhook or Workflows) carrying one Adaptive Card: {@code type: message},
 * {@code attachments[0].contentType: application/vnd.microsoft.card.adaptive}, the card in {@code content}
 * (schema 1.4): a title coloured by status, a fact set of the group labels, one text block per alert, and a link
 * back to Proctor when there is one.
 */
public final class TeamsPayload {
    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

    private TeamsPayload() {}

    public static ObjectNode render(Notification n, PayloadContext context, Masker masker) {
        ObjectNode root = Payloads.NODES.objectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", SCHEMA).put("type", "AdaptiveCard").put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("size", "Large").put("weight", "Bolder").put("wrap", true)
                .put("color", n.status() == Notification.Status.Firing ? "Attention" : "Good")
                .put("text", NotificationText.title(n));
        if (!n.groupLabels().isEmpty()) {
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            n.groupLabels().forEach((k, v) -> facts.addObject().put("title", k).put("value", v));
        }
        List<String> lines = NotificationText.lines(n);
        for (String line : lines.stream().limit(NotificationText.MAX_LISTED_ALERTS).toList()) {
            body.addObject().put("type", "TextBlock").put("wrap", true).put("text", line);
        }
        if (lines.size() > NotificationText.MAX_LISTED_ALERTS) {
            body.addObject().put("type", "TextBlock").put("wrap", true).put("isSubtle", true)
                    .put("text", "and " + (lines.size() - NotificationText.MAX_LISTED_ALERTS) + " more");
        }
        if (context.externalUrl() != null) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open in Proctor")
                    .put("url", context.externalUrl());
        }
        return (ObjectNode) masker.maskTree(root);
    }
}
