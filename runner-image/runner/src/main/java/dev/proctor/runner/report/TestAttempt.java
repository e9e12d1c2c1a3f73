package dev.proctor.runner.report;

import java.util.List;
import java.util.Map;

/**
 * One execution of one test.
 *
 * @param failure        present when {@code outcome == FAILED}, or the reason of a skip
 * @param reportEntries  key/value pairs the test published (e.g. the SDK's web vitals)
 */
public record TestAttempt(Outcome outcome, long millis, Failure failure, List<Map<String, String>> reportEntries) {
    public TestAttempt {
        reportEntries = reportEntries == null ? List.of() : List.copyOf(reportEntries);
    }
}
