package dev.proctor.core.run;

import static dev.proctor.core.run.RunDeciderTest.T0;
import static dev.proctor.core.run.RunDeciderTest.failed;
import static dev.proctor.core.run.RunDeciderTest.finished;
import static dev.proctor.core.run.RunDeciderTest.passed;
import static dev.proctor.core.run.RunDeciderTest.running;
import static dev.proctor.core.run.RunDeciderTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proctor.core.run.AttemptFacts.PodFacts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The SLA gate inside the run's decision, and phases that only move forward where they are decided. */
class RunDeciderGateTest {
    record Breach(String describe) implements SlaGate.Breach {}

    /** A gate that counts how often it is asked and answers as told. */
    static final class CountingGate implements SlaGate {
        final AtomicInteger asked = new AtomicInteger();
        final Optional<List<SlaGate.Breach>> answer;

        CountingGate(Optional<List<SlaGate.Breach>> answer) {
            this.answer = answer;
        }

        @Override
        public Optional<List<SlaGate.Breach>> judge(RunVerdict.Totals totals, Instant finishedAt) {
            asked.incrementAndGet();
            return answer;
        }
    }

    static final Optional<List<SlaGate.Breach>> SLOW = Optional.of(List.of(new Breach("smoke-sla/p95: duration 400s above 300s")));

    @Test
    void theGateIsAskedOnlyOnceTheVerdictIsMade() {
        CountingGate gate = new CountingGate(SLOW);
        RunSettings s = settings(2, 2, 0, true, false);
        Decision started = RunDecider.decide(s, null, List.of(), List.of(), gate, T0);
        Decision half = RunDecider.decide(s, started.phase(), started.shards(), List.of(finished(0, 0, passed(2)), running(1, 0)), gate, T0);
        assertThat(gate.asked).as("no verdict yet").hasValue(0);
        assertThat(half.gate()).isNull();

        Decision done = RunDecider.decide(s, half.phase(), half.shards(), List.of(finished(0, 0, passed(2)), finished(1, 0, passed(2))),
                gate, T0.plusSeconds(400));
        assertThat(gate.asked).hasValue(1);
        assertThat(done.phase()).isEqualTo(RunPhase.Failed);
        assertThat(done.verdict().reason()).isEqualTo(SlaGate.SLA_VIOLATION);
        assertThat(done.verdict().message()).contains("duration 400s above 300s");
        assertThat(done.gate()).extracting(SlaGate.Breach::describe).containsExactly("smoke-sla/p95: duration 400s above 300s");
    }

    @Test
    void aFailedRunKeepsItsVerdictAndACompliantOrUngatedRunIsLeftAlone() {
        RunSettings s = settings(1, 1, 0, true, false);
        List<AttemptFacts> red = List.of(finished(0, 0, failed(2, "a.A#x")));
        Decision failedRun = RunDecider.decide(s, RunPhase.Running, List.of(), red, new CountingGate(SLOW), T0);
        assertThat(failedRun.verdict().reason()).isNotEqualTo(SlaGate.SLA_VIOLATION);
        assertThat(failedRun.phase()).isEqualTo(RunPhase.Failed);
        assertThat(failedRun.gate()).as("the breach still shows").hasSize(1);

        List<AttemptFacts> green = List.of(finished(0, 0, passed(2)));
        Decision compliant = RunDecider.decide(s, RunPhase.Running, List.of(), green, new CountingGate(Optional.of(List.of())), T0);
        assertThat(compliant.phase()).isEqualTo(RunPhase.Succeeded);
        assertThat(compliant.gate()).isEmpty();
        Decision ungated = RunDecider.decide(s, RunPhase.Running, List.of(), green, SlaGate.NONE, T0);
        assertThat(ungated.phase()).isEqualTo(RunPhase.Succeeded);
        assertThat(ungated.gate()).isNull();
    }

    @Test
    void aRunSeenRunningStaysRunningWhenItsPodsLookPendingAgain() {
        RunSettings s = settings(1, 1, 0, true, false);
        Decision was = RunDecider.decide(s, null, List.of(), List.of(running(0, 0)), SlaGate.NONE, T0);
        assertThat(was.phase()).isEqualTo(RunPhase.Running);
        AttemptFacts pendingAgain = new AttemptFacts(0, 0, true, T0, null, null,
                new PodFacts("Pending", null, null, null, T0, null, null, null, null));

        Decision stale = RunDecider.decide(s, RunPhase.Running, was.shards(), List.of(pendingAgain), SlaGate.NONE, T0.plusSeconds(5));
        assertThat(RunDecider.decide(s, null, was.shards(), List.of(pendingAgain), SlaGate.NONE, T0.plusSeconds(5)).phase())
                .as("without the recorded phase the shards alone say").isEqualTo(RunPhase.Pending);
        assertThat(stale.phase()).isEqualTo(RunPhase.Running);
        assertThat(RunPhase.Running.canMoveTo(RunPhase.Pending)).isFalse();
    }

    @Test
    void aFinishedRunIsNotDecidedAgain() {
        RunSettings s = settings(1, 1, 0, true, false);
        assertThatThrownBy(() -> RunDecider.decide(s, RunPhase.Succeeded, List.of(), List.of(running(0, 0)), SlaGate.NONE, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not decided again");
    }
}
