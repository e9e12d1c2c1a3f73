package dev.proctor.operator.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.AlertType;
import dev.proctor.core.alert.DispatchState;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.Severity;
import dev.proctor.core.alert.payload.WebhookSignature;
import dev.proctor.core.incident.IncidentBook;
import dev.proctor.core.policy.OutboxEntry;
import dev.proctor.core.policy.PolicyState;
import dev.proctor.core.policy.PolicyStateCodec;
import dev.proctor.core.sla.RunHistoryRing;
import dev.proctor.operator.api.v1alpha1.sla.MatchSpec;
import dev.proctor.operator.api.v1alpha1.sla.ReceiverSpec;
import dev.proctor.operator.delivery.OutboxWorker;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.AlertRoute;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.sla.IncidentView;
import dev.proctor.operator.api.v1alpha1.sla.SLAPolicyStatus;
import dev.proctor.operator.delivery.RecordingServer;
import dev.proctor.operator.delivery.WebhookReceiver;
import dev.proctor.operator.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SLAPolicy reconciler against Fabric8's CRUD mock server, with a real webhook server on 127.0.0.1. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SLAPolicyReconcilerTest {
    static final String NS = "proctor-sla";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SECRET_TOKEN = "s3cr3t-t0ken-value";
    static final String SIGNING_KEY = "hmac-key-never-shown";

    @Inject
    KubernetesClient client;
    @Inject
    MutableClock clock;
    @Inject
    MeterRegistry registry;
    @Inject
    OutboxWorker worker;

    @BeforeEach
    void setUp() {
        clock.reset();
    }

    @Test
    void aSelectedRunFinishingUpdatesThePolicyStatus() {
        client.resource(SlaFixtures.policy(NS, "green", "green-suite", 0.9)).create();
        Instant now = clock.instant();
        client.resource(SlaFixtures.finishedRun(NS, "green-1", "green-suite", RunPhase.Succeeded, now.minusSeconds(30), 10, 0)).create();
        client.resource(SlaFixtures.finishedRun(NS, "other-1", "other-suite", RunPhase.Failed, now.minusSeconds(20), 10, 3)).create();

        SLAPolicyStatus s = awaitStatus("green", st -> st.runsInHistory != null && st.runsInHistory == 1);
        assertThat(s.lastRun).isEqualTo("green-1");
        assertThat(s.compliant).isTrue();
        assertThat(s.openIncidents).isZero();
        assertThat(s.objectives).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("passRate");
            assertThat(o.value()).isEqualTo("1");
            assertThat(o.compliance()).isEqualTo("Met");
            assertThat(o.budgetRemaining()).isEqualTo("100.0%");
            assertThat(o.burnRates()).hasSize(4);
        });
        assertThat(s.conditions).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        ConfigMap state = client.configMaps().inNamespace(NS).withName("proctor-sla-green").get();
        assertThat(state.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("SLAPolicy"));
        assertThat(state.getData().get(PolicyStateCodec.RUNS_KEY)).contains("green-1").doesNotContain("other-1");

        // a second finished run is folded once, and re-seeing the first changes nothing
        client.resource(SlaFixtures.finishedRun(NS, "green-2", "green-suite", RunPhase.Failed, now.minusSeconds(10), 10, 1)).create();
        SLAPolicyStatus two = awaitStatus("green", st -> st.runsInHistory != null && st.runsInHistory == 2);
        assertThat(two.objectives.get(0).value()).isEqualTo("0.5");
        assertThat(two.compliant).isFalse();
        assertThat(registry.get("proctor.sla.budget.remaining").tag("policy", "green").gauge().value()).isLessThan(1);
    }

    @Test
    void failingRunsOpenAnIncidentThatIsDeliveredSignedAndCanBeAcknowledged() throws Exception {
        try (RecordingServer hook = new RecordingServer()) {
            client.resource(new SecretBuilder().withNewMetadata().withName("hook").withNamespace(NS).endMetadata()
                    .addToStringData("url", hook.url("/alerts?token=" + SECRET_TOKEN))
                    .addToStringData("signing-key", SIGNING_KEY).build()).create();
            AlertRoute route = SlaFixtures.webhookRoute(NS, "hooks", "hook", true);
            route.getSpec().match = new MatchSpec();
            route.getSpec().match.labels = java.util.Map.of("policy", "red");
            client.resource(route).create();
            client.resource(SlaFixtures.policy(NS, "red", "red-suite", 0.99)).create();
            Instant now = clock.instant();
            for (int i = 1; i <= 3; i++) {
                client.resource(SlaFixtures.finishedRun(NS, "red-" + i, "red-suite", RunPhase.Failed, now.minusSeconds(40 - i), 20, 2)).create();
            }

            SLAPolicyStatus s = awaitStatus("red", st -> st.openIncidents != null && st.openIncidents == 1);
            IncidentView incident = s.incidents.get(0);
            assertThat(incident.state()).isEqualTo("Open");
            assertThat(incident.severity()).isEqualTo("page");
            await().atMost(WAIT).untilAsserted(() -> assertThat(reasons("red")).contains("IncidentOpened"));

            await().atMost(WAIT).until(() -> hook.accepted().stream().anyMatch(r -> r.body().contains(incident.id())));
            RecordingServer.Request delivered = hook.accepted().stream().filter(r -> r.body().contains(incident.id())).findFirst().orElseThrow();
            assertThat(delivered.path()).isEqualTo("/alerts?token=" + SECRET_TOKEN);
            assertThat(WebhookSignature.verify(SIGNING_KEY.getBytes(StandardCharsets.UTF_8),
                    delivered.body().getBytes(StandardCharsets.UTF_8), delivered.header(WebhookSignature.HEADER))).isTrue();
            JsonNode body = new ObjectMapper().readTree(delivered.body());
            assertThat(body.path("status").asText()).isEqualTo("firing");
            assertThat(delivered.header(WebhookReceiver.NOTIFICATION_ID_HEADER)).isEqualTo(body.path("notificationId").asText());
            // every notification id reached the receiver once
            assertThat(hook.accepted().stream().map(r -> r.header(WebhookReceiver.NOTIFICATION_ID_HEADER)).toList()).doesNotHaveDuplicates();

            acknowledge("red", incident.id());
            SLAPolicyStatus acked = awaitStatus("red", st -> st.incidents != null
                    && st.incidents.stream().anyMatch(i -> i.id().equals(incident.id()) && "Acknowledged".equals(i.state())));
            assertThat(acked.lastAcknowledge).isEqualTo(incident.id() + ": Acknowledged");
            await().atMost(WAIT).untilAsserted(() -> assertThat(reasons("red")).contains("IncidentAcknowledged"));

            await().atMost(WAIT).untilAsserted(() -> {
                AlertRoute r = client.resources(AlertRoute.class).inNamespace(NS).withName("hooks").get();
                assertThat(r.getStatus().receivers).singleElement().satisfies(rs -> assertThat(rs.sent).isGreaterThanOrEqualTo(1));
            });
            assertNoSecretAnywhere();
        }
    }

    @Test
    void pagerDutyIsTriggeredWithTheIncidentAsDedupKeyAndToldOfTheAcknowledgement() throws Exception {
        String routingKey = "PDROUTINGKEY-0123456789abcdef0123";
        try (RecordingServer pd = new RecordingServer()) {
            client.resource(new SecretBuilder().withNewMetadata().withName("pd").withNamespace(NS).endMetadata()
                    .addToStringData("routing-key", routingKey).addToStringData("url", pd.url("/v2/enqueue")).build()).create();
            ReceiverSpec r = new ReceiverSpec();
            r.name = "pager";
            r.pagerduty = new ReceiverSpec.PagerDuty();
            r.pagerduty.routingKeySecretKeyRef = new SecretKeySelector("routing-key", "pd", false);
            r.pagerduty.urlSecretKeyRef = new SecretKeySelector("url", "pd", false);
            AlertRoute route = SlaFixtures.route(NS, "pages", r);
            route.getSpec().match = new MatchSpec();
            route.getSpec().match.severities = List.of(MatchSpec.Severity.page);
            route.getSpec().match.labels = java.util.Map.of("policy", "paging");
            client.resource(route).create();
            client.resource(SlaFixtures.policy(NS, "paging", "paging-suite", 0.99)).create();
            Instant now = clock.instant();
            for (int i = 1; i <= 3; i++) {
                client.resource(SlaFixtures.finishedRun(NS, "paging-" + i, "paging-suite", RunPhase.Failed, now.minusSeconds(40 - i), 20, 2)).create();
            }
            SLAPolicyStatus open = awaitStatus("paging", st -> st.openIncidents != null && st.openIncidents == 1);
            String id = open.incidents.get(0).id();
            await().atMost(WAIT).until(() -> actions(pd, id).contains("trigger"));

            acknowledge("paging", id);
            await().atMost(WAIT).until(() -> actions(pd, id).contains("acknowledge"));
            assertThat(actions(pd, id)).containsSubsequence("trigger", "acknowledge");
            assertThat(pd.accepted()).allSatisfy(req -> assertThat(req.body()).contains(routingKey));
            String everything = Serialization.asJson(client.resources(SLAPolicy.class).inNamespace(NS).list())
                    + Serialization.asJson(client.resources(AlertRoute.class).inNamespace(NS).list())
                    + Serialization.asJson(client.v1().events().inNamespace(NS).list());
            assertThat(everything).doesNotContain(routingKey);
        }
    }

    @Test
    void aNotificationLeftInTheOutboxByACrashedOperatorIsDeliveredOnce() throws Exception {
        try (RecordingServer hook = new RecordingServer()) {
            client.resource(new SecretBuilder().withNewMetadata().withName("restart-hook").withNamespace(NS).endMetadata()
                    .addToStringData("url", hook.url("/restart")).build()).create();
            AlertRoute route = SlaFixtures.webhookRoute(NS, "restart-route", "restart-hook", false);
            route.getSpec().match = new MatchSpec();
            route.getSpec().match.labels = java.util.Map.of("policy", "restarted");
            client.resource(route).create();
            Notification left = new Notification(NS + "/restart-route/hook", "{}:{}", new java.util.TreeMap<>(),
                    Notification.Status.Firing, List.of(Alert.firing(AlertType.RunFailed, Severity.Ticket,
                            java.util.Map.of("policy", "restarted"), java.util.Map.of("summary", "left behind"), clock.instant())),
                    clock.instant(), "proctor-dedup-left", "left-behind-1");
            PolicyState state = new PolicyState(RunHistoryRing.empty(500), IncidentBook.empty(), DispatchState.empty(),
                    List.of(OutboxEntry.of(left, clock.instant())), null);
            client.resource(new ConfigMapBuilder().withNewMetadata().withName(SlaNames.stateConfigMap("restarted")).withNamespace(NS)
                    .endMetadata().withData(PolicyStateCodec.encode(state)).build()).create();
            client.resource(SlaFixtures.policy(NS, "restarted", "restarted-suite", 0.9)).create();

            await().atMost(WAIT).until(() -> !hook.accepted().isEmpty());
            awaitStatus("restarted", st -> st.pendingNotifications != null && st.pendingNotifications == 0);
            PolicyState after = PolicyStateCodec.decode(client.configMaps().inNamespace(NS).withName(SlaNames.stateConfigMap("restarted"))
                    .get().getData(), 500);
            assertThat(after.outbox()).isEmpty();
            // a duplicate could only come from a delivery still under way: wait until none is, then count
            await().atMost(WAIT).until(() -> worker.inFlight() == 0);
            assertThat(hook.accepted()).extracting(req -> req.header(WebhookReceiver.NOTIFICATION_ID_HEADER))
                    .containsOnlyOnce("left-behind-1").doesNotHaveDuplicates();
        }
    }

    @Test
    void aRunRecreatedUnderTheSameNameCountsAsANewRun() {
        client.resource(SlaFixtures.policy(NS, "recreated", "recreated-suite", 0.9)).create();
        Instant now = clock.instant();
        TestSuiteRun first = client.resource(SlaFixtures.finishedRun(NS, "ci-smoke", "recreated-suite", RunPhase.Failed,
                now.minusSeconds(120), 10, 2)).create();
        awaitStatus("recreated", st -> st.runsInHistory != null && st.runsInHistory == 1);

        client.resource(first).delete();
        await().atMost(WAIT).until(() -> client.resources(TestSuiteRun.class).inNamespace(NS).withName("ci-smoke").get() == null);
        TestSuiteRun second = client.resource(SlaFixtures.finishedRun(NS, "ci-smoke", "recreated-suite", RunPhase.Succeeded,
                now.minusSeconds(10), 10, 0)).create();
        assertThat(second.getMetadata().getUid()).isNotBlank().isNotEqualTo(first.getMetadata().getUid());

        SLAPolicyStatus s = awaitStatus("recreated", st -> st.runsInHistory != null && st.runsInHistory == 2);
        assertThat(s.objectives.get(0).value()).isEqualTo("0.5");
        assertThat(client.configMaps().inNamespace(NS).withName(SlaNames.stateConfigMap("recreated")).get().getData()
                .get(PolicyStateCodec.RUNS_KEY)).contains(first.getMetadata().getUid(), second.getMetadata().getUid());
    }

    @Test
    void aReceiverThatHangsDoesNotHoldUpThePolicysReconcile() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RecordingServer hook = new RecordingServer().answering(i -> i == 0 ? RecordingServer.heldUntil(release) : RecordingServer.ok())) {
            client.resource(new SecretBuilder().withNewMetadata().withName("held-hook").withNamespace(NS).endMetadata()
                    .addToStringData("url", hook.url("/held")).build()).create();
            AlertRoute route = SlaFixtures.webhookRoute(NS, "held-route", "held-hook", false);
            route.getSpec().match = new MatchSpec();
            route.getSpec().match.labels = java.util.Map.of("policy", "held");
            client.resource(route).create();
            client.resource(SlaFixtures.policy(NS, "held", "held-suite", 0.9)).create();
            Instant now = clock.instant();
            client.resource(SlaFixtures.finishedRun(NS, "held-1", "held-suite", RunPhase.Failed, now.minusSeconds(30), 10, 1)).create();
            await().atMost(WAIT).until(() -> hook.arrived() >= 1);

            // while the receiver sits on the first notification, the next run is folded and the status written
            client.resource(SlaFixtures.finishedRun(NS, "held-2", "held-suite", RunPhase.Succeeded, now.minusSeconds(20), 10, 0)).create();
            SLAPolicyStatus folded = awaitStatus("held", st -> st.runsInHistory != null && st.runsInHistory == 2);
            assertThat(hook.accepted()).as("the first delivery still hangs").isEmpty();
            assertThat(folded.pendingNotifications).isPositive();

            release.countDown();
            SLAPolicyStatus done = awaitStatus("held", st -> st.pendingNotifications != null && st.pendingNotifications == 0);
            assertThat(hook.accepted()).isNotEmpty();
            assertThat(condition(done, PolicyStatusBuilder.DELIVERED).getStatus()).isEqualTo("True");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFailingReceiverShowsInTheDeliveryConditionWithAnEventAndRecovers() throws Exception {
        try (RecordingServer hook = new RecordingServer().answering(i -> i < 4 ? RecordingServer.fail(503) : RecordingServer.ok())) {
            client.resource(new SecretBuilder().withNewMetadata().withName("failing-hook").withNamespace(NS).endMetadata()
                    .addToStringData("url", hook.url("/failing?token=" + SECRET_TOKEN)).build()).create();
            AlertRoute route = SlaFixtures.webhookRoute(NS, "failing-route", "failing-hook", false);
            route.getSpec().match = new MatchSpec();
            route.getSpec().match.labels = java.util.Map.of("policy", "failing");
            client.resource(route).create();
            client.resource(SlaFixtures.policy(NS, "failing", "failing-suite", 0.9)).create();
            Instant now = clock.instant();
            client.resource(SlaFixtures.finishedRun(NS, "failing-1", "failing-suite", RunPhase.Failed, now.minusSeconds(30), 10, 1)).create();

            SLAPolicyStatus failing = awaitStatus("failing", st -> condition(st, PolicyStatusBuilder.DELIVERED) != null
                    && "False".equals(condition(st, PolicyStatusBuilder.DELIVERED).getStatus()));
            Condition c = condition(failing, PolicyStatusBuilder.DELIVERED);
            assertThat(c.getReason()).isEqualTo("Http503");
            assertThat(c.getMessage()).contains("1 of 1 pending notifications failed", NS + "/failing-route/hook", "HTTP 503");
            assertThat(failing.pendingNotifications).isEqualTo(1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(reasons("failing")).contains("DeliveryFailing"));
            assertThat(hook.requests()).hasSize(4);

            // the next attempt is due after proctor.delivery.pending-retry (30s); a finished run then wakes the policy
            clock.advance(Duration.ofSeconds(31));
            client.resource(SlaFixtures.finishedRun(NS, "failing-2", "failing-suite", RunPhase.Failed, clock.instant().minusSeconds(1), 10, 1)).create();
            SLAPolicyStatus recovered = awaitStatus("failing", st -> st.pendingNotifications != null && st.pendingNotifications == 0
                    && "True".equals(condition(st, PolicyStatusBuilder.DELIVERED).getStatus()));
            assertThat(condition(recovered, PolicyStatusBuilder.DELIVERED).getReason()).isEqualTo("Delivered");
            await().atMost(WAIT).untilAsserted(() -> assertThat(reasons("failing")).contains("DeliveryRecovered"));
            assertThat(hook.accepted()).extracting(r -> r.header(WebhookReceiver.NOTIFICATION_ID_HEADER)).doesNotHaveDuplicates().isNotEmpty();
            assertNoSecretAnywhere();
        }
    }

    static Condition condition(SLAPolicyStatus status, String type) {
        return status.conditions == null ? null : status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    static List<String> actions(RecordingServer pd, String incident) {
        return pd.accepted().stream().map(r -> {
            try {
                return new ObjectMapper().readTree(r.body());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).filter(j -> incident.equals(j.path("dedup_key").asText())).map(j -> j.path("event_action").asText()).toList();
    }

    void assertNoSecretAnywhere() {
        String everything = Serialization.asJson(client.resources(SLAPolicy.class).inNamespace(NS).list())
                + Serialization.asJson(client.resources(AlertRoute.class).inNamespace(NS).list())
                + Serialization.asJson(client.v1().events().inNamespace(NS).list())
                + Serialization.asJson(client.configMaps().inNamespace(NS).list());
        assertThat(everything).doesNotContain(SECRET_TOKEN).doesNotContain(SIGNING_KEY);
    }

    SLAPolicyStatus awaitStatus(String name, Predicate<SLAPolicyStatus> until) {
        await().atMost(WAIT).until(() -> {
            SLAPolicy p = client.resources(SLAPolicy.class).inNamespace(NS).withName(name).get();
            return p != null && p.getStatus() != null && until.test(p.getStatus());
        });
        return client.resources(SLAPolicy.class).inNamespace(NS).withName(name).get().getStatus();
    }

    List<String> reasons(String involved) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }


    /** As `kubectl annotate` does it: a merge patch, so the operator's concurrent status write cannot make it conflict. */
    private void acknowledge(String policy, String incident) {
        String patch = "{\"metadata\":{\"annotations\":{\"" + SLAPolicy.ACKNOWLEDGE + "\":\"" + incident + "\"}}}";
        client.resources(SLAPolicy.class).inNamespace(NS).withName(policy)
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), patch);
    }
}
