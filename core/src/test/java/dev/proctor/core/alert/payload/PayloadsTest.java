package dev.proctor.core.alert.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.AlertType;
import dev.proctor.core.alert.DispatchState;
import dev.proctor.core.alert.Dispatcher;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.Route;
import dev.proctor.core.alert.Severity;
import dev.proctor.core.mask.Masker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadsTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final String SECRET = "xoxb-SECRET-123";
    static final Masker MASKER = Masker.of(List.of(SECRET));
    static final PayloadContext CONTEXT = new PayloadContext("proctor/qa/shop-slo", "https://proctor.example.com/policies/shop-slo");
    static final Route ROOT = new Route("oncall", null, false, List.of("suite"), Duration.ZERO, null, null, null);

    static Alert alert(String suite, Severity severity, String summary) {
        return Alert.firing(AlertType.RunFailed, severity, Map.of("suite", suite), Map.of("summary", summary), T);
    }

    static Notification firing(Alert... alerts) {
        return Dispatcher.step(DispatchState.empty(), Dispatcher.Config.of(ROOT), List.of(alerts), T).notifications().get(0);
    }

    static Notification resolved(Alert alert) {
        Dispatcher.Step first = Dispatcher.step(DispatchState.empty(), Dispatcher.Config.of(ROOT), List.of(alert), T);
        return Dispatcher.step(first.state(), Dispatcher.Config.of(ROOT), List.of(alert.resolve(T.plusSeconds(60))),
                T.plus(Route.DEFAULT_GROUP_INTERVAL)).notifications().get(0);
    }

    static final Notification LEAKY = firing(alert("shop", Severity.Page, "checkout failed: token " + SECRET + " <@here> & more"));

    @Test
    void slackHasTextHeaderSectionsAndContextAndEscapesMrkdwn() {
        ObjectNode slack = SlackPayload.render(LEAKY, CONTEXT, MASKER);

        assertThat(slack.get("text").asText()).isEqualTo("[FIRING:1] shop");
        assertThat(slack.get("blocks")).extracting(b -> b.get("type").asText()).containsExactly("header", "section", "context");
        assertThat(slack.at("/blocks/0/text/type").asText()).isEqualTo("plain_text");
        assertThat(slack.at("/blocks/1/text/text").asText())
                .isEqualTo("[page] RunFailed suite=shop: checkout failed: token **** &lt;@here&gt; &amp; more");
        assertThat(slack.at("/blocks/2/elements/0/text").asText()).endsWith("<https://proctor.example.com/policies/shop-slo|open>");
        assertThat(slack.toString()).doesNotContain(SECRET);
    }

    @Test
    void slackRespectsBlockLimits() {
        Route one = new Route("r", null, false, null, Duration.ZERO, null, null, null);
        List<Alert> distinct = new java.util.ArrayList<>();
        for (int i = 0; i < 15; i++) {
            distinct.add(Alert.firing(AlertType.RunFailed, Severity.Ticket, Map.of("suite", "s" + i), Map.of("summary", "y".repeat(1000)), T));
        }
        Notification n = Dispatcher.step(DispatchState.empty(), Dispatcher.Config.of(one), distinct, T).notifications().get(0);

        ObjectNode slack = SlackPayload.render(n, CONTEXT, MASKER);

        assertThat(slack.get("blocks").size()).isEqualTo(1 + 10 + 1 + 1).isLessThanOrEqualTo(50);
        assertThat(slack.at("/blocks/11/text/text").asText()).isEqualTo("and 5 more");
        slack.get("blocks").forEach(b -> assertThat(b.path("text").path("text").asText().length()).isLessThanOrEqualTo(3000));
    }

    @Test
    void pagerDutyFollowsTheEventsV2Contract() {
        ObjectNode trigger = PagerDutyPayload.render(LEAKY, "ROUTING_KEY_PLACEHOLDER", CONTEXT, MASKER);
        Notification incident = firing(alert("shop", Severity.Ticket, "y".repeat(3000)).withAnnotation(Alert.INCIDENT, "inc-0badc0de-1767225600"));
        ObjectNode withIncident = PagerDutyPayload.render(incident, "k", CONTEXT, MASKER);
        ObjectNode resolve = PagerDutyPayload.render(resolved(alert("shop", Severity.Page, "s")), "k", CONTEXT, MASKER);
        ObjectNode ack = PagerDutyPayload.event("k", PagerDutyPayload.Action.acknowledge, "inc-0badc0de-1767225600", MASKER);

        assertThat(trigger.get("routing_key").asText()).isEqualTo("ROUTING_KEY_PLACEHOLDER");
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo(LEAKY.dedupKey()).hasSizeLessThanOrEqualTo(255);
        assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(trigger.at("/payload/source").asText()).isEqualTo("proctor/qa/shop-slo");
        assertThat(trigger.at("/payload/class").asText()).isEqualTo("RunFailed");
        assertThat(trigger.at("/payload/timestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(trigger.at("/payload/custom_details/group_labels/suite").asText()).isEqualTo("shop");
        assertThat(trigger.toString()).doesNotContain(SECRET);
        assertThat(withIncident.get("dedup_key").asText()).isEqualTo("inc-0badc0de-1767225600");
        assertThat(withIncident.at("/payload/summary").asText()).hasSize(1024);
        assertThat(withIncident.at("/payload/severity").asText()).isEqualTo("warning");
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.has("payload")).isFalse();
        assertThat(ack.toString()).isEqualTo("{\"routing_key\":\"k\",\"event_action\":\"acknowledge\",\"dedup_key\":\"inc-0badc0de-1767225600\"}");
    }

    @Test
    void teamsCarriesOneAdaptiveCard() {
        ObjectNode teams = TeamsPayload.render(LEAKY, CONTEXT, MASKER);

        assertThat(teams.get("type").asText()).isEqualTo("message");
        JsonNode attachment = teams.at("/attachments/0");
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.at("/content/type").asText()).isEqualTo("AdaptiveCard");
        assertThat(attachment.at("/content/$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        assertThat(attachment.at("/content/body/0/text").asText()).isEqualTo("[FIRING:1] shop");
        assertThat(attachment.at("/content/body/0/color").asText()).isEqualTo("Attention");
        assertThat(attachment.at("/content/body/1/facts/0/title").asText()).isEqualTo("suite");
        assertThat(attachment.at("/content/actions/0/url").asText()).isEqualTo(CONTEXT.externalUrl());
        assertThat(teams.toString()).doesNotContain(SECRET);
    }

    @Test
    void webhookLooksLikeAlertmanagersWebhook() {
        ObjectNode firing = WebhookPayload.render(LEAKY, CONTEXT, MASKER);
        ObjectNode done = WebhookPayload.render(resolved(alert("shop", Severity.Page, "s")), CONTEXT, MASKER);

        assertThat(firing.get("version").asText()).isEqualTo("4");
        assertThat(firing.get("status").asText()).isEqualTo("firing");
        assertThat(firing.get("receiver").asText()).isEqualTo("oncall");
        assertThat(firing.get("groupKey").asText()).isEqualTo("{}:{suite=\"shop\"}");
        assertThat(firing.at("/groupLabels/suite").asText()).isEqualTo("shop");
        assertThat(firing.at("/commonLabels/alertname").asText()).isEqualTo("RunFailed");
        assertThat(firing.at("/commonAnnotations/summary").asText()).contains("****");
        assertThat(firing.at("/alerts/0/endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(firing.at("/alerts/0/fingerprint").asText()).hasSize(16);
        assertThat(firing.get("dedupKey").asText()).isEqualTo(LEAKY.dedupKey());
        assertThat(firing.toString()).doesNotContain(SECRET);
        assertThat(done.get("status").asText()).isEqualTo("resolved");
        assertThat(done.at("/alerts/0/status").asText()).isEqualTo("resolved");
        assertThat(done.at("/alerts/0/endsAt").asText()).isEqualTo("2026-01-01T00:01:00Z");
    }

    @Test
    void alertmanagerV2BodyGivesFiringAlertsALease() {
        Alert fire = alert("shop", Severity.Page, "token " + SECRET);
        Alert gone = alert("cart", Severity.Ticket, "s").resolve(T.plusSeconds(30));

        ArrayNode body = AlertmanagerPayload.render(List.of(fire, gone), T.plusSeconds(60), Duration.ofMinutes(4), CONTEXT, MASKER);

        assertThat(body).hasSize(2);
        assertThat(body.get(0).get("endsAt").asText()).isEqualTo("2026-01-01T00:05:00Z");
        assertThat(body.get(1).get("endsAt").asText()).isEqualTo("2026-01-01T00:00:30Z");
        assertThat(body.get(0).at("/labels/alertname").asText()).isEqualTo("RunFailed");
        assertThat(body.get(0).get("startsAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(body.get(0).get("generatorURL").asText()).isEqualTo(CONTEXT.externalUrl());
        assertThat(body.toString()).doesNotContain(SECRET);
    }

    @Test
    void kubernetesEventIsShortTypedAndMasked() {
        KubernetesEventPayload.KubernetesEvent event = KubernetesEventPayload.render(
                firing(alert("shop", Severity.Page, SECRET + " " + "z".repeat(3000))), MASKER);
        KubernetesEventPayload.KubernetesEvent done = KubernetesEventPayload.render(resolved(alert("shop", Severity.Page, "s")), MASKER);
        KubernetesEventPayload.KubernetesEvent info = KubernetesEventPayload.render(firing(alert("shop", Severity.Info, "s")), MASKER);

        assertThat(event.type()).isEqualTo("Warning");
        assertThat(event.reason()).isEqualTo("RunFailed");
        assertThat(event.message()).hasSize(1024).doesNotContain(SECRET).startsWith("[FIRING:1] shop: [page] RunFailed suite=shop: ****");
        assertThat(done.type()).isEqualTo("Normal");
        assertThat(done.reason()).isEqualTo("RunFailedResolved");
        assertThat(info.type()).isEqualTo("Normal");
    }

    @Test
    void hmacMatchesRfc4231AndVerifiesInConstantTime() {
        // RFC 4231, test case 2.
        String signature = WebhookSignature.sign("Jefe", "what do ya want for nothing?");

        assertThat(signature).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(WebhookSignature.verify("Jefe".getBytes(), "what do ya want for nothing?".getBytes(), signature)).isTrue();
        assertThat(WebhookSignature.verify("Jefe".getBytes(), "what do ya want for nothing!".getBytes(), signature)).isFalse();
        assertThat(WebhookSignature.verify("Jefe".getBytes(), new byte[0], null)).isFalse();
        // An empty key is a legal HMAC key: RFC 2104 pads it with zeros.
        assertThat(WebhookSignature.sign(new byte[0], new byte[0]))
                .isEqualTo("sha256=b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    }
}
