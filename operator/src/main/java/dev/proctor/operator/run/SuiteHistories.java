package dev.proctor.operator.run;

import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.run.HistoryFold;
import dev.proctor.core.run.ShardState;
import dev.proctor.core.run.SuiteHistory;
import dev.proctor.core.run.SuiteHistoryCodec;
import dev.proctor.core.state.Decoded;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Reads and writes a suite's history ConfigMap ({@code proctor-history-<suite>}). It outlives runs, so it has
 * no owner. Writes use the ConfigMap's resourceVersion: when runs of one suite finish together and conflict,
 * the loser re-reads and re-folds (the fold is idempotent per run uid), a few times under a SmallRye Fault Tolerance
 * retry, before it leaves the conflict to the reconcile's retry.
 */
@ApplicationScoped
public class SuiteHistories {
    private static final Logger LOG = Logger.getLogger(SuiteHistories.class);
    static final String UNREADABLE_SUFFIX = ".unreadable";
    /** Runs of one suite finishing in the same second: each conflict means another run's fold went in. */
    private static final int CONFLICT_ATTEMPTS = 10;
    private final KubernetesClient client;
    /**
     * Re-reads and re-folds at once after a conflict, a few times, with a short jittered pause that grows, so writers
     * that collided do not collide again (SmallRye Fault Tolerance; any other failure is not retried here).
     */
    private final Guard onConflict = Guard.create()
            .withDescription("fold into a suite's history")
            .withRetry()
                .maxRetries(CONFLICT_ATTEMPTS - 1)
                .delay(10, ChronoUnit.MILLIS)
                .jitter(8, ChronoUnit.MILLIS)
                .whenException(SuiteHistories::conflict)
                .withExponentialBackoff().factor(2).maxDelay(160, ChronoUnit.MILLIS).done()
                .done()
            .build();

    public SuiteHistories(KubernetesClient client) {
        this.client = client;
    }

    /** The suite's history, or an empty one and why the stored text could not be used. */
    public Decoded<SuiteHistory> read(String namespace, String suite) {
        ConfigMap cm = get(namespace, suite);
        return cm == null ? Decoded.read(SuiteHistory.empty(suite)) : decode(suite, cm);
    }

    /** Where an unreadable history's text is kept when a fresh history is written over it. */
    public static String asideKey() {
        return ProctorNames.HISTORY_KEY + UNREADABLE_SUFFIX;
    }

    /** What a run's condition and Event say about an unreadable history. */
    public static String describeUnreadable(String suite, String reason) {
        return "ConfigMap " + ProctorNames.historyConfigMap(suite) + ", key " + ProctorNames.HISTORY_KEY + ": " + reason
                + "; the run is planned without history, and the text is kept as key " + asideKey()
                + " when the history is next written";
    }

    /** Folds the finished run into its suite's history; a run already folded changes nothing. */
    public void fold(TestSuiteRun run, List<ShardState> shards) {
        try {
            onConflict.call(() -> {
                foldOnce(run, shards);
                return null;
            }, Void.class);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("folding run " + run.getMetadata().getName() + " into its suite's history failed", e);
        }
    }

    private static boolean conflict(Throwable e) {
        return e instanceof KubernetesClientException k && k.getCode() == HttpURLConnection.HTTP_CONFLICT;
    }

    private void foldOnce(TestSuiteRun run, List<ShardState> shards) {
        String namespace = run.getMetadata().getNamespace();
        String suite = run.getSpec().suite;
        ConfigMap current = get(namespace, suite);
        Decoded<SuiteHistory> read = current == null ? Decoded.read(SuiteHistory.empty(suite)) : decode(suite, current);
        SuiteHistory before = read.value();
        List<ShardSummary> summaries = shards.stream().map(ShardState::summary).filter(Objects::nonNull).toList();
        SuiteHistory after = HistoryFold.fold(before, run.getMetadata().getUid(), summaries);
        if (after.equals(before) && read.ok()) return;
        Map<String, String> data = new TreeMap<>(current == null || current.getData() == null ? Map.of() : current.getData());
        if (!read.ok()) {
            // starting afresh: the unreadable text stays, under another key, for whoever wants to look at it
            data.put(asideKey(), current.getData().get(ProctorNames.HISTORY_KEY));
            LOG.warnf("history of suite %s/%s was unreadable (%s): kept as key %s, starting afresh", namespace, suite,
                    read.unreadable(), asideKey());
        }
        data.put(ProctorNames.HISTORY_KEY, SuiteHistoryCodec.encode(after));
        if (current == null) {
            client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName(ProctorNames.historyConfigMap(suite)).withNamespace(namespace)
                    .addToLabels(ProctorNames.LABEL_SUITE, suite)
                    .addToLabels(ProctorNames.LABEL_MANAGED_BY, ProctorNames.MANAGED_BY)
                    .addToLabels(ProctorNames.LABEL_COMPONENT, "history")
                    .endMetadata().withData(data).build()).create();
        } else {
            current.setData(data);
            client.configMaps().inNamespace(namespace).resource(current).update(); // fails on a stale resourceVersion
        }
    }

    private ConfigMap get(String namespace, String suite) {
        return client.configMaps().inNamespace(namespace).withName(ProctorNames.historyConfigMap(suite)).get();
    }

    private static Decoded<SuiteHistory> decode(String suite, ConfigMap cm) {
        return SuiteHistoryCodec.read(suite, cm.getData() == null ? null : cm.getData().get(ProctorNames.HISTORY_KEY));
    }
}
