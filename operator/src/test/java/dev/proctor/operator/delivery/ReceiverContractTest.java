package dev.proctor.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proctor.core.alert.payload.PagerDutyPayload;
import dev.proctor.core.alert.payload.PayloadContext;
import dev.proctor.core.alert.payload.TeamsPayload;
import dev.proctor.core.alert.payload.WebhookSignature;
import dev.proctor.core.mask.Masker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each receiver against a real HTTP server on 127.0.0.1 that checks the protocol's contract. */
class ReceiverContractTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final PayloadContext CONTEXT = new PayloadContext("proctor/shop/smoke", null);
    static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdef012345";

    RecordingServer server;
    HttpPoster poster = new HttpPoster(Duration.ofSeconds(5));

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    JsonNode only() throws Exception {
        assertThat(server.requests()).hasSize(1);
        RecordingServer.Request r = server.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void slackGetsTextAndBlocks() throws Exception {
        String url = server.url("/services/T000/B000/XXXX");
        new SlackReceiver(url, CONTEXT, Masker.of(List.of(url)), poster).send(Notifications.firing("n1", null));
        JsonNode body = only();
        assertThat(server.requests().get(0).path()).isEqualTo("/services/T000/B000/XXXX");
        assertThat(body.path("text").asText()).isNotBlank();
        assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
    }

    @Test
    void pagerDutyTriggersAcknowledgesAndResolvesOneIncidentByDedupKey() throws Exception {
        PagerDutyReceiver pd = new PagerDutyReceiver(server.url("/v2/enqueue"), ROUTING_KEY, CONTEXT, Masker.of(List.of(ROUTING_KEY)), poster);
        pd.send(Notifications.firing("n1", "inc-abc-1"));
        pd.incidentEvent(PagerDutyPayload.Action.acknowledge, "inc-abc-1", poster);
        pd.send(Notifications.resolved("n2", "inc-abc-1"));
        List<JsonNode> events = server.requests().stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v2/enqueue"));
        assertThat(events).extracting(e -> e.path("event_action").asText()).containsExactly("trigger", "acknowledge", "resolve");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
            assertThat(e.path("dedup_key").asText()).isEqualTo("inc-abc-1");
        });
        JsonNode payload = events.get(0).path("payload");
        assertThat(payload.path("severity").asText()).isEqualTo("critical");
        assertThat(payload.path("source").asText()).isEqualTo("proctor/shop/smoke");
        assertThat(payload.path("summary").asText()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
    }

    @Test
    void teamsGetsAnAdaptiveCard() throws Exception {
        new TeamsReceiver(server.url("/workflows/abc"), CONTEXT, Masker.patternsOnly(), poster).send(Notifications.firing("n1", null));
        JsonNode body = only();
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("attachments").get(0).path("contentType").asText()).isEqualTo(TeamsPayload.CONTENT_TYPE);
        assertThat(body.path("attachments").get(0).path("content").path("type").asText()).isEqualTo("AdaptiveCard");
    }

    @Test
    void webhookIsSignedOverTheExactBody() throws Exception {
        String key = "webhook-signing-key";
        new WebhookReceiver(server.url("/hook"), key, CONTEXT, Masker.of(List.of(key)), poster).send(Notifications.firing("n1", "inc-1"));
        JsonNode body = only();
        RecordingServer.Request r = server.requests().get(0);
        assertThat(WebhookSignature.verify(key.getBytes(StandardCharsets.UTF_8), r.body().getBytes(StandardCharsets.UTF_8),
                r.header(WebhookSignature.HEADER))).isTrue();
        assertThat(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), r.body().getBytes(StandardCharsets.UTF_8),
                r.header(WebhookSignature.HEADER))).isFalse();
        assertThat(r.header(WebhookReceiver.NOTIFICATION_ID_HEADER)).isEqualTo("n1");
        assertThat(body.path("version").asText()).isEqualTo("4");
        assertThat(body.path("notificationId").asText()).isEqualTo("n1");
        assertThat(body.path("alerts").get(0).path("status").asText()).isEqualTo("firing");
    }

    @Test
    void alertmanagerGetsTheAlertsArray() throws Exception {
        new AlertmanagerReceiver(server.url("/am/"), Duration.ofHours(1), CONTEXT, Masker.patternsOnly(), poster).send(Notifications.firing("n1", null));
        JsonNode body = only();
        assertThat(server.requests().get(0).path()).isEqualTo("/am/api/v2/alerts");
        assertThat(body.isArray()).isTrue();
        assertThat(body.get(0).path("labels").path("alertname").asText()).isEqualTo("SLOBurnRate");
        assertThat(body.get(0).path("endsAt").asText()).isEqualTo("2026-11-23T11:00:00Z");
    }

    @Test
    void errorsNameTheStatusButNeverTheSecret() {
        server.answering(i -> new RecordingServer.Answer(403, java.util.Map.of(), "bad key " + ROUTING_KEY, 0));
        PagerDutyReceiver pd = new PagerDutyReceiver(server.url("/v2/enqueue?token=abc"), ROUTING_KEY, CONTEXT,
                Masker.of(List.of(ROUTING_KEY)), poster);
        assertThatThrownBy(() -> pd.send(Notifications.firing("n1", "inc-1")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.reason()).isEqualTo("Http403");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("HTTP 403").doesNotContain(ROUTING_KEY);
                });
    }
}
