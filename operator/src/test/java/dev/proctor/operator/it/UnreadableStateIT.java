package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.policy.PolicyStateCodec;
import dev.proctor.core.run.RunPhase;
import dev.proctor.core.run.SuiteHistoryCodec;
import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.operator.run.RunStatusAggregator;
import dev.proctor.operator.run.SuiteHistories;
import dev.proctor.operator.run.TestSuiteRunReconciler;
import dev.proctor.operator.sla.PolicyStatusBuilder;
import dev.proctor.operator.sla.SlaNames;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stored state that cannot be read — a suite's history or a policy's state edited by hand, truncated, or written by a
 * newer schema; a plan ConfigMap that is not the run's — is never quietly taken for empty: the run or policy gets a
 * condition and a Warning Event naming the ConfigMap and key, the unreadable text is kept under another key before a
 * fresh state is written over it, and a plan that is not the run's stops the run. On the real API server.
 */
@WithControlPlane(namespacePer = WithControlPlane.Scope.METHOD)
class UnreadableStateIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String TRUNCATED = "{\"schema\":\"v1\",\"suite\":\"fake\",\"durations\":{\"dev.proctor.fake.Cart";

    @Test
    void anUnreadableSuiteHistoryIsReportedKeptAsideAndRebuilt(KubernetesClient client, TestNamespace ns) {
        ProctorStack.get();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName(ProctorNames.historyConfigMap("fake")).endMetadata()
                .withData(Map.of(ProctorNames.HISTORY_KEY, TRUNCATED)).build()).create();

        Runs.create(client, "after-edit", 2, Map.of(), "");
        TestSuiteRun run = Runs.awaitFinished(client, "after-edit");
        assertThat(run.getStatus().phase).as("history only makes planning better").isEqualTo(RunPhase.Succeeded);
        Condition readable = condition(run.getStatus().conditions, RunStatusAggregator.HISTORY_READABLE);
        assertThat(readable.getStatus()).isEqualTo("False");
        assertThat(readable.getReason()).isEqualTo("Unreadable");
        assertThat(readable.getMessage()).contains("ConfigMap proctor-history-fake, key history.json", "not valid JSON",
                "kept as key history.json.unreadable");
        awaitWarning(client, "after-edit", "UnreadableHistory", "proctor-history-fake");

        await("the history rebuilt, the unreadable text kept aside").atMost(PATIENCE).until(() -> {
            Map<String, String> data = history(client).getData();
            return data.containsKey(SuiteHistories.asideKey()) && SuiteHistoryCodec.read("fake", data.get(ProctorNames.HISTORY_KEY)).ok()
                    && SuiteHistoryCodec.decode("fake", data.get(ProctorNames.HISTORY_KEY)).foldedRuns().contains(run.getMetadata().getUid());
        });
        assertThat(history(client).getData().get(SuiteHistories.asideKey())).isEqualTo(TRUNCATED);

        Runs.create(client, "next", 1, Map.of(), "");
        TestSuiteRun next = Runs.awaitFinished(client, "next");
        assertThat(condition(next.getStatus().conditions, RunStatusAggregator.HISTORY_READABLE)).as("readable again").isNull();
        assertThat(history(client).getData().get(SuiteHistories.asideKey())).as("still kept").isEqualTo(TRUNCATED);
    }

    @Test
    void anUnreadablePartOfAPolicysStateIsReportedKeptAsideAndStartedAfresh(KubernetesClient client, TestNamespace ns) {
        ProctorStack.get();
        String newerRing = "{\"v\":2,\"cap\":20,\"runs\":[]}";
        String brokenIncidents = "{\"incidents\":[{\"id\":\"inc-1\"";
        client.resource(new ConfigMapBuilder().withNewMetadata().withName(SlaNames.stateConfigMap("edited")).endMetadata()
                .withData(Map.of(PolicyStateCodec.RUNS_KEY, newerRing, PolicyStateCodec.INCIDENTS_KEY, brokenIncidents)).build()).create();
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: proctor.dev/v1alpha1
                kind: SLAPolicy
                metadata: {name: edited}
                spec:
                  selector: {matchLabels: {proctor.dev/suite: fake}}
                  objectives:
                    - {name: pass-rate, passRate: 0.9, lastRuns: 20}
                """, SLAPolicy.class)).create();

        await("the policy to report its unreadable state").atMost(PATIENCE).until(() -> {
            SLAPolicy p = client.resources(SLAPolicy.class).withName("edited").get();
            return p.getStatus() != null && condition(p.getStatus().conditions, PolicyStatusBuilder.STATE_READABLE) != null;
        });
        SLAPolicy policy = client.resources(SLAPolicy.class).withName("edited").get();
        Condition readable = condition(policy.getStatus().conditions, PolicyStatusBuilder.STATE_READABLE);
        assertThat(readable.getStatus()).isEqualTo("False");
        assertThat(readable.getMessage()).contains("ConfigMap " + SlaNames.stateConfigMap("edited"),
                "key runs.json is unreadable (schema v2 is not v1", "key incidents.json is unreadable (not valid JSON",
                "kept as incidents.json.unreadable");
        awaitWarning(client, "edited", "UnreadableState", "incidents.json");

        ConfigMap state = client.configMaps().withName(SlaNames.stateConfigMap("edited")).get();
        assertThat(state.getData()).containsEntry(PolicyStateCodec.RUNS_KEY + ".unreadable", newerRing)
                .containsEntry(PolicyStateCodec.INCIDENTS_KEY + ".unreadable", brokenIncidents);

        // the next evaluation reads the fresh state; the copies stay, and the condition says where
        Runs.create(client, "counted", 1, Map.of(), "");
        Runs.awaitFinished(client, "counted");
        await("the fresh state read").atMost(PATIENCE).until(() -> {
            SLAPolicy p = client.resources(SLAPolicy.class).withName("edited").get();
            Condition c = condition(p.getStatus().conditions, PolicyStatusBuilder.STATE_READABLE);
            return p.getStatus().runsInHistory != null && p.getStatus().runsInHistory == 1 && "True".equals(c.getStatus());
        });
        assertThat(condition(client.resources(SLAPolicy.class).withName("edited").get().getStatus().conditions,
                PolicyStatusBuilder.STATE_READABLE).getMessage()).contains("incidents.json.unreadable", "runs.json.unreadable");
    }

    @Test
    void aPlanConfigMapThatIsNotTheRunsStopsTheRun(KubernetesClient client, TestNamespace ns) {
        ProctorStack.get();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName(ProctorNames.planConfigMap("squatted")).endMetadata()
                .withData(Map.of(ProctorNames.PLAN_KEY, "{\"hand\":\"written\"}")).build()).create();
        Runs.create(client, "squatted", 2, Map.of(), "");
        TestSuiteRun run = Runs.awaitFinished(client, "squatted");
        assertThat(run.getStatus().phase).isEqualTo(RunPhase.Error);
        assertThat(run.getStatus().reason).isEqualTo(TestSuiteRunReconciler.REASON_PLAN_REJECTED);
        assertThat(run.getStatus().message).contains("ConfigMap squatted-plan (key plan.json) already exists and does not belong to this run");
        assertThat(Runs.jobs(client, "squatted")).as("no shard ran on a plan that is not its run's").isEmpty();
        awaitWarning(client, "squatted", "Error", "does not belong to this run");
    }

    private static ConfigMap history(KubernetesClient client) {
        return client.configMaps().withName(ProctorNames.historyConfigMap("fake")).get();
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static void awaitWarning(KubernetesClient client, String object, String reason, String mentions) {
        Runs.awaitWarning(client, object, reason, mentions, PATIENCE);
    }
}
