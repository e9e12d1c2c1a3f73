package dev.proctor.operator.run;

import dev.proctor.core.plan.Granularity;
import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.plan.RunPlanCodec;
import dev.proctor.core.plan.Strategy;
import dev.proctor.core.run.RunSettings;
import dev.proctor.core.run.SuiteHistory;
import dev.proctor.operator.api.v1alpha1.EnvironmentSpec;
import dev.proctor.operator.api.v1alpha1.RetriesSpec;
import dev.proctor.operator.api.v1alpha1.ShardingSpec;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunSpec;
import dev.proctor.operator.api.v1alpha1.TestsSpec;
import dev.proctor.operator.config.ProctorConfig;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Pure builders for a run's plan, the objects that carry it, and the settings of its decision. */
public final class RunPlans {
    private RunPlans() {}

    public static RunPlan plan(TestSuiteRun run, SuiteHistory history) {
        TestSuiteRunSpec spec = run.getSpec();
        ShardingSpec sharding = spec.sharding == null ? new ShardingSpec() : spec.sharding;
        TestsSpec tests = spec.tests == null ? new TestsSpec() : spec.tests;
        EnvironmentSpec env = spec.environment == null ? new EnvironmentSpec() : spec.environment;
        Set<String> secretEnv = new TreeSet<>();
        if (env.secrets != null) env.secrets.forEach(s -> secretEnv.add(s.name));
        return new RunPlan(RunPlan.SCHEMA, run.getMetadata().getName(), spec.suite, shards(run),
                sharding.strategy == null ? Strategy.DURATION_BALANCED : sharding.strategy,
                sharding.granularity == null ? Granularity.CLASS : sharding.granularity,
                orEmpty(tests.packages), orEmpty(tests.classes), tests.tags, Set.copyOf(orEmpty(tests.only)),
                tests.retries == null ? 0 : tests.retries, tests.timeout,
                new TreeMap<>(history.durations()),
                new RunPlan.Environment(env.name, env.region, env.baseUrl,
                        env.flags == null ? Map.of() : new TreeMap<>(env.flags),
                        env.variables == null ? Map.of() : new TreeMap<>(env.variables)),
                secretEnv, orEmpty(tests.includes), orEmpty(tests.excludes),
                spec.artifacts == null ? List.of() : orEmpty(spec.artifacts.collect));
    }

    /** What the run's spec and the operator's config ask of core's run decision. */
    public static RunSettings settings(TestSuiteRun run, ProctorConfig config) {
        ShardingSpec sharding = run.getSpec().sharding;
        RetriesSpec retries = run.getSpec().retries;
        List<RetriesSpec.On> on = retries == null || retries.when == null ? List.of(RetriesSpec.On.Infrastructure) : retries.when;
        return new RunSettings(shards(run), sharding == null || sharding.parallelism == null ? 0 : sharding.parallelism,
                retries == null || retries.limit == null ? 0 : retries.limit,
                on.contains(RetriesSpec.On.Infrastructure), on.contains(RetriesSpec.On.TestFailures),
                config.stuckPodGrace(), config.maxFailedTests());
    }

    public static int shards(TestSuiteRun run) {
        ShardingSpec s = run.getSpec().sharding;
        return s == null || s.shards == null ? 1 : s.shards;
    }

    /** The immutable plan ConfigMap, owned by the run so it goes when the run goes. */
    public static ConfigMap planConfigMap(TestSuiteRun run, RunPlan plan) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(ProctorNames.planConfigMap(run.getMetadata().getName()))
                .withNamespace(run.getMetadata().getNamespace())
                .withLabels(ProctorNames.runLabels(run))
                .withOwnerReferences(ownerReference(run))
                .endMetadata()
                .withImmutable(true)
                .withData(Map.of(ProctorNames.PLAN_KEY, RunPlanCodec.encode(plan)))
                .build();
    }

    static OwnerReference ownerReference(TestSuiteRun run) {
        return new OwnerReferenceBuilder()
                .withApiVersion(run.getApiVersion())
                .withKind(run.getKind())
                .withName(run.getMetadata().getName())
                .withUid(run.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
