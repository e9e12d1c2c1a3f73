package dev.proctor.runner.launch;

import dev.proctor.core.plan.TestId;
import dev.proctor.runner.report.EventLog;
import dev.proctor.runner.report.Failure;
import dev.proctor.runner.report.Outcome;
import dev.proctor.runner.report.TestAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Listens to one execution and reports every test as Surefire counts them: each test method, each invocation of a
 * parameterized method, each dynamic test, each scenario — under the planned test (the unit the planner placed)
 * they belong to.
 *
 * <p>Engines report more than tests, and the recorder folds that back: a failed class lifecycle ({@code @BeforeAll},
 * {@code @AfterAll}) fails the planned tests under it that had not reported yet; a planned parameterized method that
 * fails without invocations (its source threw) is one failed test; a planned test that never reported is a failure
 * with that reason; a failed engine is a runner error, not a test failure. Each result goes to the {@link Progress}
 * as soon as it is known, so nothing completed is lost if the JVM dies later.
 */
final class AttemptRecorder implements TestExecutionListener {
    /** Told as tests start and end; called on the engine's threads. */
    interface Progress {
        void started(TestId planned);

        void finished(TestId test, TestAttempt attempt, Instant startedAt);
    }

    private final Map<String, DiscoveredTest> planned;
    private final EventLog log;
    private final int tryNumber;
    private final long timeoutMillis;
    private final Progress progress;
    private final Map<String, Long> startedNanos = new HashMap<>();
    private final Map<String, Instant> startedAt = new HashMap<>();
    private final Set<String> plannedReported = new HashSet<>();
    private final Set<String> reported = new HashSet<>();
    private final Map<String, List<Map<String, String>>> entries = new HashMap<>();
    private final List<String> engineFailures = new ArrayList<>();
    private TestPlan plan;

