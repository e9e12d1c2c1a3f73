package dev.proctor.core.report;

/**
 * What the reporter Job ends with in its termination message: the counts of the merged JUnit XML it wrote, or why it
 * wrote none. The operator checks the counts against the run's totals before it calls the report ready.
 *
 * @param tests    test cases in the merged report
 * @param failures cases whose last attempt failed an assertion
 * @param errors   cases whose last attempt ended in an error
 * @param skipped  skipped cases
 * @param flaky    cases that failed in an attempt and passed in a later one
 * @param millis   how long the reporter took
 * @param error    why no report was written (null when it was): short, masked, never a credential
 * @param reason   the error's CamelCase kind (e.g. {@link #STORE_UNREACHABLE}); null when there is no error
 */
public record ReportSummary(int tests, int failures, int errors, int skipped, int flaky, long millis, String reason,
                            String error) {
    /** The store could not be read or written (down, no such bucket, credentials refused). */
    public static final String STORE_UNREACHABLE = "StoreUnreachable";
    /** The store answered but refused: credentials wrong, no such bucket, access denied. */
    public static final String STORE_REFUSED = "StoreRefused";
    /** A shard attempt's JUnit XML was missing or unreadable, or the reporter failed otherwise. */
    public static final String REPORTER_FAILED = "ReporterFailed";

    public static ReportSummary failed(String reason, String error, long millis) {
        return new ReportSummary(0, 0, 0, 0, 0, millis, reason, error);
    }

    public boolean ok() {
        return error == null;
    }
}
