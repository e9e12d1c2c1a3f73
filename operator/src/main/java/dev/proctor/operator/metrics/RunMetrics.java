package dev.proctor.operator.metrics;

import dev.proctor.core.run.RunPhase;
import dev.proctor.core.run.RunVerdict;
import dev.proctor.core.run.ShardState;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operator's run metrics. Names are part of the product (dashboards and alert rules use them):
 * proctor_runs{phase}, proctor_runs_finished_total{suite,phase}, proctor_run_duration_seconds,
 * proctor_shard_duration_seconds, proctor_tests_total{suite,outcome}, proctor_reconcile_errors_total.
 */
@ApplicationScoped
public class RunMetrics {
    private static final double[] DURATION_BUCKETS = {5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200};

    private final MeterRegistry registry;
    private final DistributionSummary runDuration;
    private final DistributionSummary shardDuration;
    private volatile Supplier<Stream<TestSuiteRun>> runs = Stream::empty;

    public RunMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.runDuration = DistributionSummary.builder("proctor.run.duration").baseUnit("seconds")
                .description("Wall-clock duration of finished runs").serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
        this.shardDuration = DistributionSummary.builder("proctor.shard.duration").baseUnit("seconds")
                .description("Duration of finished shard attempts").serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
        // A gauge left by an earlier instance (tests restart the app on one global registry) would keep reading
        // that instance's cache: replace it.
        registry.find("proctor.runs").gauges().forEach(registry::remove);
        for (RunPhase phase : RunPhase.values()) {
            Gauge.builder("proctor.runs", () -> count(phase)).tag("phase", phase.name())
                    .description("TestSuiteRuns known to the operator, by phase").register(registry);
        }
    }

    /** Lets the runs-by-phase gauge read the controller's cache at scrape time instead of keeping a copy. */
    public void watch(Supplier<Stream<TestSuiteRun>> cachedRuns) {
        this.runs = cachedRuns;
    }

    private double count(RunPhase phase) {
        return runs.get().filter(r -> r.getStatus() != null && r.getStatus().phase == phase).count();
    }

    public void finished(TestSuiteRun run, RunVerdict verdict, long durationSeconds, List<ShardState> shards) {
        String suite = run.getSpec().suite;
        Counter.builder("proctor.runs.finished").tag("suite", suite).tag("phase", verdict.phase().name())
                .description("Runs that reached a final phase").register(registry).increment();
        runDuration.record(durationSeconds);
        for (ShardState s : shards) {
            if (s.startedAt() != null && s.finishedAt() != null) {
                shardDuration.record(java.time.Duration.between(s.startedAt(), s.finishedAt()).toMillis() / 1000.0);
            }
        }
        RunVerdict.Totals t = verdict.totals();
        tests(suite, "passed", t.passed());
        tests(suite, "failed", t.failed());
        tests(suite, "skipped", t.skipped());
        tests(suite, "flaky", t.flaky());
    }

    private void tests(String suite, String outcome, int count) {
        Counter.builder("proctor.tests").tag("suite", suite).tag("outcome", outcome)
                .description("Tests run, by final outcome").register(registry).increment(count);
    }

    public void reconcileError(String controller) {
        reconcileErrors(controller).increment();
    }

    /**
     * Registers a controller's error counter at 0 when it starts: Prometheus' {@code increase()} cannot see the
     * first error of a series that appears with it, so the alert on rising errors would miss it.
     */
    public void controllerStarted(String controller) {
        reconcileErrors(controller);
    }

    private Counter reconcileErrors(String controller) {
        return Counter.builder("proctor.reconcile.errors").tag("controller", controller)
                .description("Reconciles that ended with an exception").register(registry);
    }
}
