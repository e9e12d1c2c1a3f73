package dev.proctor.deploy.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proctor.deploy.rules.OperatorStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** helm/proctor/files/grafana-dashboard.json, read as data: its panels, PromQL targets and variables. */
public record Dashboard(JsonNode root) {
    /** {@code label_values(<selector>, <label>)} or {@code query_result(<promql>)} of a Prometheus query variable. */
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$", Pattern.DOTALL);

    /** A PromQL expression and where it is (panel title and refId, or variable name). */
    public record Query(String where, String expr) {}

    public static Path defaultPath() {
        return OperatorStack.repoRoot().resolve("helm/proctor/files/grafana-dashboard.json");
    }

    public static Dashboard load() {
        try {
            return new Dashboard(new ObjectMapper().readTree(defaultPath().toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + defaultPath(), e);
        }
    }

    /** Every panel, the panels of collapsed rows included. */
    public List<JsonNode> panels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            out.add(panel);
            for (JsonNode nested : panel.path("panels")) out.add(nested);
        }
        return out;
    }

    public List<JsonNode> variables() {
        List<JsonNode> out = new ArrayList<>();
        root.path("templating").path("list").forEach(out::add);
        return out;
    }

    /** A variable's query text: Grafana stores it as a string or as an object with a query field. */
    public static String variableQuery(JsonNode variable) {
        JsonNode q = variable.path("query");
        return q.isObject() ? q.path("query").asText("") : q.asText("");
    }

    /** The PromQL of every panel target and of every query variable (label_values' selector). */
    public List<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                out.add(new Query("panel \"" + panel.path("title").asText() + "\" target " + target.path("refId").asText(),
                        target.path("expr").asText("")));
            }
        }
        for (JsonNode variable : variables()) {
            if (!"query".equals(variable.path("type").asText())) continue;
            String query = variableQuery(variable);
            Matcher m = LABEL_VALUES.matcher(query);
            Matcher r = QUERY_RESULT.matcher(query);
            if (m.matches()) out.add(new Query("variable " + variable.path("name").asText(), m.group(1)));
            else if (r.matches()) out.add(new Query("variable " + variable.path("name").asText(), r.group(1)));
        }
        return out;
    }
}
