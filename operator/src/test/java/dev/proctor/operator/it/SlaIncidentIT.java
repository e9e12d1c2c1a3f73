package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proctor.core.incident.Incident;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.AlertRoute;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.sla.AlertRouteStatus;
import dev.proctor.operator.api.v1alpha1.sla.IncidentView;
import dev.proctor.operator.api.v1alpha1.sla.SLAPolicyStatus;
import dev.proctor.operator.delivery.RecordingServer;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.executor.PodScript;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * An SLA incident's whole life on a real kube-apiserver, with the packaged operator and a PagerDuty Events API v2
 * endpoint on 127.0.0.1 (the receiver's {@code urlSecretKeyRef} points it there):
 * <ol>
 *   <li>a failed run opens a page-level incident and PagerDuty gets a {@code trigger} keyed by the incident id; the
 *       incident escalates while nobody acknowledges it;
 *   <li>{@code kubectl annotate slapolicy … proctor.dev/acknowledge=<id>} — an annotation change, which a real API
 *       server does not count as a new generation — acknowledges it, stops the escalation and tells PagerDuty
 *       ({@code acknowledge}, same dedup key);
 *   <li>a passing run resolves the alert (PagerDuty {@code resolve}, same dedup key) and the incident resolves by
 *       itself once the quiet period has passed, kept in the status among the recent incidents;
 *   <li>an acknowledgement naming no incident is refused;
 *   <li>the routing key and the endpoint, both Secret values, show in no status, Event or ConfigMap;
 *   <li>PagerDuty got trigger, acknowledge and resolve, all three with the incident id as dedup key.
 * </ol>
 * PagerDuty hears of exactly three events for the one incident: the escalation alerts are tickets here, which the
 * page-only route does not take, so the receiver's group holds the RunFailed alert alone.
 *
 * <p>Timing: the quiet period (20 s, from the failed run) bounds the test; the escalation's second step (15 s) falls
 * before it, so an incident whose escalation the acknowledgement did not stop would resolve at level 2.
 */
@WithControlPlane
class SlaIncidentIT {
    private static final String POLICY = "checkout-sla";
    private static final String ROUTE = "oncall";
    private static final String RECEIVER = "pagerduty";
    private static final String FAILED_TEST = "dev.proctor.fake.CheckoutTest#paysWithCard";
    /** The run reconciler, the policy's reconcile and the delivery thread all have to act: generous, never timed. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Longer than the quiet period, with room for a slow machine. */
    private static final Duration RESOLVE_PATIENCE = Duration.ofSeconds(90);
    private static final Duration STEP_2 = Duration.ofSeconds(15);
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the PagerDuty endpoint got, in arrival order (one request at a time per receiver). */
    record PdEvent(String action, String dedupKey, String routingKey, JsonNode body, String path) {}

    @Test
    void anIncidentOpensEscalatesIsAcknowledgedByAnnotationAndResolvesByItself(KubernetesClient client, TestNamespace ns,
                                                                                ControlPlane plane) throws Exception {
        ProctorStack stack = ProctorStack.get();
        String routingKey = "R0UTING" + UUID.randomUUID().toString().replace("-", "");
        // runs named bad-* fail one test, the others pass; the containers exit at once with a runner summary
        String failed = summary(new ShardSummary(Verdict.FAILED, 3, 2, 1, 0, 0, 40, List.of(FAILED_TEST), List.of(),
                Map.of("dev.proctor.fake.CheckoutTest", 40L), null, false));
        String passed = summary(new ShardSummary(Verdict.PASSED, 3, 3, 0, 0, 0, 40, List.of(), List.of(),
                Map.of("dev.proctor.fake.CheckoutTest", 40L), null, false));
        stack.executor.script(ns.name(), pod -> pod.getMetadata().getLabels().get(ProctorNames.LABEL_RUN).startsWith("bad-")
                ? PodScript.exited(Verdict.FAILED.exitCode(), failed) : PodScript.exited(Verdict.PASSED.exitCode(), passed));

        try (RecordingServer pagerDuty = new RecordingServer().answering(i -> new RecordingServer.Answer(202,
                Map.of("Content-Type", "application/json"), "{\"status\":\"success\",\"message\":\"Event processed\"}", 0))) {
            String endpoint = pagerDuty.url("/v2/enqueue");
            client.resource(new SecretBuilder().withNewMetadata().withName("pagerduty").endMetadata()
                    .addToStringData("routing-key", routingKey).addToStringData("events-url", endpoint).build()).create();
            create(client, ROUTE_YAML.formatted(ROUTE, RECEIVER), AlertRoute.class);
            create(client, POLICY_YAML.formatted(POLICY, STEP_2.toSeconds(), QUIET_PERIOD.toSeconds()), SLAPolicy.class);
            await("AlertRoute Ready").atMost(PATIENCE).until(() -> receiver(client) != null && Boolean.TRUE.equals(receiver(client).ready));

            // 1. a failed run opens a page-level incident; PagerDuty is triggered with the incident id as dedup key
            Runs.create(client, "bad-1", 1, Map.of(), "");
            assertThat(Runs.awaitFinished(client, "bad-1").getStatus().phase).isEqualTo(RunPhase.Failed);
            SLAPolicyStatus open = awaitPolicy(client, "an open incident", s -> s.openIncidents != null && s.openIncidents == 1);
            IncidentView opened = open.incidents.get(0);
            String id = opened.id();
            assertThat(id).matches("inc-[0-9a-f]{8}-[0-9]+");
            assertThat(opened.state()).isEqualTo("Open");
            assertThat(opened.severity()).isEqualTo("page");
            assertThat(opened.acknowledgedAt()).isNull();
            assertThat(opened.badRuns()).containsExactly("bad-1");
            assertThat(opened.summary()).contains("bad-1");

            await("PagerDuty trigger for " + id).atMost(PATIENCE).untilAsserted(() ->
                    assertThat(events(pagerDuty)).extracting(PdEvent::action, PdEvent::dedupKey).contains(tuple("trigger", id)));
            PdEvent trigger = events(pagerDuty).get(0);
            assertThat(trigger.action()).isEqualTo("trigger");
            assertThat(trigger.dedupKey()).isEqualTo(id);
            assertThat(trigger.path()).isEqualTo("/v2/enqueue");
            assertThat(trigger.body().path("payload").path("severity").asText()).isEqualTo("critical");
            assertThat(trigger.body().path("payload").path("source").asText()).isEqualTo("proctor/" + ns.name() + "/" + POLICY);
            assertThat(trigger.body().path("payload").path("class").asText()).isEqualTo("RunFailed");
            assertThat(trigger.body().path("payload").path("summary").asText()).contains("bad-1");

            // unacknowledged, it climbs to level 1 (after 2 s)
            IncidentView escalated = incident(awaitPolicy(client, "escalation to level 1",
                    s -> incidentIn(s, id).filter(i -> i.escalationLevel() != null && i.escalationLevel() >= 1).isPresent()), id);
            assertThat(escalated.state()).isEqualTo("Open");

            // 2. kubectl annotate: metadata only, so a real API server keeps the generation; the policy must still wake
            SLAPolicy before = policy(client);
            ControlPlane.CommandResult annotate = plane.kubectl("-n", ns.name(), "annotate", "slapolicy", POLICY,
                    SLAPolicy.ACKNOWLEDGE + "=" + id);
            assertThat(annotate.exitCode()).as("kubectl annotate: %s %s", annotate.stdout(), annotate.stderr()).isZero();
            assertThat(policy(client).getMetadata().getGeneration()).as("an annotation is not a new generation")
                    .isEqualTo(before.getMetadata().getGeneration());

            SLAPolicyStatus acked = awaitPolicy(client, "incident acknowledged",
                    s -> incidentIn(s, id).filter(i -> "Acknowledged".equals(i.state())).isPresent());
            IncidentView acknowledged = incident(acked, id);
            assertThat(acknowledged.acknowledgedAt()).isNotNull();
            assertThat(Instant.parse(acknowledged.acknowledgedAt())).isAfterOrEqualTo(Instant.parse(acknowledged.openedAt()));
            assertThat(acknowledged.acknowledgedBy()).isEqualTo("annotation " + id);
            assertThat(acked.lastAcknowledge).isEqualTo(id + ": Acknowledged");
            assertThat(acked.openIncidents).isEqualTo(1);
            int levelAtAcknowledgement = acknowledged.escalationLevel();
            assertThat(levelAtAcknowledgement).isGreaterThanOrEqualTo(1);

            await("PagerDuty acknowledge for " + id).atMost(PATIENCE).untilAsserted(() ->
                    assertThat(events(pagerDuty)).extracting(PdEvent::action, PdEvent::dedupKey)
                            .containsExactly(tuple("trigger", id), tuple("acknowledge", id)));

            // 3. a passing run resolves the RunFailed alert; the incident resolves once the quiet period has passed
            Runs.create(client, "good-1", 1, Map.of(), "");
            assertThat(Runs.awaitFinished(client, "good-1").getStatus().phase).isEqualTo(RunPhase.Succeeded);

            SLAPolicyStatus quiet = awaitPolicy(client, "incident resolved by itself", RESOLVE_PATIENCE,
                    s -> incidentIn(s, id).filter(i -> "Resolved".equals(i.state())).isPresent());
            IncidentView resolved = incident(quiet, id);
            assertThat(quiet.openIncidents).isZero();
            assertThat(resolved.resolvedBy()).isEqualTo(Incident.AUTO);
            assertThat(Instant.parse(resolved.resolvedAt())).as("resolved no sooner than the quiet period after opening")
                    .isAfterOrEqualTo(Instant.parse(resolved.openedAt()).plus(QUIET_PERIOD));
            // the acknowledgement stopped the escalation: step 2 (15 s) fell before the resolution (20 s)
            assertThat(resolved.escalationLevel()).as("escalation level at resolution").isEqualTo(levelAtAcknowledgement);
            assertThat(resolved.acknowledgedAt()).isEqualTo(acknowledged.acknowledgedAt());
            List<String> kinds = resolved.timeline().stream().map(IncidentView.Entry::kind).toList();
            assertThat(kinds).containsSubsequence("BadRun", "Opened", "Escalated", "Acknowledged", "Resolved");
            assertThat(kinds.subList(kinds.indexOf("Acknowledged"), kinds.size())).doesNotContain("Escalated");
            assertThat(resolved.badRuns()).containsExactly("bad-1");
            // the post-incident report, written with the resolution into the policy's state ConfigMap
            assertThat(resolved.report()).startsWith("report-").endsWith("-" + id + ".md");
            String report = client.configMaps().withName("proctor-sla-" + POLICY).get().getData().get(resolved.report());
            assertThat(report).contains("# Post-incident report: " + id).contains("Time to detect").contains("Time to resolve")
                    .contains("bad-1").contains("| Resolved |");

            await("PagerDuty resolve for " + id).atMost(PATIENCE).untilAsserted(() ->
                    assertThat(events(pagerDuty)).extracting(PdEvent::action).contains("resolve"));

            await("policy Events").atMost(PATIENCE).untilAsserted(() -> assertThat(reasons(client, POLICY))
                    .contains("IncidentOpened", "IncidentEscalated", "IncidentAcknowledged", "IncidentResolved"));
            await("route status counts the deliveries").atMost(PATIENCE).untilAsserted(() -> {
                AlertRouteStatus.ReceiverStatus r = receiver(client);
                assertThat(r.type).isEqualTo("pagerduty");
                assertThat(r.sent).isGreaterThanOrEqualTo(3);
                assertThat(r.failed).isZero();
                assertThat(r.lastError).isNull();
            });
            SLAPolicyStatus settled = awaitPolicy(client, "outbox empty", s -> s.pendingNotifications != null && s.pendingNotifications == 0);
            assertThat(condition(settled, "NotificationsDelivered")).isEqualTo("True");

            // 4. an acknowledgement of an incident that is not there is refused, in the status and an Event
            ControlPlane.CommandResult unknown = plane.kubectl("-n", ns.name(), "annotate", "--overwrite", "slapolicy", POLICY,
                    SLAPolicy.ACKNOWLEDGE + "=inc-00000000-0");
            assertThat(unknown.exitCode()).as("kubectl annotate: %s %s", unknown.stdout(), unknown.stderr()).isZero();
            SLAPolicyStatus refused = awaitPolicy(client, "unknown incident refused",
                    s -> s.lastAcknowledge != null && s.lastAcknowledge.startsWith("inc-00000000-0:"));
            assertThat(refused.lastAcknowledge).contains("NotFound");
            assertThat(incident(refused, id).state()).isEqualTo("Resolved");
            await("AcknowledgeRejected Event").atMost(PATIENCE).untilAsserted(() ->
                    assertThat(reasons(client, POLICY)).contains("AcknowledgeRejected"));

            // 5. no Secret value anywhere the operator writes
            String written = Serialization.asJson(client.resources(SLAPolicy.class).list())
                    + Serialization.asJson(client.resources(AlertRoute.class).list())
                    + Serialization.asJson(client.v1().events().list())
                    + Serialization.asJson(client.configMaps().list());
            assertThat(written).contains(id).doesNotContain(routingKey).doesNotContain(endpoint)
                    .doesNotContain(pagerDuty.url(""));

            // 6. PagerDuty heard of the one incident under one dedup key, start to end, with the routing key
            assertThat(events(pagerDuty)).extracting(PdEvent::action, PdEvent::dedupKey).as("PagerDuty's events (action, dedup_key)")
                    .containsExactly(tuple("trigger", id), tuple("acknowledge", id), tuple("resolve", id));
            assertThat(events(pagerDuty)).allSatisfy(e -> {
                assertThat(e.routingKey()).isEqualTo(routingKey);
                assertThat(e.path()).isEqualTo("/v2/enqueue");
            });
        }
    }

    private static final String ROUTE_YAML = """
            apiVersion: proctor.dev/v1alpha1
            kind: AlertRoute
            metadata:
              name: %s
            spec:
              match:
                severities: [page]
              receivers:
                - name: %s
                  pagerduty:
                    routingKeySecretKeyRef: {name: pagerduty, key: routing-key}
                    urlSecretKeyRef: {name: pagerduty, key: events-url}
              grouping:
                groupWait: 0s
                groupInterval: 1s
            """;

    /**
     * A failed run pages (RunFailed: Page); the burn-rate and escalation alerts are tickets, which the route does not
     * take, so the only incident is the run's, nothing but the failed run keeps it firing, and PagerDuty's group holds
     * the RunFailed alert alone.
     */
    private static final String POLICY_YAML = """
            apiVersion: proctor.dev/v1alpha1
            kind: SLAPolicy
            metadata:
              name: %s
            spec:
              selector:
                matchLabels:
                  proctor.dev/suite: fake
              objectives:
                - name: pass-rate
                  passRate: 0.9
                  lastRuns: 20
              alerting:
                burnRates:
                  - {longWindow: 1h, shortWindow: 5m, factor: 14.4, urgency: Ticket}
                severities:
                  runFailed: Page
                  incidentEscalated: Ticket
                escalation:
                  steps:
                    - after: 2s
                    - after: %ds
                  quietPeriod: %ds
            """;

    private static <T extends HasMetadata> T create(KubernetesClient client, String yaml, Class<T> type) {
        return client.resource(client.getKubernetesSerialization().unmarshal(yaml, type)).create();
    }

    private static String summary(ShardSummary s) {
        return new String(SummaryCodec.encode(s), StandardCharsets.UTF_8);
    }

    private static SLAPolicy policy(KubernetesClient client) {
        return client.resources(SLAPolicy.class).withName(POLICY).get();
    }

    private static SLAPolicyStatus awaitPolicy(KubernetesClient client, String what, Predicate<SLAPolicyStatus> until) {
        return awaitPolicy(client, what, PATIENCE, until);
    }

    private static SLAPolicyStatus awaitPolicy(KubernetesClient client, String what, Duration patience, Predicate<SLAPolicyStatus> until) {
        SLAPolicyStatus[] seen = new SLAPolicyStatus[1];
        await(what).atMost(patience).pollInterval(Duration.ofMillis(250)).until(() -> {
            SLAPolicy p = policy(client);
            seen[0] = p == null ? null : p.getStatus();
            return seen[0] != null && until.test(seen[0]);
        });
        return seen[0];
    }

    private static java.util.Optional<IncidentView> incidentIn(SLAPolicyStatus s, String id) {
        return s.incidents == null ? java.util.Optional.empty() : s.incidents.stream().filter(i -> id.equals(i.id())).findFirst();
    }

    private static IncidentView incident(SLAPolicyStatus s, String id) {
        return incidentIn(s, id).orElseThrow(() -> new AssertionError("no incident " + id + " in " + Serialization.asJson(s)));
    }

    private static String condition(SLAPolicyStatus s, String type) {
        return s.conditions.stream().filter(c -> type.equals(c.getType())).map(c -> c.getStatus()).findFirst().orElse(null);
    }

    private static AlertRouteStatus.ReceiverStatus receiver(KubernetesClient client) {
        AlertRoute route = client.resources(AlertRoute.class).withName(ROUTE).get();
        if (route == null || route.getStatus() == null || route.getStatus().receivers == null) return null;
        return route.getStatus().receivers.stream().filter(r -> RECEIVER.equals(r.name)).findFirst().orElse(null);
    }

    private static List<String> reasons(KubernetesClient client, String involved) {
        return client.v1().events().list().getItems().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }

    private static List<PdEvent> events(RecordingServer server) {
        return server.accepted().stream().map(r -> {
            try {
                JsonNode body = JSON.readTree(r.body());
                return new PdEvent(body.path("event_action").asText(), body.path("dedup_key").asText(),
                        body.path("routing_key").asText(), body, r.path());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + r.body(), e);
            }
        }).toList();
    }
}
