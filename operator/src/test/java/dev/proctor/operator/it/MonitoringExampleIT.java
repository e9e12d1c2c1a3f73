package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.delivery.RecordingServer;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.OperatorProcess;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.executor.PodScript;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * examples/monitoring as one {@code kubectl apply -f}, end to end on the real control plane: the schedule makes a run
 * every five minutes (five seconds here: the schedule time runs 60 times faster), the suite fails, the SLAPolicy's
 * budget burns and PagerDuty — a server on 127.0.0.1 speaking the Events API v2 — gets the page, with the routing
 * key from the Secret and the incident id as dedup key. The example is applied as written, but for where PagerDuty
 * is: its receiver gets a urlSecretKeyRef to the local server, and the routing key a value.
 */
@WithControlPlane
class MonitoringExampleIT {
    private static final Path EXAMPLE = Path.of("../examples/monitoring/techshop-production-monitoring.yaml");
    private static final Duration PATIENCE = Duration.ofSeconds(150);
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFailingSuiteOnItsSchedulePagesTheOnCall(KubernetesClient client, TestNamespace ns, ControlPlane plane) throws Exception {
        ProctorStack stack = ProctorStack.get();
        String failed = new String(SummaryCodec.encode(new ShardSummary(Verdict.FAILED, 4, 3, 1, 0, 0, 900,
                List.of("dev.proctor.techshop.CheckoutTest#paysWithCard"), List.of(), Map.of("dev.proctor.techshop.CheckoutTest", 900L),
                null, false)), StandardCharsets.UTF_8);
        stack.executor.script(ns.name(), pod -> PodScript.exited(Verdict.FAILED.exitCode(), failed));
        client.resource(new SecretBuilder().withNewMetadata().withName("techshop-prod-credentials").endMetadata()
                .addToStringData("password", "not-the-real-one").build()).create();

        try (RecordingServer pagerDuty = new RecordingServer().answering(i -> new RecordingServer.Answer(202,
                Map.of("Content-Type", "application/json"), "{\"status\":\"success\",\"message\":\"Event processed\"}", 0))) {
            String routingKey = "R0UTINGKEY" + ns.name().replace("-", "");
            Path manifest = localised(pagerDuty.url("/v2/enqueue"), routingKey);
            stack.operator.stop();
            try (OperatorProcess scaled = stack.standIn("operator-monitoring", ScheduleIT.SCALED)) {
                ControlPlane.CommandResult applied = plane.kubectl("apply", "-n", ns.name(), "-f", manifest.toString());
                assertThat(applied.exitCode()).as(applied.stderr()).isZero();
                assertThat(applied.stdout()).contains("testsuiteschedule.proctor.dev/techshop-production-smoke created",
                        "slapolicy.proctor.dev/techshop-production-monitoring created", "alertroute.proctor.dev/storefront-oncall created");

                await("PagerDuty paged").atMost(PATIENCE).until(() -> !pagerDuty.accepted().isEmpty());
                JsonNode page = JSON.readTree(pagerDuty.accepted().get(0).body());
                assertThat(page.path("event_action").asText()).isEqualTo("trigger");
                assertThat(page.path("routing_key").asText()).isEqualTo(routingKey);
                assertThat(page.path("payload").path("severity").asText()).isEqualTo("critical");
                assertThat(page.path("payload").path("source").asText()).isEqualTo("proctor/" + ns.name() + "/techshop-production-monitoring");

                SLAPolicy policy = client.resources(SLAPolicy.class).withName("techshop-production-monitoring").get();
                assertThat(policy.getStatus().openIncidents).isGreaterThanOrEqualTo(1);
                assertThat(page.path("dedup_key").asText()).isEqualTo(policy.getStatus().incidents.get(0).id());
                var runs = ScheduleIT.runs(client, "techshop-production-smoke");
                assertThat(runs).isNotEmpty().allSatisfy(r -> assertThat(r.getMetadata().getLabels())
                        .containsEntry(ProctorNames.LABEL_SCHEDULE, "techshop-production-smoke")
                        .containsEntry("proctor.dev/environment", "production"));
                assertThat(runs.stream().filter(ScheduleIT::finished).map(Runs::phase)).containsOnly(RunPhase.Failed);
                System.out.printf("%n### examples/monitoring end to end%n%n%d scheduled runs, PagerDuty %s for %s%n%n", runs.size(),
                        page.path("event_action").asText(), page.path("dedup_key").asText());
            } finally {
                stack.operator.start();
            }
        }
    }

    /** The example with PagerDuty on 127.0.0.1: a urlSecretKeyRef for the receiver and values in the Secret. */
    private static Path localised(String endpoint, String routingKey) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(EXAMPLE.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode doc : docs) {
            ObjectNode object = (ObjectNode) doc;
            if ("Secret".equals(object.path("kind").asText())) {
                ObjectNode data = (ObjectNode) object.path("stringData");
                data.put("routing-key", routingKey);
                data.put("events-url", endpoint);
            }
            if ("AlertRoute".equals(object.path("kind").asText())) {
                ObjectNode pagerduty = (ObjectNode) object.path("spec").path("receivers").get(0).path("pagerduty");
                pagerduty.putObject("urlSecretKeyRef").put("name", "pagerduty-storefront").put("key", "events-url");
                // the route's group waits 30 s in the example; a test need not
                ((ObjectNode) object.path("spec").path("grouping")).put("groupWait", "0s");
            }
            out.append("---\n").append(YAML.writeValueAsString(object).replaceFirst("^---\n", ""));
        }
        Path file = Files.createTempFile("monitoring-", ".yaml");
        Files.writeString(file, out.toString());
        return file;
    }
}
