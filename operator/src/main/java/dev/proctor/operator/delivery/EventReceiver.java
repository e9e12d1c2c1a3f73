package dev.proctor.operator.delivery;

import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.payload.KubernetesEventPayload;
import dev.proctor.core.mask.Masker;
import dev.proctor.operator.events.KubeEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** A Kubernetes Event on the SLAPolicy the notification came from. */
public final class EventReceiver implements Receiver {
    private final KubeEvents events;
    private final HasMetadata about;
    private final Masker masker;

    public EventReceiver(KubeEvents events, HasMetadata about, Masker masker) {
        this.events = events;
        this.about = about;
        this.masker = masker;
    }

    @Override
    public String type() {
        return "event";
    }

    @Override
    public void send(Notification notification) {
        KubernetesEventPayload.KubernetesEvent e = KubernetesEventPayload.render(notification, masker);
        if ("Warning".equals(e.type())) events.warning(about, e.reason(), e.message());
        else events.normal(about, e.reason(), e.message());
    }
}
