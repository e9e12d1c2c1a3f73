package dev.proctor.runner.report;

import dev.proctor.core.plan.TestId;
import java.util.ArrayList;
import java.util.List;

/**
 * Every attempt of one reported test, in order. The status follows from them: a test that failed and then passed
 * is {@link Status#FLAKY} — reported as such, never silently as passed.
 *
 * <p>A reported test is what Surefire counts as one: a test method, or one invocation of a parameterized method,
 * one dynamic test of a factory, one Cucumber scenario. Its {@code id} carries the planned test's class and method
 * (so its unit and method keys are the planned test's) and its own unique id and display name.
 */
public record TestResult(TestId id, List<TestAttempt> attempts) {

    public enum Status { PASSED, FLAKY, FAILED, SKIPPED }

    public TestResult {
        if (attempts.isEmpty()) throw new IllegalArgumentException("a result needs at least one attempt: " + id);
        attempts = List.copyOf(attempts);
    }

    public TestResult withAttempt(TestAttempt attempt) {
        List<TestAttempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        return new TestResult(id, all);
    }

    public TestAttempt last() {
        return attempts.get(attempts.size() - 1);
    }

    public Status status() {
        return switch (last().outcome()) {
            case SKIPPED -> Status.SKIPPED;
            case FAILED -> Status.FAILED;
            case PASSED -> attempts.size() > 1 ? Status.FLAKY : Status.PASSED;
        };
    }

    /**
     * What the test costs in a normal run, which is what the history should learn: the time of its passing attempt
     * when it passed on a retry (a failing attempt may have waited out a timeout), else of its first.
     */
    public long plannedMillis() {
        TestAttempt last = last();
        return last.outcome() == Outcome.PASSED ? last.millis() : attempts.get(0).millis();
    }

    public long totalMillis() {
        return attempts.stream().mapToLong(TestAttempt::millis).sum();
    }
}
