package dev.proctor.operator.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.DispatchState;
import dev.proctor.core.alert.Dispatcher;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.Route;
import dev.proctor.core.incident.Incident;
import dev.proctor.core.incident.IncidentBook;
import dev.proctor.core.incident.IncidentRules;
import dev.proctor.core.policy.OutboxEntry;
import dev.proctor.core.policy.PolicyEvaluation;
import dev.proctor.core.policy.PolicySettings;
import dev.proctor.core.policy.PolicyState;
import dev.proctor.core.policy.PolicyStateCodec;
import dev.proctor.core.run.RunPhase;
import dev.proctor.core.sla.RunHistoryRing;
import dev.proctor.core.sla.RunRecord;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.sla.AlertingSpec;
import dev.proctor.operator.api.v1alpha1.sla.SeveritiesSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluation wiring on a fixed clock: no cluster, no Quarkus. */
class PolicyEvaluationTest {
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    static final Dispatcher.Config ROUTES = new Dispatcher.Config(
            new Route("pager", List.of(), false, null, Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4), null), null, null);

    static PolicySettings settings() {
        SLAPolicy p = SlaFixtures.policy("shop", "smoke", "smoke", 0.99);
        p.getSpec().alerting = new AlertingSpec();
        p.getSpec().alerting.escalation = new AlertingSpec.EscalationSpec();
        AlertingSpec.EscalationStep step = new AlertingSpec.EscalationStep();
        step.after = "15m";
        p.getSpec().alerting.escalation.steps = List.of(step);
        return PolicySpecs.settings(p);
    }

    static RunRecord failed(String name, Instant at) {
        return new RunRecord(name, "smoke", at, RunPhase.Failed, "TestsFailed", 20, 18, 2, 0, 60,
                List.of("shop.CheckoutTest#pays"), 0, List.of());
    }

    static PolicyState empty() {
        return new PolicyState(RunHistoryRing.empty(500), IncidentBook.empty(), DispatchState.empty(), List.of(), null);
    }

    static PolicyEvaluation.Output step(PolicyState state, List<RunRecord> runs, String ack, Instant now) {
        return PolicyEvaluation.evaluate(new PolicyEvaluation.Input(state, settings(), runs, ack, ROUTES, java.util.Set.of("pager"), now));
    }

    @Test
    void failingRunsOpenOneIncidentAndPageAlertsCarryItsId() {
        List<RunRecord> runs = List.of(failed("r1", T0.minusSeconds(50)), failed("r2", T0.minusSeconds(40)), failed("r3", T0.minusSeconds(30)));
        PolicyEvaluation.Output out = step(empty(), runs, null, T0);

        assertThat(out.opened()).hasSize(1);
        String id = out.opened().get(0).id();
        assertThat(out.state().ring().records()).hasSize(3);
        List<Notification> paged = out.queued();
        assertThat(paged).isNotEmpty();
        assertThat(paged.get(0).incidentId()).isEqualTo(id);
        assertThat(paged.get(0).alerts()).filteredOn(a -> a.severity() == dev.proctor.core.alert.Severity.Page)
                .allSatisfy(a -> assertThat(a.annotations()).containsEntry(Alert.INCIDENT, id));
        assertThat(out.state().outbox()).hasSize(paged.size());
        // the one timer: escalation 15m after opening is among the deadlines
        assertThat(out.nextWakeUp()).isBeforeOrEqualTo(T0.plus(Duration.ofMinutes(15)));
    }

    @Test
    void foldingIsIdempotentAndTheTimerEscalatesUnacknowledgedIncidents() {
        List<RunRecord> runs = List.of(failed("r1", T0.minusSeconds(50)), failed("r2", T0.minusSeconds(40)), failed("r3", T0.minusSeconds(30)));
        PolicyEvaluation.Output first = step(empty(), runs, null, T0);
        PolicyEvaluation.Output again = step(first.state().withOutbox(List.of()), runs, null, T0.plusSeconds(1));
        assertThat(again.state().ring().records()).hasSize(3);
        assertThat(again.opened()).isEmpty();

        PolicyEvaluation.Output later = step(again.state(), List.of(), null, T0.plus(Duration.ofMinutes(16)));
        assertThat(later.escalated()).singleElement().satisfies(i -> assertThat(i.escalationLevel()).isEqualTo(1));
        assertThat(later.queued()).anySatisfy(n -> assertThat(n.alerts())
                .anySatisfy(a -> assertThat(a.labels()).containsEntry(Alert.ALERTNAME, "IncidentEscalated")));
    }

    @Test
    void acknowledgingIsHandledOnceAndUnknownIdsAreRejected() {
        List<RunRecord> runs = List.of(failed("r1", T0.minusSeconds(50)), failed("r2", T0.minusSeconds(40)), failed("r3", T0.minusSeconds(30)));
        PolicyEvaluation.Output open = step(empty(), runs, null, T0);
        String id = open.opened().get(0).id();
        PolicyEvaluation.Output acked = step(open.state(), List.of(), id, T0.plusSeconds(60));
        assertThat(acked.acknowledgement()).isInstanceOf(IncidentRules.Transition.Accepted.class);
        assertThat(acked.state().acknowledged()).isEqualTo(id);
        assertThat(acked.state().book().byId(id).orElseThrow().acknowledgedAt()).isEqualTo(T0.plusSeconds(60));
        // PagerDuty, which was paged about it, is told too (through the outbox)
        assertThat(acked.state().outbox()).anySatisfy(p -> {
            assertThat(p.receiver()).isEqualTo("pager");
            assertThat(p.acknowledge()).isEqualTo(id);
        });

        PolicyEvaluation.Output unknown = step(acked.state(), List.of(), "inc-nope-1", T0.plusSeconds(70));
        assertThat(unknown.acknowledgement()).isInstanceOfSatisfying(IncidentRules.Transition.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(IncidentRules.Rejection.NotFound));
    }

    @Test
    void anIncidentThatResolvesWhileItsAlertStillFiresTellsPagerDutyToResolveToo() {
        // a failed run pages; no passing run follows (the suite stopped running), so its RunFailed alert still fires
        SLAPolicy p = SlaFixtures.policy("shop", "smoke", "smoke", 0.99);
        p.getSpec().alerting = new AlertingSpec();
        p.getSpec().alerting.severities = new SeveritiesSpec();
        p.getSpec().alerting.severities.runFailed = SeveritiesSpec.Level.Page;
        p.getSpec().alerting.escalation = new AlertingSpec.EscalationSpec();
        p.getSpec().alerting.escalation.quietPeriod = "10m";
        PolicySettings paging = PolicySpecs.settings(p);
        PolicyEvaluation.Output open = PolicyEvaluation.evaluate(new PolicyEvaluation.Input(empty(), paging,
                List.of(failed("r1", T0.minusSeconds(30))), null, ROUTES, java.util.Set.of("pager"), T0));
        String id = open.opened().get(0).id();

        PolicyEvaluation.Output quiet = PolicyEvaluation.evaluate(new PolicyEvaluation.Input(open.state(), paging, List.of(), null,
                ROUTES, java.util.Set.of("pager"), T0.plus(Duration.ofMinutes(11))));
        assertThat(quiet.resolved()).extracting(Incident::id).containsExactly(id);
        assertThat(quiet.state().outbox()).filteredOn(e -> e.resolve() != null).singleElement().satisfies(e -> {
            assertThat(e.receiver()).isEqualTo("pager");
            assertThat(e.resolve()).isEqualTo(id);
            assertThat(e.key()).isEqualTo("pager|resolve:" + id);
        });
    }

    @Test
    void theStateSurvivesARestartWithItsOutbox() {
        List<RunRecord> runs = List.of(failed("r1", T0.minusSeconds(50)), failed("r2", T0.minusSeconds(40)), failed("r3", T0.minusSeconds(30)));
        PolicyEvaluation.Output out = step(empty(), runs, null, T0);
        Map<String, String> data = PolicyStateCodec.encode(out.state());
        PolicyState read = PolicyStateCodec.decode(data, 500);
        assertThat(read.outbox()).isEqualTo(out.state().outbox());
        assertThat(read.book()).isEqualTo(out.state().book());
        assertThat(read.ring()).isEqualTo(out.state().ring());
        assertThat(read.dispatch()).isEqualTo(out.state().dispatch());
        // a restart re-evaluating the same instant queues nothing new: the notification log already has it
        PolicyEvaluation.Output again = step(read, List.of(), null, T0);
        assertThat(again.queued()).isEmpty();
        assertThat(again.state().outbox()).isEqualTo(out.state().outbox());
    }

    @Test
    void aRunTheFullRingDroppedIsNotFoldedAgain() {
        PolicyState state = new PolicyState(RunHistoryRing.empty(10), IncidentBook.empty(), DispatchState.empty(), List.of(), null);
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) runs.add(failed("old-" + i, T0.minus(Duration.ofDays(1)).plusSeconds(i)));
        PolicyEvaluation.Output first = PolicyEvaluation.evaluate(new PolicyEvaluation.Input(state, settings(), runs, null, ROUTES,
                java.util.Set.of(), T0));
        assertThat(first.state().ring().records()).hasSize(10);
        PolicyEvaluation.Output again = PolicyEvaluation.evaluate(new PolicyEvaluation.Input(first.state(), settings(), runs.subList(0, 2),
                null, ROUTES, java.util.Set.of(), T0));
        assertThat(again.state().ring()).isEqualTo(first.state().ring());
    }

    @Test
    void theOutboxIsBounded() {
        List<OutboxEntry> many = new ArrayList<>();
        Notification n = step(empty(), List.of(failed("r1", T0.minusSeconds(50)), failed("r2", T0.minusSeconds(40)),
                failed("r3", T0.minusSeconds(30))), null, T0).queued().get(0);
        for (int i = 0; i < PolicyState.MAX_OUTBOX + 20; i++) many.add(new OutboxEntry(n.receiver(), n, null, null, i, T0, null, null));
        assertThat(empty().withOutbox(many).outbox()).hasSize(PolicyState.MAX_OUTBOX);
        assertThat(PolicyStateCodec.decode(Map.of(PolicyStateCodec.OUTBOX_KEY, "{not json"), 500).outbox()).isEmpty();
    }
}
