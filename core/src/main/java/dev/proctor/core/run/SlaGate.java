package dev.proctor.core.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the SLA policies in {@code enforcement: Gate} that select a run make of it. {@link RunDecider} asks once the
 * run's verdict is made, and only then, so the operator reads the policies once per finished run; core's
 * {@code sla.RunGate} does the judging.
 */
@FunctionalInterface
public interface SlaGate {
    /** No policy in Gate mode selects the run. */
    SlaGate NONE = (totals, finishedAt) -> Optional.empty();
    /** The reason of a run whose tests passed but that breaches its gate. */
    String SLA_VIOLATION = "SLAViolation";

    /** One objective a run breaches, in words for its condition and message. */
    interface Breach {
        String describe();
    }

    /** @return empty when no Gate-mode policy selects the run; else the breaches of all that do (none: it complies) */
    Optional<List<Breach>> judge(RunVerdict.Totals totals, Instant finishedAt);

    /**
     * A run whose tests passed but that breaches a gate ends Failed with reason {@value #SLA_VIOLATION}; a run that
     * already failed or errored keeps its own verdict (the breach still shows in the SLACompliant condition).
     */
    static RunVerdict enforce(RunVerdict verdict, List<? extends Breach> breaches) {
        if (breaches.isEmpty() || verdict.phase() != RunPhase.Succeeded) return verdict;
        String why = String.join("; ", breaches.stream().map(Breach::describe).toList());
        return new RunVerdict(RunPhase.Failed, SLA_VIOLATION, "tests passed, but the run breaches its SLA gate: " + why,
                verdict.totals(), verdict.failedTests(), verdict.failedTestsOmitted(), verdict.flakyTests(),
                verdict.shardDurations());
    }
}
