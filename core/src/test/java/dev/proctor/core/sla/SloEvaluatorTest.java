package dev.proctor.core.sla;

import static dev.proctor.core.sla.TestRuns.T0;
import static dev.proctor.core.sla.TestRuns.at;
import static dev.proctor.core.sla.TestRuns.every;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.proctor.core.run.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SloEvaluatorTest {
    static final Duration TEN_MIN = Duration.ofMinutes(10);
    static final Objective PASS_99_30D = new Objective(null, ObjectiveKind.PassRate, 0.99, Window.days(30));

    static Map<String, Boolean> firing(ObjectiveStatus status) {
        return status.pairs().stream().collect(Collectors.toMap(p -> p.pair().name(), PairStatus::firing));
    }

    static Set<Integer> set(String csv) {
        return csv.isBlank() ? Set.of() : java.util.Arrays.stream(csv.split(" ")).map(Integer::valueOf).collect(Collectors.toSet());
    }

    /**
     * Runs every 10 minutes on a 99% pass-rate objective over 30 days; the SRE-workbook pairs unscaled. Columns:
     * failed runs, runs so far, minutes after the last run, then whether 1h/5m, 6h/30m, 24h/2h, 72h/6h fire.
     */
    @ParameterizedTest(name = "failed [{0}] of {1} runs, +{2}m → {3} {4} {5} {6}")
    @CsvSource({
            "'34 35 36', 36, 0, true,  true,  true,  true",   // a sustained burn fires everything
            "'30',       36, 0, false, false, false, true",   // one failure among 36 only opens the slow ticket
            "'35 36',    36, 0, true,  false, true,  true",   // 1h burns at 33x, 6h only at 5.6x
            "'35 36',    37, 0, false, false, true,  true",   // a good run resets the short windows of the pages
            "'35 36',    36, 7, true,  false, true,  true",   // no new run: the 5m window falls back to the last run
            "'1',        1,  0, false, false, false, false",  // one early failure never pages (minRuns)
            "'1 2',      2,  0, false, false, false, false",  // nor two
            "'',         36, 0, false, false, false, false"})
    void burnRateTableOnSparseRuns(String failed, int runs, int minutesLater, boolean p1h, boolean p6h, boolean t1d,
                                   boolean t3d) {
        List<RunRecord> history = every(TEN_MIN, runs, set(failed));
        Instant now = at(TEN_MIN, runs).plus(Duration.ofMinutes(minutesLater));

        ObjectiveStatus status = SloEvaluator.evaluate(PASS_99_30D, BurnAlerting.defaults(), history, now);

        assertThat(firing(status)).containsExactlyInAnyOrderEntriesOf(
                Map.of("1h/5m", p1h, "6h/30m", p6h, "24h/2h", t1d, "72h/6h", t3d));
    }

    @Test
    void burnRatesAreBadFractionOverAllowedFraction() {
        ObjectiveStatus status = SloEvaluator.evaluate(PASS_99_30D, BurnAlerting.defaults(),
                every(TEN_MIN, 36, Set.of(35, 36)), at(TEN_MIN, 36));

        PairStatus hour = status.pairs().get(0);
        assertThat(hour.longTally()).isEqualTo(new Tally(6, 6, 2, hour.longTally().rate()));
        assertThat(hour.longTally().rate()).isCloseTo(33.33, within(0.01));
        assertThat(hour.shortTally().runs()).isEqualTo(1);
        assertThat(hour.shortTally().rate()).isCloseTo(100, within(1e-9));
        assertThat(status.pairs().get(1).longTally().rate()).isCloseTo(5.56, within(0.01));
        assertThat(hour.longWindow()).isEqualTo("1h");
        assertThat(hour.shortWindow()).isEqualTo("5m");
    }

    @Test
    void aWindowUnderMinRunsHasNoBurnRate() {
        ObjectiveStatus status = SloEvaluator.evaluate(PASS_99_30D, BurnAlerting.defaults(),
                List.of(TestRuns.run(1, T0, RunPhase.Failed)), T0);

        assertThat(status.pairs()).allSatisfy(p -> {
            assertThat(p.longTally().rate()).isNull();
            assertThat(p.firing()).isFalse();
        });
        // The budget still tells the truth about what happened.
        assertThat(status.budgetRemaining()).isCloseTo(1 - 1 / 0.01, within(1e-6));
        assertThat(status.compliance()).isEqualTo(Compliance.Breached);
    }

    @Test
    void minRunsIsAPolicySetting() {
        BurnAlerting strict = new BurnAlerting(List.of(), 10, 1);

        ObjectiveStatus status = SloEvaluator.evaluate(PASS_99_30D, strict, every(TEN_MIN, 36, Set.of(34, 35, 36)), at(TEN_MIN, 36));

        assertThat(firing(status)).containsEntry("1h/5m", false).containsEntry("6h/30m", true);
    }

    @Test
    void errorRunsAreBadForPassRate() {
        List<RunRecord> runs = new ArrayList<>(every(TEN_MIN, 9, Set.of()));
        runs.add(TestRuns.run(10, at(TEN_MIN, 10), RunPhase.Error));

        ObjectiveStatus status = SloEvaluator.evaluate(new Objective("p", ObjectiveKind.PassRate, 0.8, Window.days(30)),
                BurnAlerting.defaults(), runs, at(TEN_MIN, 10));

        assertThat(status.value()).isCloseTo(0.9, within(1e-9));
        assertThat(status.compliance()).isEqualTo(Compliance.Met);
        assertThat(status.budgetRemaining()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void budgetAndForecast() {
        // Every 2 hours for 10 days; the last 10 runs (20 hours) failed. 90% target: 10% of runs may fail.
        Duration twoHours = Duration.ofHours(2);
        Set<Integer> failed = IntStream.rangeClosed(111, 120).boxed().collect(Collectors.toSet());
        Objective objective = new Objective("pass", ObjectiveKind.PassRate, 0.9, Window.days(30));
        Instant now = at(twoHours, 120);

        ObjectiveStatus status = SloEvaluator.evaluate(objective, BurnAlerting.defaults(), every(twoHours, 120, failed), now);

        assertThat(status.value()).isCloseTo(110 / 120.0, within(1e-9));
        assertThat(status.compliance()).isEqualTo(Compliance.Met);
        assertThat(status.budgetRemaining()).isCloseTo(1 / 6.0, within(1e-9));
        // The 3d window (runs 85..120, 10 of 36 bad) burns at 2.78x: 1/6 of 30 days lasts 43.2 hours at that pace.
        assertThat(status.pairs().get(3).longTally().rate()).isCloseTo(2.778, within(0.001));
        assertThat(Duration.between(now, status.budgetExhaustedAt()).toSeconds()).isCloseTo(155_520L, within(2L));
    }

    @Test
    void noForecastWhenBurnIsSlowOrBudgetSpent() {
        Objective objective = new Objective("pass", ObjectiveKind.PassRate, 0.9, Window.days(30));
        ObjectiveStatus slow = SloEvaluator.evaluate(objective, BurnAlerting.defaults(),
                every(TEN_MIN, 100, Set.of(50)), at(TEN_MIN, 100));
        ObjectiveStatus spent = SloEvaluator.evaluate(objective, BurnAlerting.defaults(),
                every(TEN_MIN, 10, Set.of(5, 6, 7, 8)), at(TEN_MIN, 10));

        assertThat(slow.budgetExhaustedAt()).isNull();
        assertThat(slow.budgetRemaining()).isCloseTo(0.9, within(1e-9));
        assertThat(spent.budgetRemaining()).isCloseTo(-3, within(1e-9));
        assertThat(spent.budgetExhaustedAt()).isNull();
    }

    @Test
    void noDataMeetsNothingAndSpendsNothing() {
        ObjectiveStatus status = SloEvaluator.evaluate(PASS_99_30D, BurnAlerting.defaults(), List.of(), T0);

        assertThat(status.compliance()).isEqualTo(Compliance.NoData);
        assertThat(status.value()).isNull();
        assertThat(status.budgetRemaining()).isEqualTo(1);
        assertThat(status.firing()).isEmpty();
    }

    @Test
    void aSevenDayWindowScalesEveryAlertWindow() {
        Objective week = new Objective("pass", ObjectiveKind.PassRate, 0.99, Window.days(7));

        ObjectiveStatus status = SloEvaluator.evaluate(week, BurnAlerting.defaults(),
                every(TEN_MIN, 36, Set.of(35, 36)), at(TEN_MIN, 36));

        assertThat(status.pairs()).extracting(p -> p.longWindow() + "/" + p.shortWindow())
                .containsExactly("14m/1m10s", "1h24m/7m", "5h36m/28m", "16h48m/1h24m");
        // 14 minutes hold two runs, under minRuns: the fastest pair cannot fire; 84 minutes hold 9 runs, 2 bad.
        assertThat(firing(status)).containsEntry("1h/5m", false).containsEntry("6h/30m", true);
        assertThat(status.pairs().get(1).longTally().runs()).isEqualTo(9);
    }

    @Test
    void runCountWindowsScaleByRuns() {
        Objective last500 = new Objective("pass", ObjectiveKind.PassRate, 0.99, Window.lastRuns(500));

        ObjectiveStatus status = SloEvaluator.evaluate(last500, BurnAlerting.defaults(),
                every(TEN_MIN, 600, Set.of(598, 599, 600)), at(TEN_MIN, 600));

        assertThat(status.pairs()).extracting(p -> p.longWindow() + "/" + p.shortWindow())
                .containsExactly("3 runs/1 run", "4 runs/1 run", "17 runs/1 run", "50 runs/4 runs");
        assertThat(status.window().runs()).isEqualTo(500);
        assertThat(status.firing()).hasSize(4);
        assertThat(status.budgetRemaining()).isCloseTo(1 - (3 / 500.0) / 0.01, within(1e-9));
    }

    @Test
    void runCountForecastUsesTheMeanIntervalBetweenRuns() {
        Objective last100 = new Objective("pass", ObjectiveKind.PassRate, 0.9, Window.lastRuns(100));
        Set<Integer> failed = IntStream.rangeClosed(91, 95).boxed().collect(Collectors.toSet());

        ObjectiveStatus status = SloEvaluator.evaluate(last100, BurnAlerting.defaults(), every(TEN_MIN, 100, failed),
                at(TEN_MIN, 100));

        // 5 of 100 bad: half the budget left; the 3d-equivalent window is the last 10 runs, 5 bad: burn 5x.
        // 0.5 × 100 runs / 5 = 10 runs ≈ 100 minutes at one run per 10 minutes.
        assertThat(status.budgetRemaining()).isCloseTo(0.5, within(1e-9));
        assertThat(status.pairs().get(3).longWindow()).isEqualTo("10 runs");
        assertThat(status.budgetExhaustedAt()).isEqualTo(at(TEN_MIN, 100).plus(Duration.ofMinutes(100)));
    }

    @Test
    void durationPercentilesCountSlowRunsAsBad() {
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            RunRecord r = TestRuns.run(i, at(TEN_MIN, i), RunPhase.Succeeded);
            runs.add(new RunRecord(r.run(), r.suite(), r.finishedAt(), r.phase(), r.reason(), 40, 40, 0, 0,
                    i == 20 ? 400 : 100 + i, List.of(), 0, List.of()));
        }
        runs.add(new RunRecord("oom", "shop", at(TEN_MIN, 21), RunPhase.Error, "OOMKilled", 0, 0, 0, 0, 5, null, 0, null));
        Instant now = at(TEN_MIN, 21);

        ObjectiveStatus p95 = SloEvaluator.evaluate(new Objective(null, ObjectiveKind.DurationP95, 300, Window.days(30)),
                BurnAlerting.defaults(), runs, now);
        ObjectiveStatus p99 = SloEvaluator.evaluate(new Objective(null, ObjectiveKind.DurationP99, 300, Window.days(30)),
                BurnAlerting.defaults(), runs, now);

        // 20 runs count (the OOMKilled run says nothing about speed); p95 is the 19th: 119s; p99 the 20th: 400s.
        assertThat(p95.window().runs()).isEqualTo(20);
        assertThat(p95.value()).isEqualTo(119.0);
        assertThat(p95.compliance()).isEqualTo(Compliance.Met);
        assertThat(p95.budgetRemaining()).isCloseTo(0, within(1e-9));
        assertThat(p99.value()).isEqualTo(400.0);
        assertThat(p99.compliance()).isEqualTo(Compliance.Breached);
        assertThat(p99.budgetRemaining()).isCloseTo(1 - 0.05 / 0.01, within(1e-9));
    }

    @Test
    void flakyRateCountsTests() {
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            runs.add(new RunRecord("r" + i, "shop", at(TEN_MIN, i), RunPhase.Succeeded, "AllTestsPassed", 100, 100, 0,
                    i <= 2 ? 3 : 0, 60, null, 0, i <= 2 ? List.of("a.B#c") : null));
        }

        ObjectiveStatus status = SloEvaluator.evaluate(new Objective(null, ObjectiveKind.FlakyRate, 0.02, Window.days(30)),
                BurnAlerting.defaults(), runs, at(TEN_MIN, 10));

        assertThat(status.value()).isCloseTo(0.006, within(1e-12));
        assertThat(status.compliance()).isEqualTo(Compliance.Met);
        assertThat(status.budgetRemaining()).isCloseTo(0.7, within(1e-9));
        assertThat(status.window()).extracting(Tally::events, Tally::bad).containsExactly(1000L, 6L);
    }

    @Test
    void runsAfterNowAreIgnored() {
        List<RunRecord> runs = every(TEN_MIN, 10, Set.of(10));

        ObjectiveStatus status = SloEvaluator.evaluate(PASS_99_30D, BurnAlerting.defaults(), runs, at(TEN_MIN, 9));

        assertThat(status.window().runs()).isEqualTo(9);
        assertThat(status.value()).isEqualTo(1.0);
    }
}
