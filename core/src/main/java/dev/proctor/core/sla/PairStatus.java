package dev.proctor.core.sla;

/**
 * A burn-rate alert evaluated at one instant.
 *
 * @param longWindow  the effective long window, scaled to the policy ("14m", or "17 runs")
 * @param shortWindow the effective short window
 * @param firing      both windows have a burn rate and both exceed the pair's factor
 */
public record PairStatus(BurnWindowPair pair, String longWindow, String shortWindow, Tally longTally, Tally shortTally,
                         boolean firing) {}
