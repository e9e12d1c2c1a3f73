package dev.proctor.runner.launch;

import dev.proctor.runner.report.EventLog;
import dev.proctor.runner.report.Failure;
import dev.proctor.runner.report.Outcome;
import dev.proctor.runner.report.TestAttempt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Listens to one execution and turns it into one {@link TestAttempt} per planned test.
 *
 * <p>Engines report more than the planned tests, and the listener folds that back: invocations of a
 * parameterized method count towards the method (any failed invocation fails it); a failed class lifecycle
 * ({@code @BeforeAll}, {@code @AfterAll}) fails the planned tests under it, which the engine may never have
 * started; a failed engine is a runner error, not a test failure. Each planned test's start and end are logged.
 */
final class AttemptRecorder implements TestExecutionListener {
    private final Map<String, DiscoveredTest> planned;
    private final EventLog log;
    private final int tryNumber;
    private final long timeoutMillis;
    private final Map<String, Long> startedAt = new HashMap<>();
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private final Map<String, Failure> failures = new HashMap<>();
    private final Map<String, Long> millis = new HashMap<>();
    private final Map<String, List<Map<String, String>>> entries = new HashMap<>();
    private final List<String> engineFailures = new ArrayList<>();
    private TestPlan plan;

    /** @param timeoutMillis per-test limit, 0 for none; a test over it fails even if its engine has no timeouts */
    AttemptRecorder(List<DiscoveredTest> planned, EventLog log, int tryNumber, long timeoutMillis) {
        this.planned = new LinkedHashMap<>();
        planned.forEach(test -> this.planned.put(test.uniqueId(), test));
        this.log = log;
        this.tryNumber = tryNumber;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier node) {
        DiscoveredTest test = planned.get(node.getUniqueId());
        if (test == null) return;
        startedAt.put(node.getUniqueId(), System.nanoTime());
        log.event("test.started", "test", test.id().methodKey(), "uniqueId", node.getUniqueId(), "try", tryNumber);
    }

    @Override
    public void executionSkipped(TestIdentifier node, String reason) {
        for (String id : plannedAtOrBelow(node)) {
            if (!outcomes.containsKey(id)) {
                outcomes.put(id, Outcome.SKIPPED);
                failures.put(id, Failure.of("skipped", reason));
                millis.put(id, 0L);
                logFinished(id);
            }
        }
    }

    @Override
    public void executionFinished(TestIdentifier node, TestExecutionResult result) {
        String uniqueId = node.getUniqueId();
        if (planned.containsKey(uniqueId)) {
            finishPlanned(uniqueId, result);
            return;
        }
        Optional<String> owner = plannedAncestor(node);
        if (owner.isPresent()) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                failures.putIfAbsent(owner.get(), failure(result).prefixed(node.getDisplayName()));
            }
            return;
        }
        if (result.getStatus() != TestExecutionResult.Status.FAILED) return;
        if (plan.getParent(node).isEmpty()) {
            engineFailures.add("engine '" + node.getDisplayName() + "' failed: " + failure(result).message());
            return;
        }
        Failure cause = failure(result).prefixed(node.getDisplayName() + " failed");
        for (String id : plannedAtOrBelow(node)) {
            if (outcomes.get(id) != Outcome.FAILED) {
                outcomes.put(id, Outcome.FAILED);
                failures.put(id, cause);
                millis.putIfAbsent(id, 0L);
                logFinished(id);
            }
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier node, ReportEntry entry) {
        String id = planned.containsKey(node.getUniqueId()) ? node.getUniqueId() : plannedAncestor(node).orElse(null);
        if (id != null) entries.computeIfAbsent(id, k -> new ArrayList<>()).add(Map.copyOf(entry.getKeyValuePairs()));
    }

    private void finishPlanned(String uniqueId, TestExecutionResult result) {
        Long start = startedAt.get(uniqueId);
        long took = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        millis.put(uniqueId, took);
        Outcome outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> failures.containsKey(uniqueId) ? Outcome.FAILED : Outcome.PASSED;
            case ABORTED -> Outcome.SKIPPED;
            case FAILED -> Outcome.FAILED;
        };
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) failures.put(uniqueId, failure(result));
        if (outcome == Outcome.PASSED && timeoutMillis > 0 && took > timeoutMillis) {
            outcome = Outcome.FAILED;
            failures.put(uniqueId, Failure.timeout(timeoutMillis, took));
        }
        outcomes.put(uniqueId, outcome);
        logFinished(uniqueId);
    }

    private void logFinished(String uniqueId) {
        Failure failure = failures.get(uniqueId);
        log.event("test.finished", "test", planned.get(uniqueId).id().methodKey(), "uniqueId", uniqueId,
                "try", tryNumber, "status", outcomes.get(uniqueId).name(), "millis", millis.get(uniqueId),
                "message", failure == null ? null : failure.message());
    }

    private List<String> plannedAtOrBelow(TestIdentifier node) {
        List<String> ids = new ArrayList<>();
        if (planned.containsKey(node.getUniqueId())) ids.add(node.getUniqueId());
        for (TestIdentifier descendant : plan.getDescendants(node)) {
            if (planned.containsKey(descendant.getUniqueId())) ids.add(descendant.getUniqueId());
        }
        return ids;
    }

    private Optional<String> plannedAncestor(TestIdentifier node) {
        Optional<TestIdentifier> parent = plan.getParent(node);
        while (parent.isPresent()) {
            if (planned.containsKey(parent.get().getUniqueId())) return Optional.of(parent.get().getUniqueId());
            parent = plan.getParent(parent.get());
        }
        return Optional.empty();
    }

    private static Failure failure(TestExecutionResult result) {
        return result.getThrowable().map(Failure::of)
                .orElseGet(() -> Failure.of("java.lang.AssertionError", "failed without an exception"));
    }

    /** Engine failures seen during the execution; non-empty means the runner itself must report an error. */
    List<String> engineFailures() {
        return List.copyOf(engineFailures);
    }

    /** One attempt per planned test; a test the engine never reported counts as failed, with that reason. */
    Map<String, TestAttempt> attempts() {
        Map<String, TestAttempt> attempts = new LinkedHashMap<>();
        for (String id : planned.keySet()) {
            Outcome outcome = outcomes.get(id);
            if (outcome == null) {
                attempts.put(id, new TestAttempt(Outcome.FAILED, 0, Failure.of("dev.proctor.runner.NotReported",
                        "the test was selected but its engine never reported a result"), entries.get(id)));
            } else {
                attempts.put(id, new TestAttempt(outcome, millis.getOrDefault(id, 0L), failures.get(id), entries.get(id)));
            }
        }
        return attempts;
    }
}
