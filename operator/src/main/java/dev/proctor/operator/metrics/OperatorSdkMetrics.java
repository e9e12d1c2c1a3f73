package dev.proctor.operator.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The Operator SDK's own metrics (reconciliations started, failed, retried, queue size — per controller), without
 * its per-resource series. Those carry each run's name and namespace: about 80 series per TestSuiteRun, most of
 * them timer buckets, kept for as long as the operator runs (575 of 853 scraped series came from six runs), so a
 * CI cluster creating thousands of runs would grow the scrape without limit. Replaces the extension's default
 * (which collects per resource); Proctor's own metrics are per suite, never per run.
 */
@Singleton
public class OperatorSdkMetrics implements MeterBinder {
    private Metrics metrics = Metrics.NOOP;

    @Override
    public void bindTo(MeterRegistry registry) {
        metrics = MicrometerMetrics.withoutPerResourceMetrics(registry);
    }

    @Produces
    @Singleton
    public Metrics metrics() {
        return metrics;
    }
}
