package dev.proctor.deploy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.deploy.dashboard.Dashboard;
import dev.proctor.deploy.rules.PromqlSelectors.Selector;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.InsecureHttp;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every series the Prometheus rules and the Grafana dashboard read is one the packaged operator really exports:
 * the operator runs against the real control plane, {@link MetricScenario} makes every labelled series exist, and
 * the names (and the label names and equality values of their matchers) are checked against its /q/metrics.
 */
@WithControlPlane
class MetricNamesIT {
    /** Series Prometheus makes itself; no exporter has them. */
    static final Set<String> MADE_BY_PROMETHEUS = Set.of("up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds",
            "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added");
    /** Labels Prometheus puts on every series of a target discovered through the chart's ServiceMonitor. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance", "pod", "service", "endpoint", "container");
    /**
     * Series the scenario cannot bring into existence, with the reason. Empty: every series the rules and the
     * dashboard read is produced here. (Ones that only appear after an event: proctor_reconcile_errors_total and
     * operator_sdk_reconciliations_failed_total after a failing reconcile, proctor_notifications_failed_total after
     * a failed delivery, proctor_notification_retries_total after a delivery that needed a retry: the scenario
     * provokes each.)
     */
    static final Map<String, String> NOT_PRODUCED_HERE = Map.of();

    @Test
    void everySeriesTheRulesAndTheDashboardReadIsExported(KubernetesClient client, TestNamespace ns, ControlPlane plane) throws IOException {
        OperatorStack stack = OperatorStack.get();
        Map<String, List<String>> usedBy = usedSeries();
        String blocked = ns.name() + "-refused";
        plane.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(blocked).endMetadata().build()).create();
        try (WebhookSink sink = new WebhookSink()) {
            MetricScenario.start(client, ns.name(), blocked, sink);
            MetricScenario.awaitEffects(client, ns.name(), sink);

            String scrape;
            try {
                scrape = MetricScenario.await("the operator to export every series the rules and the dashboard read",
                        () -> InsecureHttp.get(stack.operator.metricsUrl(), null).body(),
                        body -> problems(Exposition.parse(body), usedBy).isEmpty());
            } catch (AssertionError | IllegalStateException timedOut) { // Poll gives up with the latter
                scrape = InsecureHttp.get(stack.operator.metricsUrl(), null).body(); // the assertion below names what is missing
            }
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/operator-metrics.txt"), scrape);
            Exposition exported = Exposition.parse(scrape);
            report(exported, usedBy);
            assertThat(problems(exported, usedBy)).as("series the rules or the dashboard read but the operator does not export").isEmpty();
            // bounded cardinality: the Operator SDK's series are per controller, never per run (OperatorSdkMetrics)
            assertThat(exported.series()).as("Operator SDK series labelled with a resource's name or namespace")
                    .allSatisfy((metric, labels) -> {
                        if (metric.startsWith("operator_sdk_")) assertThat(labels).doesNotContainKeys("name", "namespace");
                    });
        } finally {
            MetricScenario.allowJobs(plane.client(), blocked);
            plane.client().namespaces().withName(blocked).delete();
        }
    }

    /** Metric name → where it is read ("rule X", "panel Y"), for every selector of the rules and the dashboard. */
    static Map<String, List<String>> usedSeries() {
        Map<String, List<String>> usedBy = new TreeMap<>();
        RulesFile rules = RulesFile.load();
        for (RulesFile.Rule rule : rules.rules()) {
            String where = rule.alert() != null ? "alert " + rule.alert() : "recording rule " + rule.record();
            for (String metric : PromqlSelectors.metricNames(rule.expr())) usedBy.computeIfAbsent(metric, k -> new ArrayList<>()).add(where);
        }
        for (Dashboard.Query query : Dashboard.load().queries()) {
            for (String metric : PromqlSelectors.metricNames(query.expr())) {
                usedBy.computeIfAbsent(metric, k -> new ArrayList<>()).add("dashboard " + query.where());
            }
        }
        assertThat(usedBy).as("metrics read by the rules and the dashboard").hasSizeGreaterThan(10);
        return usedBy;
    }

    /** Every selector whose metric, matcher label or equality value the operator does not export, with where it is. */
    static List<String> problems(Exposition exported, Map<String, List<String>> usedBy) {
        Set<String> recorded = RulesFile.load().recordedNames();
        List<String> problems = new ArrayList<>();
        List<Selector> selectors = new ArrayList<>();
        RulesFile.load().rules().forEach(r -> selectors.addAll(PromqlSelectors.of(r.expr())));
        Dashboard.load().queries().forEach(q -> selectors.addAll(PromqlSelectors.of(q.expr())));
        for (Selector s : selectors) {
            String metric = s.metric();
            if (MADE_BY_PROMETHEUS.contains(metric) || recorded.contains(metric) || NOT_PRODUCED_HERE.containsKey(metric)) continue;
            if (!exported.has(metric)) {
                problems.add(metric + " is not exported (read by " + usedBy.get(metric) + ")");
                continue;
            }
            Map<String, Set<String>> labels = exported.labels(metric);
            for (String label : s.labels()) {
                if (TARGET_LABELS.contains(label)) continue;
                if (!labels.containsKey(label)) {
                    problems.add(metric + " has no label " + label + " (it has " + labels.keySet() + "; read by " + usedBy.get(metric) + ")");
                }
            }
            s.equalities().forEach((label, value) -> {
                if (TARGET_LABELS.contains(label) || value.contains("$") || !labels.containsKey(label)) return;
                if (!labels.get(label).contains(value)) {
                    problems.add(metric + "{" + label + "=\"" + value + "\"} matches nothing (values seen: " + labels.get(label) + ")");
                }
            });
        }
        return new ArrayList<>(new TreeSet<>(problems));
    }

    private static void report(Exposition exported, Map<String, List<String>> usedBy) {
        StringBuilder out = new StringBuilder("metric names read by the rules and the dashboard:\n");
        usedBy.forEach((metric, where) -> out.append(String.format("  %-55s %-28s %s%n", metric,
                exported.has(metric) ? "exported" : MADE_BY_PROMETHEUS.contains(metric) ? "made by Prometheus"
                        : RulesFile.load().recordedNames().contains(metric) ? "recorded by the rules" : "NOT EXPORTED",
                new TreeSet<>(where.stream().map(w -> w.startsWith("dashboard") ? "dashboard" : w).toList()))));
        System.out.println(out);
    }
}
