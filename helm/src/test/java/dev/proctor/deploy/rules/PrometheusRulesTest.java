package dev.proctor.deploy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRule content under promtool: it parses (check rules), and the unit tests in
 * src/test/resources/prometheus pass (test rules) and cover every alert firing and not firing and every
 * recording rule.
 */
class PrometheusRulesTest {
    private static final Path TESTS = OperatorStack.repoRoot().resolve("helm/src/test/resources/prometheus");
    private static Path promtool;
    private static RulesFile rules;

    @BeforeAll
    static void setUp() {
        promtool = Command.require("promtool", "prometheus");
        rules = RulesFile.load();
    }

    static List<Path> testFiles() throws IOException {
        try (Stream<Path> files = Files.list(TESTS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".test.yaml")).sorted().toList();
        }
    }

    @Test
    void theRulesParse() {
        Command check = Command.run(TESTS, promtool.toString(), "check", "rules", RulesFile.defaultPath().toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + rules.rules().size() + " rules found");
    }

    @Test
    void thePromtoolUnitTestsPass() throws IOException {
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
        List<Path> files = testFiles();
        assertThat(files).isNotEmpty();
        files.forEach(f -> command.add(f.getFileName().toString()));
        Command test = Command.run(TESTS, java.util.Map.of(), java.time.Duration.ofMinutes(2), command);
        assertThat(test.exitCode()).as("promtool test rules failed:\n%s", test.output()).isZero();
        assertThat(test.output()).doesNotContain("FAILED");
        for (Path f : files) assertThat(test.output()).contains("Unit Testing:  " + f.getFileName());
    }

    @Test
    void promtoolReportsAWrongExpectationAsAFailure(@TempDir Path dir) throws IOException {
        // guards the check above: a test that expects the wrong thing must make promtool exit non-zero
        Path wrong = dir.resolve("wrong.test.yaml");
        Files.writeString(wrong, """
                rule_files: [%s]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'up{job="proctor", instance="a"}'
                        values: '1x20'
                    alert_rule_test:
                      - eval_time: 15m
                        alertname: ProctorOperatorDown
                        exp_alerts:
                          - exp_labels: {severity: critical, job: proctor}
                """.formatted(RulesFile.defaultPath()));
        Command test = Command.run(wrong.getParent(), promtool.toString(), "test", "rules", wrong.toString());
        assertThat(test.exitCode()).as(test.output()).isNotZero();
        assertThat(test.output()).contains("FAILED");
    }

    @Test
    void everyTestFileReadsTheChartsRules() throws IOException {
        for (Path f : testFiles()) {
            JsonNode test = RulesFile.YAML.readTree(f.toFile());
            assertThat(test.path("rule_files")).as(f.toString()).hasSize(1);
            assertThat(f.getParent().resolve(test.path("rule_files").get(0).asText()).normalize())
                    .as("rule file of %s", f).isEqualTo(RulesFile.defaultPath().normalize());
        }
    }

    @Test
    void everyAlertIsTestedFiringAndNotFiringAndEveryRecordingRuleIsTested() throws IOException {
        Set<String> firing = new HashSet<>();
        Set<String> silent = new HashSet<>();
        Set<String> recorded = new HashSet<>();
        for (Path f : testFiles()) {
            for (JsonNode test : RulesFile.YAML.readTree(f.toFile()).path("tests")) {
                for (JsonNode c : test.path("alert_rule_test")) {
                    String alert = c.path("alertname").asText();
                    assertThat(rules.alertNames()).as("%s tests an alert the rules do not define", f.getFileName()).contains(alert);
                    (c.path("exp_alerts").isEmpty() ? silent : firing).add(alert);
                }
                for (JsonNode c : test.path("promql_expr_test")) {
                    recorded.addAll(PromqlSelectors.metricNames(c.path("expr").asText()));
                }
            }
        }
        assertThat(firing).as("alerts tested firing").containsAll(rules.alertNames());
        assertThat(silent).as("alerts tested not firing").containsAll(rules.alertNames());
        assertThat(recorded).as("recording rules tested").containsAll(rules.recordedNames());
    }

    @Test
    void everyAlertSaysHowBadAndWhat() throws IOException {
        JsonNode root = RulesFile.YAML.readTree(RulesFile.defaultPath().toFile());
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (!rule.has("alert")) continue;
                assertThat(rule.path("labels").path("severity").asText()).as(rule.path("alert").asText())
                        .isIn("critical", "warning", "info");
                assertThat(rule.path("annotations").path("summary").asText()).as(rule.path("alert").asText()).isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).as(rule.path("alert").asText()).isNotBlank();
            }
        }
    }
}
