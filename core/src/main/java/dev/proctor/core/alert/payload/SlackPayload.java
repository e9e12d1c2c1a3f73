package dev.proctor.core.alert.payload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.mask.Masker;
import java.util.List;

/**
 * Slack incoming-webhook message: {@code text} (the notification fallback) and Block Kit {@code blocks}: a header,
 * one section per alert (at most {@value NotificationText#MAX_LISTED_ALERTS}, the rest counted) and a context line.
 * Respects Slack's limits: header text 150 characters, section text 3000, 50 blocks. mrkdwn control characters
 * ({@code & < >}) are escaped so alert text cannot inject links or mentions.
 */
public final class SlackPayload {
    static final int MAX_HEADER = 150;
    static final int MAX_SECTION = 3000;

    private SlackPayload() {}

    public static ObjectNode render(Notification n, PayloadContext context, Masker masker) {
        String title = NotificationText.title(n);
        ObjectNode root = Payloads.NODES.objectNode();
        root.put("text", title);
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", NotificationText.cut(title, MAX_HEADER)).put("emoji", true);
        List<String> lines = NotificationText.lines(n);
        for (String line : lines.stream().limit(NotificationText.MAX_LISTED_ALERTS).toList()) {
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", NotificationText.cut(escape(line), MAX_SECTION));
        }
        if (lines.size() > NotificationText.MAX_LISTED_ALERTS) {
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", "and " + (lines.size() - NotificationText.MAX_LISTED_ALERTS) + " more");
        }
        String origin = escape(context.source()) + " · receiver " + escape(n.receiver())
                + (context.externalUrl() == null ? "" : " · <" + context.externalUrl() + "|open>");
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn").put("text", origin);
        return (ObjectNode) masker.maskTree(root);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
