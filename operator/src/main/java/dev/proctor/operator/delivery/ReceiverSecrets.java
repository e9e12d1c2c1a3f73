package dev.proctor.operator.delivery;

import dev.proctor.operator.api.v1alpha1.sla.ReceiverSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Secret keys a receiver reads, by role (url, routingKey, signingKey). */
public final class ReceiverSecrets {
    public static final String URL = "url";
    public static final String ROUTING_KEY = "routingKey";
    public static final String SIGNING_KEY = "signingKey";

    private ReceiverSecrets() {}

    /** Required refs first; optional ones only when set. */
    public static Map<String, SecretKeySelector> refs(ReceiverSpec r) {
        Map<String, SecretKeySelector> refs = new LinkedHashMap<>();
        if (r.slack != null) refs.put(URL, r.slack.urlSecretKeyRef);
        if (r.teams != null) refs.put(URL, r.teams.urlSecretKeyRef);
        if (r.alertmanager != null) refs.put(URL, r.alertmanager.urlSecretKeyRef);
        if (r.pagerduty != null) {
            refs.put(ROUTING_KEY, r.pagerduty.routingKeySecretKeyRef);
            if (r.pagerduty.urlSecretKeyRef != null) refs.put(URL, r.pagerduty.urlSecretKeyRef);
        }
        if (r.webhook != null) {
            refs.put(URL, r.webhook.urlSecretKeyRef);
            if (r.webhook.signingKeySecretKeyRef != null) refs.put(SIGNING_KEY, r.webhook.signingKeySecretKeyRef);
        }
        return refs;
    }

    public static String type(ReceiverSpec r) {
        if (r.slack != null) return "slack";
        if (r.pagerduty != null) return "pagerduty";
        if (r.teams != null) return "teams";
        if (r.webhook != null) return "webhook";
        if (r.alertmanager != null) return "alertmanager";
        return "event";
    }
}
