package dev.proctor.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.alert.AlertSettings;
import dev.proctor.core.alert.Dispatcher;
import dev.proctor.core.alert.Route;
import dev.proctor.core.incident.IncidentPolicy;
import dev.proctor.core.run.RunPhase;
import dev.proctor.core.sla.BurnAlerting;
import dev.proctor.core.sla.Objective;
import dev.proctor.core.sla.ObjectiveKind;
import dev.proctor.core.sla.RunRecord;
import dev.proctor.core.sla.TestRuns;
import dev.proctor.core.sla.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A policy's reconcile as core decides it, from the stored ConfigMap data to the data to write: no cluster. */
class PolicyDeciderTest {
    static final Instant T0 = TestRuns.T0;
    static final Duration RETRY = Duration.ofSeconds(30);
    static final Dispatcher.Config ROUTES = new Dispatcher.Config(
            new Route("ns/r/hook", List.of(), false, null, Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4), null), null, null);
    static final PolicySettings SETTINGS = new PolicySettings(
            List.of(new Objective("passRate", ObjectiveKind.PassRate, 0.9, new Window.Time(Duration.ofDays(7)))),
            new BurnAlerting(List.of(), 0, 1), new AlertSettings(Map.of(), Map.of()),
            IncidentPolicy.of(List.of(Duration.ofMinutes(15)), null), 50, Map.of("policy", "p"));

    static PolicyDecision decide(Map<String, String> stored, List<RunRecord> runs, String ack, Map<String, DeliveryResult> results,
                                 Instant now) {
        return PolicyDecider.decide(new PolicyDecider.Input(stored, SETTINGS, runs, ack, results, RETRY, ROUTES, Set.of(), now));
    }

    @Test
    void aFailedRunIsFoldedOnceAndItsNotificationWaitsInTheOutboxOfTheDataToWrite() {
        RunRecord failed = TestRuns.run(1, T0, RunPhase.Failed);
        PolicyDecision first = decide(null, List.of(failed), null, Map.of(), T0.plusSeconds(1));

        assertThat(first.evaluation().state().ring().records()).containsExactly(failed);
        assertThat(first.outbox()).isNotEmpty().allSatisfy(e -> assertThat(e.receiver()).isEqualTo("ns/r/hook"));
        assertThat(PolicyStateCodec.decode(first.data(), 50).outbox()).isEqualTo(first.outbox());
        assertThat(first.unreadable()).isEmpty();

        PolicyDecision again = decide(first.data(), List.of(failed), null, Map.of(), T0.plusSeconds(2));
        assertThat(again.evaluation().state().ring().records()).as("the same run is not folded twice").hasSize(1);
        assertThat(again.data()).isEqualTo(first.data());
    }

    @Test
    void aDeliveredEntryLeavesTheOutboxAndAFailedOneSetsTheRecheck() {
        PolicyDecision queued = decide(null, List.of(TestRuns.run(1, T0, RunPhase.Failed)), null, Map.of(), T0.plusSeconds(1));
        OutboxEntry entry = queued.outbox().get(0);

        PolicyDecision delivered = decide(queued.data(), List.of(), null,
                Map.of(entry.key(), DeliveryResult.delivered(entry.key(), T0.plusSeconds(2))), T0.plusSeconds(3));
        assertThat(delivered.outbox()).doesNotContain(entry);

        PolicyDecision failed = decide(queued.data(), List.of(), null,
                Map.of(entry.key(), DeliveryResult.failed(entry.key(), "Http503", "HTTP 503", T0.plusSeconds(2))), T0.plusSeconds(3));
        assertThat(failed.outbox()).anySatisfy(e -> assertThat(e.lastReason()).isEqualTo("Http503"));
        assertThat(failed.recheckAt()).isBeforeOrEqualTo(T0.plusSeconds(2).plus(RETRY));
        assertThat(failed.recheckAfter(T0.plusSeconds(3))).hasValueSatisfying(d -> assertThat(d).isPositive());
        assertThat(failed.recheckAfter(T0.plus(Duration.ofDays(1)))).as("past due: a second").hasValue(Duration.ofSeconds(1));
    }

    @Test
    void anAcknowledgementIsHandledOnceAndABlankOneIsNone() {
        PolicyDecision open = decide(null, TestRuns.every(Duration.ofMinutes(1), 3, Set.of(1, 2, 3)), null, Map.of(), T0.plusSeconds(600));
        PolicyDecision unknown = decide(open.data(), List.of(), "inc-unknown", Map.of(), T0.plusSeconds(601));
        assertThat(unknown.evaluation().acknowledgement()).as("handled: rejected").isNotNull();
        assertThat(unknown.evaluation().state().acknowledged()).isEqualTo("inc-unknown");

        PolicyDecision again = decide(unknown.data(), List.of(), "inc-unknown", Map.of(), T0.plusSeconds(602));
        assertThat(again.evaluation().acknowledgement()).as("not handled twice").isNull();
        assertThat(decide(open.data(), List.of(), " ", Map.of(), T0.plusSeconds(603)).evaluation().acknowledgement()).isNull();
    }

    @Test
    void anUnreadablePartStartsAfreshAndIsKeptAsideInTheDataToWrite() {
        Map<String, String> stored = Map.of(PolicyStateCodec.RUNS_KEY, "{truncated", PolicyStateCodec.OUTBOX_KEY, "[]");

        PolicyDecision decision = decide(stored, List.of(), null, Map.of(), T0);

        assertThat(decision.unreadable()).containsOnlyKeys(PolicyStateCodec.RUNS_KEY);
        assertThat(decision.data()).containsEntry(PolicyStateCodec.RUNS_KEY + PolicyStateCodec.UNREADABLE_SUFFIX, "{truncated");
        assertThat(decision.keptAside()).containsExactly(PolicyStateCodec.RUNS_KEY + PolicyStateCodec.UNREADABLE_SUFFIX);
        assertThat(decision.evaluation().state().ring().records()).isEmpty();
    }
}
