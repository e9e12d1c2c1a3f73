package dev.proctor.runner.report;

import dev.proctor.core.report.ArtifactFiles;
import java.time.Instant;
import java.util.List;

/**
 * Everything the HTML report shows, already masked: the merged test cases with their failures and artifacts, the
 * shards' timeline, and the suite's trend. Built by {@link RunReportBuilder}, drawn by {@link HtmlReport}.
 *
 * @param verdict  the run's phase as the operator decided it (Succeeded, Failed, Error)
 * @param notes    what the reporter could not read (a shard attempt without JUnit XML…)
 */
public record RunReport(String run, String suite, String verdict, Instant started, Instant finished,
                        JUnitXmlMerger.Totals totals, List<Case> cases, List<Span> spans, List<String> notes,
                        List<SuiteTrend.Point> trend) {

    public enum Status { PASSED, FAILED, ERROR, SKIPPED, FLAKY }

    /**
     * One merged test case.
     *
     * @param attempts  the shard attempts that ran it, in order
     * @param problem   the last attempt's failure or error (null when it passed)
     * @param earlier   failures of attempts before the last ({@code flakyFailure}s or {@code rerunFailure}s)
     */
    public record Case(String className, String name, Status status, double seconds, int shard, List<Integer> attempts,
                       Problem problem, List<Problem> earlier, List<Artifact> artifacts) {
        public String id() {
            return className + "#" + name;
        }
    }

    /** A failure as the JUnit XML holds it: the element's name, the exception's type, message and stack trace. */
    public record Problem(String element, String type, String message, String trace) {}

    /**
     * A file of the test in the store.
     *
     * @param path    relative to the run's folder ({@code shard-0/attempt-1/…})
     * @param dataUri the image itself for a screenshot shown inline, else null
     */
    public record Artifact(String path, ArtifactFiles.Kind kind, int attempt, String dataUri) {
        public String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** One test attempt on the timeline. */
    public record Span(int shard, int attempt, String test, Instant start, Instant end, String status) {}
}
