package dev.proctor.core.sla;

import dev.proctor.core.run.RunPhase;
import dev.proctor.core.time.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Objectives over a policy's run history: value, compliance, error budget, multi-window burn rates and a
 * forecast of budget exhaustion. Pure; {@code now} is always passed in.
 *
 * <h2>Windows</h2>
 * A time window {@code W} holds the runs finished in {@code (now − W, now]}; a run-count window {@code N} holds
 * the last N runs finished at or before {@code now}.
 *
 * <h2>Burn-rate windows on sparse runs</h2>
 * Burn rate of a slice = its bad fraction ÷ the objective's allowed bad fraction. Alert pairs are written for a
 * 30-day window and scaled:
 * <ul>
 *   <li>time window W: both windows of every pair are multiplied by W / 30d (a 7d policy's 1h/5m pair becomes
 *       14m/1m10s). The factors stay: a factor × window / W is the same share of the budget as before.
 *   <li>run window N: the N runs are taken as spread evenly over 30 days, so a window of duration D becomes the
 *       last round(N × D / 30d) runs, at least {@code minRuns} for the long one and {@code max(minShortRuns, 1)}
 *       for the short one, at most N.
 * </ul>
 * Suites run minutes apart, so a scaled 5-minute window usually holds no run at all. Hence:
 * <ul>
 *   <li>a long window with fewer than {@code minRuns} runs has no burn rate: a single early failure never pages;
 *   <li>the short window holds the runs finished inside it, but when that is fewer than
 *       k = max(minShortRuns, 1), it holds the last k runs of the long window instead (the freshest evidence);
 *       when the long window has fewer than k runs, it has no burn rate. So the short window still does its job
 *       (the alert stops as soon as the latest run is good) without flapping between runs.
 *   <li>a pair fires when both windows have a burn rate and both are strictly above its factor.
 * </ul>
 *
 * <h2>Budget and forecast</h2>
 * Budget remaining = 1 − bad fraction ÷ allowed bad fraction over the objective window (1 with no data; may be
 * negative when overspent). The forecast assumes the burn rate of the longest pair window that has one goes on:
 * exhaustion after remaining × W ÷ burn (a run window converts runs to time with the mean interval between its
 * runs). There is none when that burn is ≤ 1 (the budget refills as fast as it is spent) or nothing is left.
 * The forecast ignores bad runs ageing out of the window, so it errs early.
 */
public final class SloEvaluator {
    private SloEvaluator() {}

    /** @param history the policy's runs, oldest first (a {@link RunHistoryRing}'s records) */
    public static ObjectiveStatus evaluate(Objective objective, BurnAlerting alerting, List<RunRecord> history, Instant now) {
        Objects.requireNonNull(now, "now");
        List<RunRecord> upToNow = history.stream().filter(r -> !r.finishedAt().isAfter(now)).toList();
        List<RunRecord> inWindow = objective.window() instanceof Window.Time t
                ? since(upToNow, now.minus(t.span()))
                : last(upToNow, ((Window.Runs) objective.window()).count());
        Tally whole = tally(objective, inWindow, 1);
        Double value = value(objective, inWindow);
        Compliance compliance = value == null ? Compliance.NoData
                : (objective.kind().higherIsBetter() ? value >= objective.target() : value <= objective.target())
                ? Compliance.Met : Compliance.Breached;
        double remaining = whole.events() == 0 ? 1 : 1 - whole.badFraction() / objective.allowedBadFraction();

        List<PairStatus> pairs = new ArrayList<>();
        for (BurnWindowPair pair : alerting.pairs()) pairs.add(pair(objective, alerting, pair, inWindow, now));
        return new ObjectiveStatus(objective, now, whole, value, compliance, remaining, List.copyOf(pairs),
                forecast(objective, inWindow, pairs, remaining, now));
    }

    private static PairStatus pair(Objective objective, BurnAlerting alerting, BurnWindowPair pair,
                                   List<RunRecord> inWindow, Instant now) {
        int k = Math.max(1, alerting.minShortRuns());
        List<RunRecord> longSlice;
        List<RunRecord> shortSlice;
        String longName;
        String shortName;
        if (objective.window() instanceof Window.Time t) {
            Duration longWindow = scale(pair.longWindow(), t.span());
            Duration shortWindow = scale(pair.shortWindow(), t.span());
            longSlice = since(inWindow, now.minus(longWindow));
            shortSlice = since(longSlice, now.minus(shortWindow));
            longName = GoDuration.format(longWindow);
            shortName = GoDuration.format(shortWindow);
        } else {
            int runs = ((Window.Runs) objective.window()).count();
            int longCount = runCount(pair.longWindow(), runs, alerting.minRuns());
            int shortCount = Math.min(longCount, runCount(pair.shortWindow(), runs, k));
            longSlice = last(inWindow, longCount);
            shortSlice = last(longSlice, shortCount);
            longName = new Window.Runs(longCount).describe();
            shortName = new Window.Runs(shortCount).describe();
        }
        if (shortSlice.size() < k) shortSlice = last(longSlice, k);
        Tally longTally = tally(objective, longSlice, alerting.minRuns());
        Tally shortTally = tally(objective, shortSlice, k);
        boolean firing = longTally.rate() != null && shortTally.rate() != null
                && longTally.rate() > pair.factor() && shortTally.rate() > pair.factor();
        return new PairStatus(pair, longName, shortName, longTally, shortTally, firing);
    }

