package dev.proctor.runner.launch;

import dev.proctor.core.plan.TestId;
import dev.proctor.runner.report.Outcome;
import dev.proctor.runner.report.ShardReport;
import dev.proctor.runner.report.TestAttempt;
import dev.proctor.runner.report.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shard's results as they come in, shared by the engine's threads (which add to it), the checkpoints and a
 * shutdown hook (which read it). Whatever ends the JVM, what is here is what completed.
 *
 * <p>A retry adds an attempt only to tests that failed before: a parameterized method re-runs all its invocations,
 * and those that had passed keep their one passing attempt.
 */
final class LiveResults {
    private final Map<String, TestResult> results = new LinkedHashMap<>();
    private TestId running;
    private int tryNumber;

    synchronized void startTry(int number) {
        tryNumber = number;
    }

    synchronized void started(TestId planned) {
        running = planned;
    }

    synchronized void finished(TestId test, TestAttempt attempt) {
        TestResult before = results.get(test.uniqueId());
        if (before == null) {
            results.put(test.uniqueId(), new TestResult(test, List.of(attempt)));
        } else if (tryNumber > 0 && before.status() == TestResult.Status.FAILED
                && before.attempts().size() <= tryNumber) {
            results.put(test.uniqueId(), before.withAttempt(attempt));
        }
        if (running != null && running.uniqueId().equals(test.uniqueId())) running = null;
    }

    /** The planned test that has started and not ended (for a parameterized method: until its last invocation). */
    synchronized TestId running() {
        return running;
    }

    /** The running test took the JVM down: it counts as failed with that failure, and nothing runs after it. */
    synchronized void failRunning(dev.proctor.runner.report.Failure failure) {
        if (running == null) return;
        TestId test = running;
        running = null;
        TestResult before = results.get(test.uniqueId());
        TestAttempt attempt = new TestAttempt(Outcome.FAILED, 0, failure, null);
        results.put(test.uniqueId(), before == null ? new TestResult(test, List.of(attempt)) : before.withAttempt(attempt));
        running = test;
    }

    synchronized void notRunning() {
        running = null;
    }

    synchronized List<TestResult> results() {
        return new ArrayList<>(results.values());
    }

    /** Method keys of the planned tests that have a failing test now, for the next try. */
    synchronized Set<String> failedMethodKeys() {
        return results.values().stream().filter(r -> r.status() == TestResult.Status.FAILED)
                .map(r -> r.id().methodKey()).collect(Collectors.toSet());
    }

    synchronized int completed() {
        return results.size();
    }

    synchronized ShardReport report(long millis, String error) {
        return new ShardReport(results(), millis, error);
    }
}
