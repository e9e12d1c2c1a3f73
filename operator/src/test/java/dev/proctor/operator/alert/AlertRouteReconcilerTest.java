package dev.proctor.operator.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.operator.api.v1alpha1.AlertRoute;
import dev.proctor.operator.api.v1alpha1.sla.AlertRouteStatus;
import dev.proctor.operator.api.v1alpha1.sla.ChildRouteSpec;
import dev.proctor.operator.api.v1alpha1.sla.MatcherSpec;
import dev.proctor.operator.api.v1alpha1.sla.ReceiverSpec;
import dev.proctor.operator.sla.SlaFixtures;
import dev.proctor.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What only the operator can see about a route (Secrets, regexes) becomes a condition and an Event. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class AlertRouteReconcilerTest {
    static final String NS = "proctor-routes";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String VALUE = "https://hooks.example.invalid/services/T000/B000/never-shown";

    @Inject
    KubernetesClient client;

    @Test
    void aMissingSecretIsAConditionAndAWarningNamingSecretAndKey() {
        client.resource(SlaFixtures.webhookRoute(NS, "no-secret", "absent", false)).create();
        Condition ready = awaitReady("no-secret", c -> "SecretNotFound".equals(c.getReason()));
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getMessage()).contains("absent", "url");
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("no-secret")).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo("SecretNotFound");
            assertThat(e.getMessage()).contains("Secret " + NS + "/absent", "url");
        }));
        AlertRouteStatus status = client.resources(AlertRoute.class).inNamespace(NS).withName("no-secret").get().getStatus();
        assertThat(status.receiverCount).isEqualTo(1);
        assertThat(status.receivers.get(0).ready).isFalse();
    }

    @Test
    void aMissingKeyIsKeyNotFoundAndAPresentOneIsReady() {
        client.resource(new SecretBuilder().withNewMetadata().withName("slack").withNamespace(NS).endMetadata()
                .addToStringData("webhook", VALUE).build()).create();
        ReceiverSpec wrongKey = new ReceiverSpec();
        wrongKey.name = "chat";
        wrongKey.slack = new ReceiverSpec.Slack();
        wrongKey.slack.urlSecretKeyRef = new SecretKeySelector("url", "slack", false);
        client.resource(SlaFixtures.route(NS, "wrong-key", wrongKey)).create();
        Condition missing = awaitReady("wrong-key", c -> "KeyNotFound".equals(c.getReason()));
        assertThat(missing.getMessage()).contains("slack", "url");

        ReceiverSpec right = new ReceiverSpec();
        right.name = "chat";
        right.slack = new ReceiverSpec.Slack();
        right.slack.urlSecretKeyRef = new SecretKeySelector("webhook", "slack", false);
        client.resource(SlaFixtures.route(NS, "right-key", right)).create();
        Condition ok = awaitReady("right-key", c -> "True".equals(c.getStatus()));
        assertThat(ok.getReason()).isEqualTo("Ready");
        AlertRouteStatus status = client.resources(AlertRoute.class).inNamespace(NS).withName("right-key").get().getStatus();
        assertThat(status.receivers).singleElement().satisfies(r -> {
            assertThat(r.type).isEqualTo("slack");
            assertThat(r.ready).isTrue();
            assertThat(r.circuit).isEqualTo("closed");
        });
        String everything = Serialization.asJson(client.resources(AlertRoute.class).inNamespace(NS).list())
                + Serialization.asJson(client.v1().events().inNamespace(NS).list());
        assertThat(everything).doesNotContain(VALUE).doesNotContain("never-shown");
    }

    @Test
    void anInvalidRegexOrUnknownReceiverIsInvalidRoute() {
        ReceiverSpec event = new ReceiverSpec();
        event.name = "events";
        event.event = new ReceiverSpec.Event();
        AlertRoute route = SlaFixtures.route(NS, "bad-regex", event);
        ChildRouteSpec child = new ChildRouteSpec();
        child.receiver = "nobody";
        child.matchers = List.of(new MatcherSpec("suite", "=~", "(unclosed"));
        route.getSpec().routes = List.of(child);
        client.resource(route).create();
        Condition c = awaitReady("bad-regex", x -> "InvalidRoute".equals(x.getReason()));
        assertThat(c.getMessage()).contains("nobody", "(unclosed");
    }

    Condition awaitReady(String name, java.util.function.Predicate<Condition> until) {
        await().atMost(WAIT).until(() -> {
            AlertRoute r = client.resources(AlertRoute.class).inNamespace(NS).withName(name).get();
            Condition c = r == null || r.getStatus() == null ? null : Conditions.get(r.getStatus().conditions, "Ready");
            return c != null && until.test(c);
        });
        return Conditions.get(client.resources(AlertRoute.class).inNamespace(NS).withName(name).get().getStatus().conditions, "Ready");
    }

    List<Event> events(String involved) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName())).toList();
    }
}
