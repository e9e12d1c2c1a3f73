package dev.proctor.core.sla;

import dev.proctor.core.run.RunPhase;
import dev.proctor.core.run.RunVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-run reading of a policy's objectives, for {@code enforcement: Gate}: one run breaches an objective
 * when its own duration is above a duration target, its own pass rate is below the pass-rate target, or its
 * share of flaky tests is above the flaky-rate target. Windows and budgets play no part: a gate judges the run
 * in front of it, so a CI job or an Argo CD hook waiting on that run fails.
 */
public final class RunGate {
    public static final String SLA_VIOLATION = "SLAViolation";

    private RunGate() {}

    /** @param actual the run's own value, in the objective's unit (a fraction, or seconds) */
    public record Breach(String policy, String objective, ObjectiveKind kind, double actual, double target) {
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

    /**
     * A run whose tests passed but that breaches a gate ends Failed with reason SLAViolation; a run that already
     * failed or errored keeps its own verdict (the breach still shows in the SLACompliant condition).
     */
    public static RunVerdict enforce(RunVerdict verdict, List<Breach> breaches) {
        if (breaches.isEmpty() || verdict.phase() != RunPhase.Succeeded) return verdict;
        String why = String.join("; ", breaches.stream().map(Breach::describe).toList());
        return new RunVerdict(RunPhase.Failed, SLA_VIOLATION, "tests passed, but the run breaches its SLA gate: " + why,
                verdict.totals(), verdict.failedTests(), verdict.failedTestsOmitted(), verdict.flakyTests(),
                verdict.shardDurations());
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