    /** {@code window × policy / 30d}, to the millisecond. */
    static Duration scale(Duration window, Duration policy) {
        double ratio = (double) policy.toMillis() / Window.REFERENCE.toMillis();
        return Duration.ofMillis(Math.max(1, Math.round(window.toMillis() * ratio)));
    }

    private static int runCount(Duration window, int runs, int floor) {
        long scaled = Math.round((double) runs * window.toMillis() / Window.REFERENCE.toMillis());
        return (int) Math.min(runs, Math.max(floor, scaled));
    }

    /**
     * @param minRuns fewer counted runs than this give no rate
     */
    static Tally tally(Objective objective, List<RunRecord> slice, int minRuns) {
        int runs = 0;
        long events = 0;
        long bad = 0;
        for (RunRecord r : slice) {
            switch (objective.kind()) {
                case PassRate -> {
                    runs++;
                    events++;
                    if (!r.succeeded()) bad++;
                }
                case DurationP95, DurationP99 -> {
                    if (ranTests(r)) {
                        runs++;
                        events++;
                        if (r.durationSeconds() > objective.target()) bad++;
                    }
                }
                case FlakyRate -> {
                    runs++;
                    events += r.tests();
                    bad += Math.min(r.flaky(), r.tests());
                }
            }
        }
        Double rate = runs < minRuns || events == 0 ? null
                : ((double) bad / events) / objective.allowedBadFraction();
        return new Tally(runs, events, bad, rate);
    }

    /** Runs whose duration says something about the suite's speed. */
    private static boolean ranTests(RunRecord r) {
        return r.phase() == RunPhase.Succeeded || r.phase() == RunPhase.Failed
                || r.phase() == RunPhase.Error && "DeadlineExceeded".equals(r.reason());
    }

    private static Double value(Objective objective, List<RunRecord> runs) {
        return switch (objective.kind()) {
            case PassRate -> runs.isEmpty() ? null : (double) runs.stream().filter(RunRecord::succeeded).count() / runs.size();
            case DurationP95 -> percentile(runs, 95);
            case DurationP99 -> percentile(runs, 99);
            case FlakyRate -> {
                Tally t = tally(objective, runs, 0);
                yield t.events() == 0 ? null : t.badFraction();
            }
        };
    }

    /** Nearest rank, like the run verdict's shard durations: always an observed duration. */
    private static Double percentile(List<RunRecord> runs, int percentile) {
        long[] sorted = runs.stream().filter(SloEvaluator::ranTests).mapToLong(RunRecord::durationSeconds).sorted().toArray();
        if (sorted.length == 0) return null;
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return (double) sorted[Math.max(rank, 1) - 1];
    }

    private static Instant forecast(Objective objective, List<RunRecord> inWindow, List<PairStatus> pairs,
                                    double remaining, Instant now) {
        PairStatus steadiest = null;
        for (PairStatus p : pairs) {
            if (p.longTally().rate() == null) continue;
            if (steadiest == null || p.pair().longWindow().compareTo(steadiest.pair().longWindow()) > 0) steadiest = p;
        }
        if (steadiest == null || remaining <= 0 || steadiest.longTally().rate() <= 1) return null;
        double burn = steadiest.longTally().rate();
        double windowSeconds;
        if (objective.window() instanceof Window.Time t) {
            windowSeconds = t.span().toSeconds();
        } else {
            if (inWindow.size() < 2) return null;
            double span = Duration.between(inWindow.get(0).finishedAt(), inWindow.get(inWindow.size() - 1).finishedAt()).toSeconds();
            windowSeconds = span / (inWindow.size() - 1) * ((Window.Runs) objective.window()).count();
        }
        return now.plusSeconds(Math.round(remaining * windowSeconds / burn));
    }

    private static List<RunRecord> since(List<RunRecord> runs, Instant exclusiveStart) {
        return runs.stream().filter(r -> r.finishedAt().isAfter(exclusiveStart)).toList();
    }

    private static List<RunRecord> last(List<RunRecord> runs, int count) {
        return runs.subList(Math.max(0, runs.size() - count), runs.size());
    }
}
