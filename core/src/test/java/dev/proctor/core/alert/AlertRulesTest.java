package dev.proctor.core.alert;

import static dev.proctor.core.sla.TestRuns.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.RunPhase;
import dev.proctor.core.sla.BurnAlerting;
import dev.proctor.core.sla.Objective;
import dev.proctor.core.sla.ObjectiveKind;
import dev.proctor.core.sla.ObjectiveStatus;
import dev.proctor.core.sla.RunRecord;
import dev.proctor.core.sla.SloEvaluator;
import dev.proctor.core.sla.TestRuns;
import dev.proctor.core.sla.Urgency;
import dev.proctor.core.sla.Window;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    static final Map<String, String> POLICY = Map.of("policy", "shop-slo", "namespace", "qa");

    static String state(Alert a) {
        return a.type() + "/" + a.severity().label() + "/" + (a.endsAt() == null ? "firing" : "resolved");
    }

    @Test
    void aFailedRunFiresRunFailedAndResolvesRunError() {
        List<Alert> alerts = AlertRules.forRun(AlertSettings.defaults(), POLICY, TestRuns.run(7, T0, RunPhase.Failed));

        assertThat(alerts).extracting(AlertRulesTest::state)
                .containsExactly("RunFailed/ticket/firing", "RunError/ticket/resolved", "FlakyTestDetected/info/resolved");
        Alert failed = alerts.get(0);
        assertThat(failed.labels()).containsEntry("suite", "shop").containsEntry("policy", "shop-slo").doesNotContainKey("run");
        assertThat(failed.annotations()).containsEntry("run", "smoke-7")
                .containsEntry("failedTests", "shop.CheckoutTest#pay, shop.LoginTest#login")
                .containsEntry("summary", "2 of 40 tests failed in run smoke-7");
        assertThat(failed.startsAt()).isEqualTo(T0);
    }

    @Test
    void anErrorRunFiresRunErrorWithItsReasonAndLeavesRunFailedAlone() {
        List<Alert> alerts = AlertRules.forRun(AlertSettings.defaults(), POLICY, TestRuns.run(8, T0, RunPhase.Error));

        assertThat(alerts).extracting(AlertRulesTest::state).containsExactly("RunError/ticket/firing");
        assertThat(alerts.get(0).annotations()).containsEntry("reason", "OOMKilled");
    }

    @Test
    void aSucceededRunResolvesAndFlakyTestsAreReported() {
        RunRecord flaky = new RunRecord("r", "shop", T0, RunPhase.Succeeded, "AllTestsPassed", 10, 10, 0, 2, 30, null, 0,
                List.of("a.B#c", "d.E#f"));
        AlertSettings settings = new AlertSettings(Map.of(AlertType.FlakyTestDetected, Severity.Ticket), null);

        List<Alert> alerts = AlertRules.forRun(settings, POLICY, flaky);

        assertThat(alerts).extracting(AlertRulesTest::state)
                .containsExactly("RunFailed/ticket/resolved", "RunError/ticket/resolved", "FlakyTestDetected/ticket/firing");
        assertThat(alerts.get(2).annotations()).containsEntry("flakyTests", "a.B#c, d.E#f");
        // A resolve has the labels, hence the fingerprint, of the alert it resolves.
        Alert firing = AlertRules.forRun(AlertSettings.defaults(), POLICY, TestRuns.run(1, T0, RunPhase.Failed)).get(0);
        assertThat(alerts.get(0).fingerprint()).isEqualTo(firing.fingerprint());
    }

    @Test
    void burnPairsAndBudgetBecomeAlertsWithTheirWindowsInLabels() {
        Objective objective = new Objective("pass", ObjectiveKind.PassRate, 0.99, Window.days(30));
        ObjectiveStatus status = SloEvaluator.evaluate(objective, BurnAlerting.defaults(),
                TestRuns.every(Duration.ofMinutes(10), 36, Set.of(35, 36)), TestRuns.at(Duration.ofMinutes(10), 36));
        AlertSettings settings = new AlertSettings(null, Map.of(Urgency.Ticket, Severity.Info));

        List<Alert> alerts = AlertRules.forSlo(settings, POLICY, List.of(status));

        assertThat(alerts).extracting(AlertRulesTest::state).containsExactly("SLOBurnRate/page/firing",
                "SLOBurnRate/page/resolved", "SLOBurnRate/info/firing", "SLOBurnRate/info/firing", "BudgetExhausted/ticket/firing");
        assertThat(alerts.get(0).labels()).containsEntry("objective", "pass").containsEntry("burn_pair", "1h/5m")
                .containsEntry("long_window", "1h").containsEntry("short_window", "5m");
        assertThat(alerts.get(0).annotations().get("summary"))
                .isEqualTo("pass is burning its error budget at 33.3× over 1h and 100.0× over 5m (threshold 14.4×)");
        assertThat(alerts.get(4).annotations().get("summary")).contains("has spent its error budget");
    }
}
