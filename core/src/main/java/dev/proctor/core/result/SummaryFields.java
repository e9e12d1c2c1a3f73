package dev.proctor.core.result;

/** The JSON field names of the termination-message summary, shared by its writer and reader. */
final class SummaryFields {
    static final String SCHEMA = "v";
    static final String VERDICT = "verdict";
    static final String TOTAL = "total";
    static final String PASSED = "passed";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";
    static final String FLAKY = "flaky";
    static final String MILLIS = "millis";
    static final String FAILED_TESTS = "failedTests";
    static final String FLAKY_TESTS = "flakyTests";
    static final String DURATIONS = "durations";
    /** Packed durations ({@link CompactDurations}), written instead of {@link #DURATIONS} when those do not fit. */
    static final String UNITS = "units";
    static final String RUNNING = "running";
    static final String ERROR = "error";
    static final String TRUNCATED = "truncated";
    static final String STORE = "store";
    static final String STORE_UPLOADED = "uploaded";
    static final String STORE_MISSING = "missing";
    static final String STORE_REASON = "reason";

    private SummaryFields() {}

    static String verdictName(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case ERROR -> "error";
        };
    }

    /** @return the verdict, or null for any other text */
    static Verdict verdictOf(String name) {
        return switch (name) {
            case "passed" -> Verdict.PASSED;
            case "failed" -> Verdict.FAILED;
            case "error" -> Verdict.ERROR;
            default -> null;
        };
    }
}
