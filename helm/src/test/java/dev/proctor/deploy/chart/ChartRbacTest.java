package dev.proctor.deploy.chart;

import static dev.proctor.deploy.chart.RbacGrants.CLUSTER;
import static dev.proctor.deploy.chart.RbacGrants.CRDS;
import static dev.proctor.deploy.chart.RbacGrants.LEASE;
import static dev.proctor.deploy.chart.RbacGrants.SECRETS;
import static dev.proctor.deploy.chart.RbacGrants.WATCHED;
import static dev.proctor.deploy.chart.RbacGrants.union;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The exact RBAC the chart grants the operator in each mode, rule by rule: what the code needs and nothing more
 * (the server-side proof that it is enough is ChartOnControlPlaneIT, which runs the operator with this account's
 * token).
 */
class ChartRbacTest {
    private static final String NS = "proctor-system";
    static final List<String> CASES = ValueCases.ALL;

    @Test
    void allNamespacesTheOperatorsRulesAreAClusterRoleAndTheLeaseStaysInItsNamespace() {
        assertThat(RbacGrants.of(ValueCases.render("default"), NS, "proctor")).containsExactly(
                entry(CLUSTER, union(WATCHED, SECRETS, CRDS)),
                entry("ns:" + NS, LEASE));
    }

    @Test
    void watchNamespacesGrantsOnlyThereAndNothingClusterWideButTheCrdRead() {
        Rendered rendered = ValueCases.render("watch-namespaces");
        assertThat(RbacGrants.of(rendered, NS, "proctor")).containsExactly(
                entry(CLUSTER, CRDS),
                entry("ns:" + NS, LEASE),
                entry("ns:team-a", union(WATCHED, SECRETS)),
                entry("ns:team-b", union(WATCHED, SECRETS)));
        assertThat(rendered.ofKind("ClusterRoleBinding")).as("ClusterRoleBindings").extracting(Rendered::name)
                .containsExactly("proctor-proctor-system-crds");
    }

    @Test
    void secretNamespacesKeepSecretReadsOutOfTheClusterRole() {
        assertThat(RbacGrants.of(ValueCases.render("secret-namespaces"), NS, "proctor")).containsExactly(
                entry(CLUSTER, union(WATCHED, CRDS)),
                entry("ns:" + NS, LEASE),
                entry("ns:team-a", SECRETS));
        assertThat(RbacGrants.of(ValueCases.render("everything"), NS, "proctor")).containsExactly(
                entry(CLUSTER, CRDS),
                entry("ns:" + NS, LEASE),
                entry("ns:team-a", WATCHED),
                entry("ns:team-b", union(WATCHED, SECRETS)));
    }

