package dev.proctor.deploy.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the chart grants a ServiceAccount, per scope ("cluster" or "ns:&lt;namespace&gt;"), as
 * {@link Rendered#ruleLines} lines; and the table of rules the operator's code needs (docs/installing.md lists the
 * same lines with the code path behind each).
 */
final class RbacGrants {
    static final String CLUSTER = "cluster";

    /** The operator's rules wherever it watches (TestSuiteRun, SLAPolicy, AlertRoute controllers). */
    static final Set<String> WATCHED = Set.of(
            "proctor.dev testsuiteruns: create,delete,get,list,patch,watch",
            "proctor.dev testsuiteruns/status: patch",
            "proctor.dev testsuiteruns/finalizers: update",
            "proctor.dev testsuiteschedules: get,list,patch,watch",
            "proctor.dev testsuiteschedules/status: patch",
            "proctor.dev testsuiteschedules/finalizers: update",
            "proctor.dev slapolicies: list,watch",
            "proctor.dev slapolicies/status: patch",
            "proctor.dev alertroutes: list,watch",
            "proctor.dev alertroutes/status: patch",
            "batch jobs: create,delete,get,list,watch",
            "core pods: list,watch",
            "core configmaps: create,get,update",
            "core events: create");
    /** Receivers' Secrets: watched namespaces, or only rbac.secretNamespaces. */
    static final Set<String> SECRETS = Set.of("core secrets: get");
    /** Leader election, in the release namespace only. */
    static final Set<String> LEASE = Set.of(
            "coordination.k8s.io leases: create",
            "coordination.k8s.io leases[proctor-operator]: get,patch,update");
    /** The one cluster-scoped grant in every mode: each controller reads its CRD at start-up. */
    static final Set<String> CRDS = Set.of(
            "apiextensions.k8s.io customresourcedefinitions[alertroutes.proctor.dev,slapolicies.proctor.dev,testsuiteruns.proctor.dev,"
                    + "testsuiteschedules.proctor.dev]: get");

    private RbacGrants() {}

    static Map<String, Set<String>> of(Rendered rendered, String saNamespace, String saName) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (JsonNode binding : rendered.bindingsOf(saNamespace, saName)) {
            String scope = "ClusterRoleBinding".equals(Rendered.kind(binding)) ? CLUSTER : "ns:" + Rendered.namespace(binding);
            grants.computeIfAbsent(scope, s -> new TreeSet<>()).addAll(Rendered.ruleLines(rendered.roleOf(binding)));
        }
        return grants;
    }

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> s : sets) all.addAll(s);
        return all;
    }
}
