package dev.proctor.core.sla;

/**
 * Bad events out of events in one slice of runs, as {@link ObjectiveKind} defines them.
 *
 * @param runs   the runs in the slice that count for the objective
 * @param rate   bad fraction ÷ allowed bad fraction; null when the slice holds too few runs to say
 */
public record Tally(int runs, long events, long bad, Double rate) {
    public double badFraction() {
        return events == 0 ? 0 : (double) bad / events;
    }
}
