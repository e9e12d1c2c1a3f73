package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** One receiver: exactly one type. URLs and keys are read from Secrets, never written here. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.slack), has(self.pagerduty), has(self.teams), has(self.webhook), has(self.alertmanager), has(self.event)]"
        + ".filter(x, x).size() == 1",
        message = "a receiver sets exactly one of slack, pagerduty, teams, webhook, alertmanager, event")
public class ReceiverSpec {
    @Required
    @Size(min = 1, max = 40)
    @Pattern(ObjectiveSpec.DNS_LABEL)
    public String name;

    @Default("true")
    @JsonPropertyDescription("Also notify when a group's alerts resolve.")
    public Boolean sendResolved = true;

    public Slack slack;
    public PagerDuty pagerduty;
    public Teams teams;
    public Webhook webhook;
    public Alertmanager alertmanager;
    public Event event;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Slack {
        @Required
        @JsonPropertyDescription("Secret key holding the Slack incoming-webhook URL.")
        public SecretKeySelector urlSecretKeyRef;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PagerDuty {
        @Required
        @JsonPropertyDescription("Secret key holding the Events API v2 integration (routing) key.")
        public SecretKeySelector routingKeySecretKeyRef;

        @JsonPropertyDescription("Secret key holding the Events API URL; default https://events.pagerduty.com/v2/enqueue.")
        public SecretKeySelector urlSecretKeyRef;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Teams {
        @Required
        @JsonPropertyDescription("Secret key holding the Teams workflow/incoming-webhook URL.")
        public SecretKeySelector urlSecretKeyRef;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Webhook {
        @Required
        @JsonPropertyDescription("Secret key holding the URL the JSON is POSTed to.")
        public SecretKeySelector urlSecretKeyRef;

        @JsonPropertyDescription("Secret key holding the HMAC-SHA256 key; the body is signed in X-Proctor-Signature.")
        public SecretKeySelector signingKeySecretKeyRef;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Alertmanager {
        @Required
        @JsonPropertyDescription("Secret key holding Alertmanager's base URL; alerts go to <url>/api/v2/alerts.")
        public SecretKeySelector urlSecretKeyRef;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Event {
        public enum Type { Normal, Warning }

        @Default("Warning")
        @JsonPropertyDescription("Type of the Event recorded on the SLAPolicy for a firing notification.")
        public Type type = Type.Warning;
    }
}
