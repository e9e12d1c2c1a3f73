package dev.proctor.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proctor.deploy.rules.Command;
import dev.proctor.deploy.rules.PromqlSelectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's structure: what Grafana needs to import it and what makes every panel show data. */
class GrafanaDashboardTest {
    /** $name, ${name}, ${name:format}, [[name]]. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-zA-Z0-9_]+)(?::[a-zA-Z0-9_]+)?}|\\$([a-zA-Z_][a-zA-Z0-9_]*)|\\[\\[([a-zA-Z0-9_]+)]]");
    private static final Set<String> BUILT_INS = Set.of("__interval", "__interval_ms", "__rate_interval", "__range", "__range_s",
            "__range_ms", "__from", "__to", "__all", "__dashboard", "__name", "__org", "__user", "__timeFilter");
    private static final Set<String> PANEL_TYPES = Set.of("row", "timeseries", "stat", "bargauge", "heatmap", "table", "gauge", "text");

    private final Dashboard dashboard = Dashboard.load();

    @Test
    void isAnImportableDashboard() {
        JsonNode root = dashboard.root();
        assertThat(root.path("uid").asText()).isEqualTo("proctor-overview");
        assertThat(root.path("title").asText()).isNotBlank();
        assertThat(root.path("schemaVersion").asInt()).isBetween(36, 41);
        assertThat(root.has("id") && !root.get("id").isNull()).as("no instance-specific id").isFalse();
        assertThat(root.path("tags")).extracting(JsonNode::asText).contains("proctor");
    }

    @Test
    void panelIdsAreUniqueAndPanelsKnown() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.panels()) {
            int id = panel.path("id").asInt(-1);
            assertThat(id).as("id of %s", panel.path("title").asText()).isPositive();
            assertThat(ids.add(id)).as("panel id %d is used twice", id).isTrue();
            assertThat(PANEL_TYPES).as("type of panel %s", panel.path("title").asText()).contains(panel.path("type").asText());
            assertThat(panel.path("title").asText()).isNotBlank();
        }
        assertThat(ids).hasSizeGreaterThan(10);
    }

    @Test
    void panelsFitTheGridWithoutOverlapping() {
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : dashboard.root().path("panels")) {
            JsonNode g = panel.path("gridPos");
            int x = g.path("x").asInt(-1), y = g.path("y").asInt(-1), w = g.path("w").asInt(0), h = g.path("h").asInt(0);
            assertThat(x).as("x of %s", panel.path("title").asText()).isNotNegative();
            assertThat(y).as("y of %s", panel.path("title").asText()).isNotNegative();
            assertThat(w).isPositive();
            assertThat(h).isPositive();
            assertThat(x + w).as("right edge of %s", panel.path("title").asText()).isLessThanOrEqualTo(24);
            for (int[] b : boxes) {
                boolean overlap = x < b[0] + b[2] && b[0] < x + w && y < b[1] + b[3] && b[1] < y + h;
                assertThat(overlap).as("%s overlaps another panel", panel.path("title").asText()).isFalse();
            }
            boxes.add(new int[] {x, y, w, h});
        }
    }

    @Test
    void everyPanelQueriesTheSelectedDataSource() {
        for (JsonNode panel : dashboard.panels()) {
            if ("row".equals(panel.path("type").asText())) continue;
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as("data source of %s", title).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as("queries of %s", title).isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as("query of %s", title).isNotBlank();
                assertThat(refIds.add(target.path("refId").asText())).as("refIds of %s are unique", title).isTrue();
                assertThat(target.path("datasource").path("uid").asText()).as("data source of %s", title).isEqualTo("${datasource}");
                assertThat(PromqlSelectors.metricNames(target.path("expr").asText())).as("metrics of %s", title).isNotEmpty();
            }
        }
    }

    @Test
    void everyVariableUsedIsDefinedBeforeItIsUsedAndEveryVariableIsUsed() {
        List<String> defined = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (JsonNode variable : dashboard.variables()) {
            String name = variable.path("name").asText();
            for (String ref : references(Dashboard.variableQuery(variable))) {
                assertThat(defined).as("variable %s uses $%s, which must be defined before it", name, ref).contains(ref);
                used.add(ref);
            }
            if (variable.has("datasource")) {
                for (String ref : references(variable.path("datasource").path("uid").asText())) {
                    assertThat(defined).as("data source of variable %s", name).contains(ref);
                    used.add(ref);
                }
            }
            defined.add(name);
        }
        assertThat(defined).contains("datasource", "namespace", "suite");
        for (JsonNode panel : dashboard.panels()) {
            List<String> texts = new ArrayList<>(List.of(panel.path("title").asText(), panel.path("datasource").path("uid").asText()));
            for (JsonNode target : panel.path("targets")) {
                texts.add(target.path("expr").asText());
                texts.add(target.path("legendFormat").asText());
                texts.add(target.path("datasource").path("uid").asText());
            }
            for (String text : texts) {
                for (String ref : references(text)) {
                    assertThat(defined).as("panel \"%s\" uses $%s", panel.path("title").asText(), ref).contains(ref);
                    used.add(ref);
                }
            }
        }
        assertThat(used).as("variables nothing uses").containsAll(defined);
    }

    @Test
    void everyQueryIsValidPromql(@TempDir Path dir) throws IOException {
        // promtool parses PromQL when it checks rules: one recording rule per query, with the variables filled in
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<Dashboard.Query> queries = dashboard.queries();
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard_query_").append(i).append("\n        expr: |\n");
            for (String line : substituted(queries.get(i).expr()).split("\n")) rules.append("          ").append(line).append('\n');
        }
        Path file = dir.resolve("dashboard-queries.yaml");
        Files.writeString(file, rules);
        Command check = Command.run(dir, Command.require("promtool", "prometheus").toString(), "check", "rules", file.toString());
        assertThat(check.exitCode()).as("promtool check rules on the dashboard's queries:\n%s\n%s", check.output(), rules).isZero();
        assertThat(check.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    /** Variables as Grafana fills them in: intervals become durations, the rest regex values. */
    static String substituted(String expr) {
        return expr.replace("$__rate_interval", "5m").replace("$__interval", "1m").replace("$__range", "1d")
                .replaceAll("\\$\\{[a-zA-Z0-9_]+(:[a-zA-Z0-9_]+)?}|\\$[a-zA-Z_][a-zA-Z0-9_]*", ".*");
    }

    private static Set<String> references(String text) {
        Set<String> refs = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (!BUILT_INS.contains(name)) refs.add(name);
        }
        return refs;
    }
}
