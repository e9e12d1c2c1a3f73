package dev.proctor.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.RunVerdict;
import dev.proctor.core.run.SlaGate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunGateTest {
    static final Window WEEK = new Window.Time(java.time.Duration.ofDays(7));

    static Objective objective(ObjectiveKind kind, double target) {
        return new Objective(null, kind, target, WEEK);
    }

    @Test
    void aSlowRunBreachesTheDurationObjective() {
        List<RunGate.Breach> b = RunGate.breaches("smoke-sla", List.of(objective(ObjectiveKind.DurationP95, 300)),
                new RunVerdict.Totals(10, 10, 0, 0, 0), 301);
        assertThat(b).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(ObjectiveKind.DurationP95);
            assertThat(x.describe()).isEqualTo("smoke-sla/durationP95: duration 301s above 300s");
        });
        assertThat(RunGate.breaches("p", List.of(objective(ObjectiveKind.DurationP95, 300)),
                new RunVerdict.Totals(10, 10, 0, 0, 0), 300)).isEmpty();
    }

    @Test
    void passRateCountsFlakyAsPassedAndIgnoresSkipped() {
        Objective pass = objective(ObjectiveKind.PassRate, 0.9);
        assertThat(RunGate.breaches("p", List.of(pass), new RunVerdict.Totals(12, 9, 1, 2, 3), 10)).isEmpty();
        assertThat(RunGate.breaches("p", List.of(pass), new RunVerdict.Totals(10, 8, 2, 0, 0), 10))
                .singleElement().satisfies(x -> assertThat(x.describe()).contains("pass rate 80.0% below 90.0%"));
        assertThat(RunGate.breaches("p", List.of(pass), new RunVerdict.Totals(3, 0, 0, 3, 0), 10)).isEmpty();
    }

    @Test
    void tooManyFlakyTestsBreachTheFlakyRate() {
        Objective flaky = objective(ObjectiveKind.FlakyRate, 0.1);
        assertThat(RunGate.breaches("p", List.of(flaky), new RunVerdict.Totals(10, 10, 0, 0, 2), 10)).hasSize(1);
        assertThat(RunGate.breaches("p", List.of(flaky), new RunVerdict.Totals(10, 10, 0, 0, 1), 10)).isEmpty();
    }

    @Test
    void aBreachFailsAPassingRunButLeavesAFailedOneItsReason() {
        RunVerdict.Totals totals = new RunVerdict.Totals(4, 4, 0, 0, 0);
        RunVerdict.DurationStats d = new RunVerdict.DurationStats(1, 1, 1, 1, 1);
        RunVerdict green = new RunVerdict(dev.proctor.core.run.RunPhase.Succeeded, "AllTestsPassed", "all 4 passed", totals,
                List.of(), 0, List.of(), d);
        List<RunGate.Breach> slow = RunGate.breaches("p", List.of(objective(ObjectiveKind.DurationP99, 60)), totals, 90);
        RunVerdict gated = SlaGate.enforce(green, slow);
        assertThat(gated.phase()).isEqualTo(dev.proctor.core.run.RunPhase.Failed);
        assertThat(gated.reason()).isEqualTo("SLAViolation");
        assertThat(gated.message()).contains("duration 90s above 60s");
        assertThat(SlaGate.enforce(green, List.of())).isSameAs(green);
        RunVerdict red = new RunVerdict(dev.proctor.core.run.RunPhase.Failed, "TestsFailed", "1 of 4", totals, List.of(), 0,
                List.of(), d);
        assertThat(SlaGate.enforce(red, slow)).isSameAs(red);
    }
}
