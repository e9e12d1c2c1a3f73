package dev.proctor.core.run;

import java.util.List;

/** Shard outcomes → one run verdict. */
public final class VerdictMerger {
    public static final int DEFAULT_MAX_FAILED_NAMES = 50;

    private VerdictMerger() {}

    /** @param outcomes one final outcome per shard (all shards finished) */
    public static RunVerdict merge(List<ShardOutcome> outcomes, int maxFailedNames) {
        throw new UnsupportedOperationException("contract: implemented in core");
    }
}
