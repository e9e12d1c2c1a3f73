package dev.proctor.core.sla;

import java.time.Instant;
import java.util.List;

/**
 * One objective evaluated at {@code evaluatedAt}: what an SLAPolicy's status shows for it.
 *
 * @param window            events over the objective's whole window
 * @param value             pass rate, duration percentile in seconds, or flaky rate; null without data
 * @param budgetRemaining   1 − bad fraction ÷ allowed bad fraction: 1 untouched, 0 spent, negative overspent
 * @param budgetExhaustedAt forecast, null when the budget is not burning faster than it refills or is spent
 */
public record ObjectiveStatus(Objective objective, Instant evaluatedAt, Tally window, Double value,
                              Compliance compliance, double budgetRemaining, List<PairStatus> pairs,
                              Instant budgetExhaustedAt) {

    public List<PairStatus> firing() {
        return pairs.stream().filter(PairStatus::firing).toList();
    }
}
