package dev.proctor.core.alert.payload;

import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.Severity;
import dev.proctor.core.mask.Masker;

/**
 * A Kubernetes Event on the SLAPolicy: {@code type} Warning while a page or ticket alert fires, else Normal;
 * {@code reason} a CamelCase word, the common alert name (e.g. SLOBurnRate) with a Resolved suffix when resolved;
 * {@code message} at most 1024 characters (the API server truncates longer ones anyway).
 */
public final class KubernetesEventPayload {
    public static final int MAX_MESSAGE = 1024;

    public record KubernetesEvent(String type, String reason, String message) {}

    private KubernetesEventPayload() {}

    public static KubernetesEvent render(Notification n, Masker masker) {
        boolean firing = n.status() == Notification.Status.Firing;
        String type = firing && NotificationText.highest(n) != Severity.Info ? "Warning" : "Normal";
        String name = NotificationText.commonLabels(n).getOrDefault(Alert.ALERTNAME, "Alerts");
        String reason = firing ? name : name + "Resolved";
        String message = masker.mask(NotificationText.title(n) + ": " + String.join("; ", NotificationText.lines(n)));
        return new KubernetesEvent(type, reason, NotificationText.cut(message, MAX_MESSAGE));
    }
}