    /** @param timeoutMillis per-test limit, 0 for none; a test over it fails even if its engine has no timeouts */
    AttemptRecorder(List<DiscoveredTest> planned, EventLog log, int tryNumber, long timeoutMillis, Progress progress) {
        this.planned = new LinkedHashMap<>();
        planned.forEach(test -> this.planned.put(test.uniqueId(), test));
        this.log = log;
        this.tryNumber = tryNumber;
        this.timeoutMillis = timeoutMillis;
        this.progress = progress;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public synchronized void executionStarted(TestIdentifier node) {
        String uid = node.getUniqueId();
        DiscoveredTest test = planned.get(uid);
        if (test != null) {
            log.event("test.started", "test", test.id().methodKey(), "uniqueId", uid, "try", tryNumber);
            progress.started(test.id());
        }
        if (node.isTest() || test != null) {
            startedNanos.put(uid, System.nanoTime());
            startedAt.put(uid, Instant.now());
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier node, String reason) {
        DiscoveredTest owner = planned.get(node.getUniqueId());
        if (owner == null && node.isTest()) {
            Optional<DiscoveredTest> ancestor = plannedAncestor(node);
            if (ancestor.isPresent()) {
                report(ancestor.get(), idOf(ancestor.get(), node), skipped(reason), Instant.now());
                return;
            }
        }
        for (DiscoveredTest test : plannedAtOrBelow(node)) {
            if (!plannedReported.contains(test.uniqueId())) report(test, test.id(), skipped(reason), Instant.now());
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier node, TestExecutionResult result) {
        String uid = node.getUniqueId();
        DiscoveredTest own = planned.get(uid);
        Optional<DiscoveredTest> ancestor = own == null ? plannedAncestor(node) : Optional.empty();
        if (node.isTest() && (own != null || ancestor.isPresent())) {
            DiscoveredTest test = own != null ? own : ancestor.get();
            report(test, own != null ? test.id() : idOf(test, node), attempt(uid, result), startedAt.get(uid));
            return;
        }
        if (own != null) {
            // a planned container (parameterized or factory method): only its own failure is news
            if (result.getStatus() == TestExecutionResult.Status.FAILED || !plannedReported.contains(uid)) {
                TestAttempt attempt = attempt(uid, result);
                if (!plannedReported.contains(uid) || attempt.outcome() == Outcome.FAILED) {
                    report(own, own.id(), attempt, startedAt.get(uid));
                }
            }
            return;
        }
        if (result.getStatus() != TestExecutionResult.Status.FAILED) return;
        if (ancestor.isPresent()) {
            // a container below a planned test failed (a dynamic container): one failed test of its own
            report(ancestor.get(), idOf(ancestor.get(), node), attempt(uid, result), startedAt.get(uid));
            return;
        }
        if (plan.getParent(node).isEmpty()) {
            engineFailures.add("engine '" + node.getDisplayName() + "' failed: " + Causes.describe(result.getThrowable().orElse(null)));
            return;
        }
        Failure cause = failure(result).prefixed(node.getDisplayName() + " failed");
        for (DiscoveredTest test : plannedAtOrBelow(node)) {
            if (!plannedReported.contains(test.uniqueId())) {
                report(test, test.id(), new TestAttempt(Outcome.FAILED, 0, cause, entries.get(test.uniqueId())), Instant.now());
            }
        }
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier node, ReportEntry entry) {
        entries.computeIfAbsent(node.getUniqueId(), k -> new ArrayList<>()).add(Map.copyOf(entry.getKeyValuePairs()));
    }

    private TestAttempt attempt(String uid, TestExecutionResult result) {
        Long start = startedNanos.get(uid);
        long took = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        Outcome outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> Outcome.PASSED;
            case ABORTED -> Outcome.SKIPPED;
            case FAILED -> Outcome.FAILED;
        };
        Failure failure = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? null : failure(result);
        if (outcome == Outcome.PASSED && timeoutMillis > 0 && took > timeoutMillis) {
            outcome = Outcome.FAILED;
            failure = Failure.timeout(timeoutMillis, took);
        }
        return new TestAttempt(outcome, took, failure, entries.get(uid));
    }

    private static TestAttempt skipped(String reason) {
        return new TestAttempt(Outcome.SKIPPED, 0, Failure.of("skipped", reason), null);
    }

    private void report(DiscoveredTest test, TestId id, TestAttempt attempt, Instant started) {
        if (!reported.add(id.uniqueId())) return;
        plannedReported.add(test.uniqueId());
        Failure failure = attempt.failure();
        log.event("test.finished", "test", test.id().methodKey(), "uniqueId", id.uniqueId(), "try", tryNumber,
                "status", attempt.outcome().name(), "millis", attempt.millis(),
                "message", failure == null ? null : failure.message());
        progress.finished(id, attempt, started == null ? Instant.now() : started);
    }

    /** A test below a planned one: the planned test's class and method, its own unique id and display name. */
    private static TestId idOf(DiscoveredTest test, TestIdentifier node) {
        return new TestId(node.getUniqueId(), test.id().className(), test.id().methodName(), node.getDisplayName());
    }

    private List<DiscoveredTest> plannedAtOrBelow(TestIdentifier node) {
        List<DiscoveredTest> tests = new ArrayList<>();
        if (planned.containsKey(node.getUniqueId())) tests.add(planned.get(node.getUniqueId()));
        for (TestIdentifier descendant : plan.getDescendants(node)) {
            DiscoveredTest test = planned.get(descendant.getUniqueId());
            if (test != null) tests.add(test);
        }
        return tests;
    }

    private Optional<DiscoveredTest> plannedAncestor(TestIdentifier node) {
        Optional<TestIdentifier> parent = plan.getParent(node);
        while (parent.isPresent()) {
            DiscoveredTest test = planned.get(parent.get().getUniqueId());
            if (test != null) return Optional.of(test);
            parent = plan.getParent(parent.get());
        }
        return Optional.empty();
    }

    private static Failure failure(TestExecutionResult result) {
        return result.getThrowable().map(Failure::of)
                .orElseGet(() -> Failure.of("java.lang.AssertionError", "failed without an exception"));
    }

    /** Engine failures seen during the execution; non-empty means the runner itself must report an error. */
    synchronized List<String> engineFailures() {
        return List.copyOf(engineFailures);
    }

    /** Reports every planned test that never reported anything as failed, with that reason. */
    synchronized void reportMissing() {
        for (DiscoveredTest test : planned.values()) {
            if (!plannedReported.contains(test.uniqueId())) {
                report(test, test.id(), new TestAttempt(Outcome.FAILED, 0, Failure.of("dev.proctor.runner.NotReported",
                        "the test was selected but its engine never reported a result"), null), Instant.now());
            }
        }
    }
}
