package dev.proctor.core.alert.payload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.proctor.core.alert.Alert;
import dev.proctor.core.mask.Masker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Body of Prometheus Alertmanager's {@code POST /api/v2/alerts}: an array of {labels, annotations, startsAt,
 * endsAt, generatorURL}.
 *
 * <p>Alertmanager resolves an alert by itself at its endsAt, so a firing alert gets {@code endsAt = now +
 * validFor}, as Prometheus does with four evaluation intervals: the operator must re-send firing alerts more
 * often than that, and an operator that stops leaves no alert firing forever. A resolved alert keeps its own endsAt.
 */
public final class AlertmanagerPayload {
    private AlertmanagerPayload() {}

    public static ArrayNode render(List<Alert> alerts, Instant now, Duration validFor, PayloadContext context, Masker masker) {
        ArrayNode root = Payloads.NODES.arrayNode();
        for (Alert a : alerts) {
            var o = root.addObject();
            o.set("labels", Payloads.object(a.labels()));
            o.set("annotations", Payloads.object(a.annotations()));
            o.put("startsAt", a.startsAt().toString());
            o.put("endsAt", (a.resolvedAt(now) ? a.endsAt() : now.plus(validFor)).toString());
            if (context.externalUrl() != null) o.put("generatorURL", context.externalUrl());
        }
        return (ArrayNode) masker.maskTree(root);
    }
}
