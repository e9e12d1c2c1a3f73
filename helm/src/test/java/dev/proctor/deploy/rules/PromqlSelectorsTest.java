package dev.proctor.deploy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.deploy.rules.PromqlSelectors.Selector;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The metric-name extraction MetricNamesIT relies on: names found, everything else ignored. */
class PromqlSelectorsTest {
    @Test
    void findsMetricsButNotFunctionsAggregationsKeywordsOrLabelLists() {
        String expr = """
                sum by (job, controller) (increase(proctor_reconcile_errors_total{controller!="x"}[15m])) > 5
                unless on (job) group_left(suite) sum without (phase) (rate(proctor_runs_finished_total[2h] offset 1h))
                or absent(up{job=~".*proctor.*"}) and vector(1) > bool 0.5e-3 or max(x:recorded:ratio) by (le)
                """;
        assertThat(PromqlSelectors.metricNames(expr)).containsExactly(
                "proctor_reconcile_errors_total", "proctor_runs_finished_total", "up", "x:recorded:ratio");
    }

    @Test
    void readsTheLabelNamesOfMatchers() {
        assertThat(PromqlSelectors.of("proctor_runs{phase=~\"Pending|Running\", job = \"proctor\"} > 0"))
                .containsExactly(new Selector("proctor_runs", Set.of("phase", "job"), Map.of("job", "proctor")));
        assertThat(PromqlSelectors.of("{__name__=\"proctor_tests_total\", outcome=\"flaky\"}"))
                .containsExactly(new Selector("proctor_tests_total", Set.of("outcome"), Map.of("outcome", "flaky")));
    }

    @Test
    void ignoresStringsCommentsDurationsSubqueriesAndGrafanaVariables() {
        String expr = """
                # proctor_commented_out_total
                histogram_quantile(0.95, sum by (le) (rate(proctor_run_duration_seconds_bucket{job=~"$job", suite=~"${suite:regex}"}[$__rate_interval])))
                + label_replace(max_over_time(proctor_sla_burn_rate{window="1h/5m"}[1d:5m] @ end()), "dst", "$1 not_a_metric", "src", "(.*)")
                * on() group_right() count_values("le", proctor_runs offset -30m) / scalar(time() - 1e3) + Inf - NaN
                """;
        assertThat(PromqlSelectors.metricNames(expr)).containsExactly(
                "proctor_run_duration_seconds_bucket", "proctor_sla_burn_rate", "proctor_runs");
    }

    @Test
    void aggregationWithTheGroupingAfterItsArgument() {
        assertThat(PromqlSelectors.metricNames("topk(5, sum(increase(proctor_tests_total{outcome=\"flaky\"}[1d])) by (suite))"))
                .containsExactly("proctor_tests_total");
    }
}