    @Test
    void aServiceAccountTheAdminBringsGetsTheSameRules() {
        Rendered rendered = ValueCases.render("minimal");
        assertThat(rendered.ofKind("ServiceAccount")).as("no ServiceAccount is created").isEmpty();
        assertThat(RbacGrants.of(rendered, NS, "platform-proctor")).containsExactly(
                entry(CLUSTER, union(WATCHED, SECRETS, CRDS)),
                entry("ns:" + NS, LEASE));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void noWildcardsNoClusterWideSecretsWhenNamespacedAndNothingForTheRunnerAccount(String valuesCase) {
        Rendered rendered = ValueCases.render(valuesCase);
        for (JsonNode role : rendered.where(o -> Rendered.kind(o).endsWith("Role"))) {
            for (JsonNode rule : role.path("rules")) {
                for (String field : List.of("apiGroups", "resources", "verbs")) {
                    rule.path(field).forEach(v -> assertThat(v.asText()).as("%s %s %s", Rendered.kind(role), Rendered.name(role), field)
                            .isNotEqualTo("*"));
                }
            }
        }
        assertThat(rendered.bindingsOf(NS, "proctor-runner")).as("bindings of the runner account").isEmpty();
        assertThat(rendered.bindingsOf("team-a", "proctor-runner")).as("bindings of the runner account").isEmpty();
        if (!rendered.operatorEnv().containsKey("QUARKUS_OPERATOR_SDK_NAMESPACES")) return;
        for (JsonNode binding : rendered.ofKind("ClusterRoleBinding")) {
            assertThat(Rendered.ruleLines(rendered.roleOf(binding))).as("cluster-wide grant %s", Rendered.name(binding))
                    .noneMatch(line -> line.startsWith("core secrets"));
        }
    }

    @Test
    void theLeaseNameIsTheOperatorsAndLeasesAreNeverGrantedClusterWide() throws IOException {
        String source = Files.readString(Helm.repoRoot().resolve(
                "operator/src/main/java/dev/proctor/operator/config/ProctorLeaderElection.java"));
        Matcher lease = Pattern.compile("String LEASE = \"([^\"]+)\"").matcher(source);
        assertThat(lease.find()).as("ProctorLeaderElection.LEASE").isTrue();
        assertThat(LEASE).contains("coordination.k8s.io leases[" + lease.group(1) + "]: get,patch,update");
        for (String valuesCase : CASES) {
            ValueCases.render(valuesCase).ofKind("ClusterRole").forEach(role ->
                    assertThat(Rendered.ruleLines(role)).noneMatch(line -> line.contains(" leases")));
        }
    }

    @Test
    void peopleGetProctorsResourcesThroughTheBuiltInRolesButNeverTheOperatorsStatus() {
        Rendered rendered = ValueCases.render("default");
        JsonNode view = rendered.one("ClusterRole", "proctor-proctor-system-view");
        JsonNode edit = rendered.one("ClusterRole", "proctor-proctor-system-edit");
        JsonNode admin = rendered.one("ClusterRole", "proctor-proctor-system-admin");
        assertThat(view.path("metadata").path("labels").path("rbac.authorization.k8s.io/aggregate-to-view").asText()).isEqualTo("true");
        assertThat(edit.path("metadata").path("labels").has("rbac.authorization.k8s.io/aggregate-to-view")).isFalse();
        assertThat(admin.path("metadata").path("labels").has("rbac.authorization.k8s.io/aggregate-to-edit")).isFalse();
        assertThat(Rendered.ruleLines(edit)).containsExactly("proctor.dev testsuiteruns: create,delete,deletecollection,patch,update",
                "proctor.dev testsuiteschedules: create,delete,deletecollection,patch,update");
        assertThat(Rendered.ruleLines(admin)).containsExactly(
                "proctor.dev alertroutes: create,delete,deletecollection,patch,update",
                "proctor.dev slapolicies: create,delete,deletecollection,patch,update");
        assertThat(Rendered.ruleLines(view)).allMatch(line -> line.endsWith(": get,list,watch"));
        assertThat(ValueCases.render("minimal").ofKind("ClusterRole")).extracting(Rendered::name)
                .doesNotContain("proctor-proctor-system-view", "proctor-proctor-system-edit", "proctor-proctor-system-admin");
    }

    /** docs/installing.md's RBAC table lists exactly the rules the chart grants, so neither can drift. */
    @Test
    void theInstallDocsTableListsExactlyWhatTheChartGrants() throws IOException {
        List<String> rows = docsRbacRows();
        Set<String> documented = new TreeSet<>();
        for (String row : rows) {
            String[] cells = row.split("\\|", -1);
            // | where | API group | resource | names | verbs | needed by |
            String group = plain(cells[2]);
            String resource = plain(cells[3]);
            String names = plain(cells[4]).replace(" ", "");
            String verbs = String.join(",", new TreeSet<>(List.of(plain(cells[5]).replace(" ", "").split(","))));
            assertThat(cells[6].strip()).as("the 'needed by' cell of %s %s names a file", group, resource)
                    .matches(".*\\.(java|properties).*");
            String line = (group.contains("core") || group.isEmpty() ? "core" : group) + " " + resource
                    + (names.isEmpty() || "–".equals(names) ? "" : "[" + String.join(",", new TreeSet<>(List.of(names.split(",")))) + "]");
            documented.add(line + ": " + verbs);
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(union(WATCHED, SECRETS, LEASE, CRDS));
    }

    private static List<String> docsRbacRows() throws IOException {
        List<String> lines = Files.readAllLines(Helm.repoRoot().resolve("docs/installing.md"));
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("| where | API group | resource | names | verbs |")) {
                inTable = true;
                continue;
            }
            if (!inTable) continue;
            if (!line.startsWith("|")) break;
            if (line.startsWith("|---")) continue;
            rows.add(line);
        }
        assertThat(rows).as("the RBAC table in docs/installing.md").isNotEmpty();
        return rows;
    }

    private static String plain(String cell) {
        return cell.replace("`", "").replace("\"\"", "").strip();
    }
}
