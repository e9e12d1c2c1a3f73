package dev.proctor.operator.delivery;

import dev.proctor.core.alert.payload.PayloadContext;
import dev.proctor.core.mask.Masker;
import dev.proctor.operator.api.v1alpha1.sla.ReceiverSpec;
import dev.proctor.operator.events.KubeEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a receiver entry and its Secrets into a {@link Receiver}, with a masker that knows those Secrets. */
@ApplicationScoped
public class ReceiverFactory {
    /** Alertmanager resolves a firing alert by itself after this long without a re-send. */
    static final Duration ALERTMANAGER_VALID_FOR = Duration.ofHours(5);

    public sealed interface Built permits Ready, Unresolved {}

    public record Ready(Receiver receiver, Masker masker) implements Built {}

    public record Unresolved(String type, String reason, String message) implements Built {}

    private final SecretResolver secrets;
    private final KubeEvents events;

    public ReceiverFactory(SecretResolver secrets, KubeEvents events) {
        this.secrets = secrets;
        this.events = events;
    }

    /** @param about the SLAPolicy the notification comes from (Event receivers record on it) */
    public Built build(String namespace, ReceiverSpec spec, HasMetadata about, HttpPoster poster) {
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, SecretKeySelector> ref : ReceiverSecrets.refs(spec).entrySet()) {
            SecretResolver.Resolved r = secrets.resolve(namespace, ref.getValue());
            if (r instanceof SecretResolver.Missing m) return new Unresolved(ReceiverSecrets.type(spec), m.reason(), m.message());
            values.put(ref.getKey(), ((SecretResolver.Value) r).value());
        }
        Masker masker = Masker.of(new ArrayList<>(values.values()));
        PayloadContext context = new PayloadContext("proctor/" + about.getMetadata().getNamespace() + "/"
                + about.getMetadata().getName(), null);
        String url = values.get(ReceiverSecrets.URL);
        Receiver receiver;
        if (spec.slack != null) receiver = new SlackReceiver(url, context, masker, poster);
        else if (spec.teams != null) receiver = new TeamsReceiver(url, context, masker, poster);
        else if (spec.pagerduty != null) receiver = new PagerDutyReceiver(url, values.get(ReceiverSecrets.ROUTING_KEY), context, masker, poster);
        else if (spec.webhook != null) receiver = new WebhookReceiver(url, values.get(ReceiverSecrets.SIGNING_KEY), context, masker, poster);
        else if (spec.alertmanager != null) receiver = new AlertmanagerReceiver(url, ALERTMANAGER_VALID_FOR, context, masker, poster);
        else receiver = new EventReceiver(events, about, masker);
        return new Ready(receiver, masker);
    }

    /** What is wrong with a receiver's Secrets, one entry per missing key (empty when all resolve). */
    public List<SecretResolver.Missing> check(String namespace, ReceiverSpec spec) {
        List<SecretResolver.Missing> missing = new ArrayList<>();
        for (SecretKeySelector ref : ReceiverSecrets.refs(spec).values()) {
            if (secrets.resolve(namespace, ref) instanceof SecretResolver.Missing m) missing.add(m);
        }
        return missing;
    }
}
