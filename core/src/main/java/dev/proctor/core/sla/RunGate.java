package dev.proctor.core.sla;

import dev.proctor.core.run.RunVerdict;
import dev.proctor.core.run.SlaGate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The per-run reading of a policy's objectives, for {@code enforcement: Gate}: one run breaches an objective
 * when its own duration is above a duration target, its own pass rate is below the pass-rate target, or its
 * share of flaky tests is above the flaky-rate target. Windows and budgets play no part: a gate judges the run
 * in front of it, so a CI job or an Argo CD hook waiting on that run fails. The run's decider applies the result
 * ({@link SlaGate#enforce}).
 */
public final class RunGate {
    private RunGate() {}

    /** @param actual the run's own value, in the objective's unit (a fraction, or seconds) */
    public record Breach(String policy, String objective, ObjectiveKind kind, double actual, double target)
            implements SlaGate.Breach {
        @Override
        public String describe() {
            return switch (kind) {
                case PassRate -> String.format(Locale.ROOT, "%s/%s: pass rate %.1f%% below %.1f%%", policy, objective,
                        actual * 100, target * 100);
                case FlakyRate -> String.format(Locale.ROOT, "%s/%s: flaky rate %.1f%% above %.1f%%", policy, objective,
                        actual * 100, target * 100);
                default -> String.format(Locale.ROOT, "%s/%s: duration %.0fs above %.0fs", policy, objective, actual, target);
            };
        }
    }

    /** An SLA policy in Gate mode, by name, with its objectives. */
    public record Policy(String name, List<Objective> objectives) {}

    /**
     * The gate of a run that started at {@code startedAt}: {@code selecting} gives the Gate-mode policies that select the
     * run, and is asked only when the decider judges the finished run.
     */
    public static SlaGate of(Instant startedAt, Supplier<List<Policy>> selecting) {
        return (totals, finishedAt) -> {
            List<Policy> policies = selecting.get();
            if (policies.isEmpty()) return Optional.empty();
            long seconds = Duration.between(startedAt, finishedAt).toSeconds();
            List<SlaGate.Breach> out = new ArrayList<>();
            for (Policy p : policies) out.addAll(breaches(p.name(), p.objectives(), totals, seconds));
            return Optional.of(List.copyOf(out));
        };
    }

    /** Breaches of one policy's objectives by one finished run; empty when it complies. */
    public static List<Breach> breaches(String policy, List<Objective> objectives, RunVerdict.Totals totals,
                                        long durationSeconds) {
        List<Breach> out = new ArrayList<>();
        int executed = totals.tests() - totals.skipped();
        for (Objective o : objectives) {
            switch (o.kind()) {
                case PassRate -> {
                    if (executed <= 0) continue; // nothing ran: no evidence about the pass rate
                    double rate = (double) totals.passed() / executed;
                    if (rate < o.target()) out.add(new Breach(policy, o.name(), o.kind(), rate, o.target()));
                }
                case FlakyRate -> {
                    if (totals.tests() <= 0) continue;
                    double rate = (double) totals.flaky() / totals.tests();
                    if (rate > o.target()) out.add(new Breach(policy, o.name(), o.kind(), rate, o.target()));
                }
                case DurationP95, DurationP99 -> {
                    if (durationSeconds > o.target()) {
                        out.add(new Breach(policy, o.name(), o.kind(), durationSeconds, o.target()));
                    }
                }
            }
        }
        return List.copyOf(out);
    }
}
