package dev.proctor.core.sla;

/**
 * What an objective measures. Each kind is reduced to "bad events out of events" so that compliance, error
 * budget and burn rate mean the same thing for all of them:
 *
 * <ul>
 *   <li>{@link #PassRate}: events are runs; a run is bad unless it Succeeded (Failed and Error are both bad: an
 *       Error run gave no evidence that the suite passes). Target ≥, e.g. 0.99; allowed bad fraction 1 − target.
 *   <li>{@link #DurationP95}/{@link #DurationP99}: events are runs that executed their tests (Succeeded, Failed,
 *       or Error with reason DeadlineExceeded, whose duration is the timeout); a run is bad when its duration
 *       exceeds the target seconds. The value is the nearest-rank percentile; it meets the target exactly when
 *       at most 5% (1%) of the runs are bad, so the allowed bad fraction is 0.05 (0.01).
 *   <li>{@link #FlakyRate}: events are tests; bad events are flaky tests. Target ≤, e.g. 0.02, which is also the
 *       allowed bad fraction.
 * </ul>
 */
public enum ObjectiveKind {
    PassRate("passRate"), DurationP95("durationP95"), DurationP99("durationP99"), FlakyRate("flakyRate");

    private final String specName;

    ObjectiveKind(String specName) { this.specName = specName; }

    /** The name used in the SLAPolicy spec and in alert labels. */
    public String specName() { return specName; }

    /** True when a higher value is better (target is a floor), false when it is a ceiling. */
    public boolean higherIsBetter() { return this == PassRate; }
}
