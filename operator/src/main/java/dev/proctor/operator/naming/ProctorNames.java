package dev.proctor.operator.naming;

import dev.proctor.core.plan.RunnerContract;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import java.util.Map;
import java.util.TreeMap;

/** Every name, label and annotation Proctor puts on the objects it creates, in one place. */
public final class ProctorNames {
    public static final String PREFIX = "proctor.dev/";
    public static final String LABEL_RUN = PREFIX + "run";
    public static final String LABEL_SUITE = PREFIX + "suite";
    public static final String LABEL_SHARD = PREFIX + "shard";
    public static final String LABEL_ATTEMPT = PREFIX + "attempt";
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "proctor";
    /** On every run a TestSuiteSchedule made: the schedule's name (SLA policies and kubectl select on it). */
    public static final String LABEL_SCHEDULE = PREFIX + "schedule";
    /** The slot a scheduled run was made for (RFC 3339), or when a manual run was asked for. */
    public static final String ANNOTATION_SCHEDULED_AT = PREFIX + "scheduled-at";
    /** {@code schedule} or {@code manual} (the run-now annotation). */
    public static final String ANNOTATION_TRIGGER = PREFIX + "trigger";
    public static final String ANNOTATION_PLAN = PREFIX + "plan";
    public static final String ANNOTATION_RUN_UID = PREFIX + "run-uid";
    public static final String PLAN_KEY = RunnerContract.PLAN_KEY;
    public static final String HISTORY_KEY = "history.json";
    public static final String PLAN_MOUNT = RunnerContract.PLAN_DIR;
    public static final String ARTIFACTS_MOUNT = RunnerContract.DEFAULT_ARTIFACTS_DIR;
    public static final String TERMINATION_LOG = RunnerContract.DEFAULT_TERMINATION_LOG;
    public static final String RUNNER_CONTAINER = "runner";
    /** A namespace's default artifact store for runs that set none: this ConfigMap, key {@link #STORE_KEY}. */
    public static final String NAMESPACE_STORE_CONFIGMAP = "proctor-artifact-store";
    /** The key holding the default store, in the shape of a run's {@code spec.artifacts.store}, as YAML or JSON. */
    public static final String STORE_KEY = "store.yaml";

    private ProctorNames() {}

    /** {@code <run>-shard-<i>} for the first attempt, {@code <run>-shard-<i>-a<k>} after. */
    public static String jobName(String run, int shard, int attempt) {
        return attempt == 0 ? run + "-shard-" + shard : run + "-shard-" + shard + "-a" + attempt;
    }

    /**
     * The folder in the artifact store that one shard attempt uploads to: {@code <prefix>/<namespace>/<run>/shard-<i>/
     * attempt-<k>/} ({@code <prefix>/} left out when the store sets none). Attempts never share a folder, so a retry
     * never overwrites what the failed attempt left.
     */
    public static String artifactsKeyPrefix(String storePrefix, String namespace, String run, int shard, int attempt) {
        return artifactsRunPrefix(storePrefix, namespace, run) + "shard-" + shard + "/attempt-" + attempt + "/";
    }

    /** The run's folder in the artifact store, ending in '/'. */
    public static String artifactsRunPrefix(String storePrefix, String namespace, String run) {
        String prefix = storePrefix == null ? "" : storePrefix.replaceAll("^/+|/+$", "");
        return (prefix.isEmpty() ? "" : prefix + "/") + namespace + "/" + run + "/";
    }

    /** The run's reporter Job: one per run, created once the verdict is in. */
    public static String reportJob(String run) {
        return run + "-report";
    }

    /**
     * The suite's trend file in the store, {@code <prefix>/<namespace>/_suites/<suite>/trend.json}: beside the runs'
     * folders, in a name no run can take ({@code _} is not allowed in a Kubernetes name).
     */
    public static String trendKey(String storePrefix, String namespace, String suite) {
        String prefix = storePrefix == null ? "" : storePrefix.replaceAll("^/+|/+$", "");
        return (prefix.isEmpty() ? "" : prefix + "/") + namespace + "/_suites/" + suite + "/trend.json";
    }

    public static Map<String, String> reportLabels(TestSuiteRun run) {
        Map<String, String> labels = runLabels(run);
        labels.put(LABEL_COMPONENT, "report");
        return labels;
    }

    public static String planConfigMap(String run) {
        return run + "-plan";
    }

    public static String historyConfigMap(String suite) {
        return "proctor-history-" + suite;
    }

    /** Labels on everything a run owns; the operator's informers select on {@link #LABEL_RUN}. */
    public static Map<String, String> runLabels(TestSuiteRun run) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_RUN, run.getMetadata().getName());
        labels.put(LABEL_SUITE, run.getSpec().suite);
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        return labels;
    }

    /**
     * The labels SLA policies select a run by: its own labels plus {@link #LABEL_SUITE} from spec.suite, so a
     * policy can select a suite without every manifest repeating the label.
     */
    public static Map<String, String> selectionLabels(TestSuiteRun run) {
        Map<String, String> labels = new TreeMap<>();
        if (run.getMetadata().getLabels() != null) labels.putAll(run.getMetadata().getLabels());
        if (run.getSpec() != null && run.getSpec().suite != null) labels.putIfAbsent(LABEL_SUITE, run.getSpec().suite);
        return labels;
    }

    public static Map<String, String> shardLabels(TestSuiteRun run, int shard, int attempt) {
        Map<String, String> labels = runLabels(run);
        labels.put(LABEL_SHARD, Integer.toString(shard));
        labels.put(LABEL_ATTEMPT, Integer.toString(attempt));
        labels.put(LABEL_COMPONENT, "shard");
        return labels;
    }
}
