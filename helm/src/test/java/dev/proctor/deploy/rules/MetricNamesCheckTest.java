package dev.proctor.deploy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check MetricNamesIT makes against the real scrape, shown to catch what it must on made-up scrapes. */
class MetricNamesCheckTest {
    private final Map<String, List<String>> usedBy = MetricNamesIT.usedSeries();

    @Test
    void anEmptyScrapeMissesEveryOperatorSeriesButNotPrometheusOwnOrRecordedOnes() {
        List<String> problems = MetricNamesIT.problems(Exposition.parse(""), usedBy);
        assertThat(problems).anyMatch(p -> p.startsWith("proctor_sla_burn_rate is not exported (read by [alert ProctorSLABudgetBurning"));
        assertThat(problems).anyMatch(p -> p.startsWith("proctor_runs_finished_total is not exported"));
        assertThat(problems).noneMatch(p -> p.startsWith("up "));
        assertThat(problems).noneMatch(p -> p.startsWith("suite:"));
    }

    @Test
    void aWrongLabelOrLabelValueIsNamed() {
        Exposition scrape = Exposition.parse("""
                # TYPE proctor_runs gauge
                proctor_runs{state="Running"} 1.0
                proctor_sla_burn_rate{namespace="shop",objective="pass-rate",policy="smoke",window="1h"} NaN
                """);
        List<String> problems = MetricNamesIT.problems(scrape, usedBy);
        assertThat(problems).anyMatch(p -> p.startsWith("proctor_runs has no label phase (it has [state]"));
        assertThat(problems).anyMatch(p -> p.startsWith("proctor_sla_burn_rate{window=\"1h/5m\"} matches nothing (values seen: [1h])"));
    }

    @Test
    void readsTheTextFormat() {
        Exposition scrape = Exposition.parse("""
                # HELP proctor_tests_total Tests run, by final outcome
                # TYPE proctor_tests_total counter
                proctor_tests_total{outcome="passed",suite="a \\"quoted\\" suite"} 30.0
                proctor_run_duration_seconds_bucket{le="+Inf"} 5.0
                proctor_run_duration_seconds_count 5.0
                """);
        assertThat(scrape.labels("proctor_tests_total")).containsEntry("suite", java.util.Set.of("a \"quoted\" suite"));
        assertThat(scrape.has("proctor_run_duration_seconds_count")).isTrue();
        assertThat(scrape.labels("proctor_run_duration_seconds_bucket")).containsKey("le");
    }
}
