package dev.proctor.core.result;

import java.util.List;
import java.util.Map;

/**
 * The runner's compact report, carried in the pod's termination message (at most 4096 bytes, see
 * {@link SummaryCodec}). Test ids are method keys ("class#method"). {@code total = passed + failed + skipped};
 * flaky tests (failed, then passed on a retry) are counted inside {@code passed} and listed in {@code flakyTests}.
 *
 * <p>A summary with {@code running} set is a <em>checkpoint</em>: the runner writes one before each test starts and
 * after each ends, so that a JVM killed mid-test (SIGKILL, the kernel's OOM killer, {@code Runtime.halt}) still
 * leaves the counts of every test that completed, and the name of the one it was running, in its termination
 * message. A runner that ends normally overwrites it with a summary without {@code running}.
 *
 * @param classDurations milliseconds spent per unit key (class, class#method, or a {@code UnitHash} key), for the
 *                       history fold
 * @param error          runner error text when {@code verdict == ERROR}, else null
 * @param truncated      true when the encoder dropped detail to fit
 * @param running        method key of the test running when this checkpoint was written, else null
 * @param store          what the upload to the artifact store came to, or null when no store is set (or the
 *                       runner has not uploaded yet)
 */
public record ShardSummary(Verdict verdict, int total, int passed, int failed, int skipped, int flaky,
                           long durationMillis, List<String> failedTests, List<String> flakyTests,
                           Map<String, Long> classDurations, String error, boolean truncated, String running,
                           StoreUpload store) {
    public ShardSummary {
        failedTests = failedTests == null ? List.of() : List.copyOf(failedTests);
        flakyTests = flakyTests == null ? List.of() : List.copyOf(flakyTests);
        classDurations = classDurations == null ? Map.of() : Map.copyOf(classDurations);
    }

    public ShardSummary(Verdict verdict, int total, int passed, int failed, int skipped, int flaky,
                        long durationMillis, List<String> failedTests, List<String> flakyTests,
                        Map<String, Long> classDurations, String error, boolean truncated, String running) {
        this(verdict, total, passed, failed, skipped, flaky, durationMillis, failedTests, flakyTests, classDurations,
                error, truncated, running, null);
    }

    /** This summary with the upload's outcome. */
    public ShardSummary withStore(StoreUpload upload) {
        return new ShardSummary(verdict, total, passed, failed, skipped, flaky, durationMillis, failedTests, flakyTests,
                classDurations, error, truncated, running, upload);
    }

    public ShardSummary(Verdict verdict, int total, int passed, int failed, int skipped, int flaky,
                        long durationMillis, List<String> failedTests, List<String> flakyTests,
                        Map<String, Long> classDurations, String error, boolean truncated) {
        this(verdict, total, passed, failed, skipped, flaky, durationMillis, failedTests, flakyTests, classDurations,
                error, truncated, null);
    }

    /** Whether this is a checkpoint left by a runner that never wrote its final summary. */
    public boolean isCheckpoint() {
        return running != null;
    }

    public static ShardSummary error(String message) {
        return new ShardSummary(Verdict.ERROR, 0, 0, 0, 0, 0, 0, List.of(), List.of(), Map.of(), message, false);
    }
}
