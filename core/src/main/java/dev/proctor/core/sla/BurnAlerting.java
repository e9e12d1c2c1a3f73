package dev.proctor.core.sla;

import java.util.List;

/**
 * The alerting part of an SLAPolicy.
 *
 * @param pairs        burn-rate alerts; {@link BurnWindowPair#SRE_WORKBOOK} when empty
 * @param minRuns      a long window holding fewer runs has no burn rate (default {@value #DEFAULT_MIN_RUNS}),
 *                     so one early failure never pages
 * @param minShortRuns the short window's evidence: at least this many of the latest runs (default 1), see
 *                     {@link SloEvaluator}
 */
public record BurnAlerting(List<BurnWindowPair> pairs, int minRuns, int minShortRuns) {
    public static final int DEFAULT_MIN_RUNS = 3;

    public BurnAlerting {
        pairs = pairs == null || pairs.isEmpty() ? BurnWindowPair.SRE_WORKBOOK : List.copyOf(pairs);
        minRuns = minRuns <= 0 ? DEFAULT_MIN_RUNS : minRuns;
        minShortRuns = Math.max(1, Math.min(minShortRuns, minRuns));
    }

    public static BurnAlerting defaults() {
        return new BurnAlerting(List.of(), DEFAULT_MIN_RUNS, 1);
    }
}
