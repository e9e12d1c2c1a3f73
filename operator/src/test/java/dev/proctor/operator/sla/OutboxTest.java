package dev.proctor.operator.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.AlertType;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.Severity;
import dev.proctor.core.policy.DeliveryResult;
import dev.proctor.core.policy.Outbox;
import dev.proctor.core.policy.OutboxEntry;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The outbox rules and the policy's update filter, without a cluster. */
class OutboxTest {
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    static final Duration RETRY = Duration.ofSeconds(30);

    static OutboxEntry entry(String receiver, String id) {
        Notification n = new Notification(receiver, "{}:{}", new TreeMap<>(), Notification.Status.Firing,
                List.of(Alert.firing(AlertType.RunFailed, Severity.Ticket, Map.of("suite", "s"), Map.of(), T0)), T0, "dedup-" + id, id);
        return OutboxEntry.of(n, T0);
    }

    @Test
    void deliveredAndDroppedEntriesLeaveAndFailedOnesWaitWithTheirReason() {
        OutboxEntry a = entry("ns/r/hook", "a");
        OutboxEntry b = entry("ns/r/hook", "b");
        OutboxEntry c = entry("ns/r/gone", "c");
        OutboxEntry d = entry("ns/r/hook", "d");
        Map<String, DeliveryResult> results = Map.of(
                a.key(), DeliveryResult.delivered(a.key(), T0.plusSeconds(1)),
                b.key(), DeliveryResult.failed(b.key(), "Http503", "HTTP 503: busy", T0.plusSeconds(2)),
                c.key(), DeliveryResult.dropped(c.key(), "RouteDeleted", "gone", T0.plusSeconds(3)),
                "ns/r/hook|not-in-the-outbox", DeliveryResult.delivered("ns/r/hook|not-in-the-outbox", T0));

        Outbox.Settled settled = Outbox.settle(List.of(a, b, c, d), results, RETRY);

        assertThat(settled.outbox()).extracting(OutboxEntry::key).containsExactly(b.key(), d.key());
        OutboxEntry waiting = settled.outbox().get(0);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.notBefore()).isEqualTo(T0.plusSeconds(32));
        assertThat(waiting.lastReason()).isEqualTo("Http503");
        assertThat(waiting.lastError()).isEqualTo("Http503: HTTP 503: busy");
        assertThat(settled.givenUp()).containsExactly(c);
        assertThat(Outbox.nextAttempt(settled.outbox(), T0.plusSeconds(5))).isEqualTo(T0.plusSeconds(32));
        assertThat(Outbox.nextAttempt(settled.outbox(), T0.plusSeconds(40))).isNull();
        assertThat(Outbox.firstFailing(settled.outbox())).isEqualTo(waiting);
    }

    @Test
    void anEntryIsGivenUpAfterItsLastAttempt() {
        OutboxEntry tired = new OutboxEntry("ns/r/hook", entry("ns/r/hook", "t").notification(), null, null, Outbox.MAX_ATTEMPTS - 1, T0,
                "Unreachable", "Unreachable: refused");
        Outbox.Settled settled = Outbox.settle(List.of(tired),
                Map.of(tired.key(), DeliveryResult.failed(tired.key(), "Unreachable", "refused", T0)), RETRY);

        assertThat(settled.outbox()).isEmpty();
        assertThat(settled.givenUp()).singleElement().satisfies(p -> assertThat(p.attempts()).isEqualTo(Outbox.MAX_ATTEMPTS));
    }

    @Test
    void keysTellNotificationsAndAcknowledgementsApart() {
        OutboxEntry n = entry("ns/r/pd", "n1");
        OutboxEntry ack = OutboxEntry.acknowledgement("ns/r/pd", "inc-1", T0);
        OutboxEntry sameIdOtherReceiver = entry("ns/r/other", "n1");

        assertThat(List.of(n.key(), ack.key(), sameIdOtherReceiver.key())).doesNotHaveDuplicates();
    }

    @Test
    void aPolicyIsReconciledOnSpecAndAcknowledgeChangesOnly() {
        SpecOrAcknowledgeFilter filter = new SpecOrAcknowledgeFilter();
        SLAPolicy before = policy(3L, null);

        assertThat(filter.accept(policy(4L, null), before)).as("new generation").isTrue();
        assertThat(filter.accept(policy(3L, "inc-1"), before)).as("acknowledge annotation").isTrue();
        SLAPolicy statusOnly = policy(3L, null);
        statusOnly.setStatus(new dev.proctor.operator.api.v1alpha1.sla.SLAPolicyStatus());
        assertThat(filter.accept(statusOnly, before)).as("our own status write").isFalse();
        assertThat(filter.accept(policy(3L, "inc-1"), policy(3L, "inc-1"))).isFalse();
    }

    static SLAPolicy policy(long generation, String acknowledge) {
        SLAPolicy p = new SLAPolicy();
        p.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("ns").withGeneration(generation)
                .withAnnotations(acknowledge == null ? Map.of() : Map.of(SLAPolicy.ACKNOWLEDGE, acknowledge)).build());
        return p;
    }
}
