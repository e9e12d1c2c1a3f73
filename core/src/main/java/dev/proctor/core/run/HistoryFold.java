package dev.proctor.core.run;

import dev.proctor.core.result.ShardSummary;
import java.util.List;

/** Folds a finished run into its suite's history: bounded, smoothed, idempotent per run uid. */
public final class HistoryFold {
    private HistoryFold() {}

    public static SuiteHistory fold(SuiteHistory previous, String runUid, List<ShardSummary> summaries) {
        throw new UnsupportedOperationException("contract: implemented in core");
    }
}
