package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.AttemptState;
import dev.proctor.core.run.Decision;
import dev.proctor.core.run.RunPhase;
import dev.proctor.core.run.RunVerdict;
import dev.proctor.core.run.ShardState;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.status.StatusWriter;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStatusAggregatorTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    static Decision running() {
        ShardState s = new ShardState(0, 0, AttemptState.Running, false, null, "Running", null, T0, null, "n1");
        return new Decision(RunPhase.Running, List.of(s), List.of(), List.of(), null, null);
    }

    static Decision succeeded() {
        ShardState s = new ShardState(0, 0, AttemptState.Succeeded, true, null, "Succeeded", "3 tests passed", T0,
                T0.plusSeconds(90), "n1");
        RunVerdict v = new RunVerdict(RunPhase.Succeeded, "AllTestsPassed", "all 3 tests passed",
                new RunVerdict.Totals(3, 3, 0, 0, 0), List.of(), 0, List.of(),
                new RunVerdict.DurationStats(90_000, 90_000, 90_000, 90_000, 90_000));
        return new Decision(RunPhase.Succeeded, List.of(s), List.of(), List.of(), v, null);
    }

    private static Condition get(TestSuiteRunStatus s, String type) {
        return s.conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void transitionTimeMovesOnlyWhenAConditionChangesStatus() {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run("r", "s", 1, null);
        run.getMetadata().setGeneration(1L);
        TestSuiteRunStatus first = RunStatusAggregator.aggregate(run, running(), T0);
        run.setStatus(first);
        TestSuiteRunStatus again = RunStatusAggregator.aggregate(run, running(), T0.plusSeconds(30));
        assertThat(StatusWriter.same(first, again)).as("same decision later: nothing to write").isTrue();

        run.setStatus(again);
        TestSuiteRunStatus done = RunStatusAggregator.aggregate(run, succeeded(), T0.plusSeconds(95));
        assertThat(get(done, "Complete").getStatus()).isEqualTo("True");
        assertThat(get(done, "Complete").getLastTransitionTime()).isEqualTo(T0.plusSeconds(95).toString());
        assertThat(get(done, "Failed").getStatus()).isEqualTo("False");
        assertThat(get(done, "Failed").getLastTransitionTime()).isEqualTo(T0.toString());
        assertThat(get(done, "Ready").getObservedGeneration()).isEqualTo(1L);
        assertThat(done.duration).isEqualTo("1m35s");
        assertThat(done.shardsDone).isEqualTo("1/1");
        assertThat(done.shards.get(0).durationSeconds).isEqualTo(90L);
    }

    @Test
    void aStatusBuiltFromTheOperatorsOwnLastWriteKeepsItsStartAndConditionsWhenTheCacheIsBehind() {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run("r", "s", 1, null);
        TestSuiteRunStatus written = RunStatusAggregator.aggregate(run, null, running(), T0);
        RunStatusAggregator.historyUnreadable(written, run, "ConfigMap proctor-history-s: not valid JSON", T0);
        // the informer cache has not seen that write yet: the run still shows no status

        TestSuiteRunStatus next = RunStatusAggregator.aggregate(run, written, running(), T0.plusSeconds(30));

        assertThat(next.startTime).isEqualTo(T0.toString());
        assertThat(get(next, RunStatusAggregator.HISTORY_READABLE).getStatus()).isEqualTo("False");
        assertThat(StatusWriter.same(written, next)).as("nothing new to write").isTrue();
    }

    @Test
    void recordedShardsRoundTripIntoTheNextDecision() {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run("r", "s", 1, null);
        TestSuiteRunStatus s = RunStatusAggregator.aggregate(run, running(), T0);
        ShardState back = RunStatusAggregator.fromStatus(s.shards.get(0));
        assertThat(back.state()).isEqualTo(AttemptState.Running);
        assertThat(back.startedAt()).isEqualTo(T0);
        assertThat(back.node()).isEqualTo("n1");
    }

    private static TestSuiteRun withStore() {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run("r", "s", 2, null);
        run.getMetadata().setNamespace("qa");
        run.getSpec().artifacts = new dev.proctor.operator.api.v1alpha1.ArtifactsSpec();
        run.getSpec().artifacts.store = new dev.proctor.operator.api.v1alpha1.ArtifactStoreSpec();
        run.getSpec().artifacts.store.endpoint = "http://127.0.0.1:8333";
        run.getSpec().artifacts.store.bucket = "b";
        run.getSpec().artifacts.store.credentialsSecret = new dev.proctor.operator.api.v1alpha1.ArtifactStoreSpec.CredentialsSecret();
        run.getSpec().artifacts.store.credentialsSecret.name = "keys";
        return run;
    }

    private static ShardState finished(int shard, int attempt, dev.proctor.core.result.StoreUpload upload) {
        dev.proctor.core.result.ShardSummary summary = new dev.proctor.core.result.ShardSummary(
                dev.proctor.core.result.Verdict.PASSED, 3, 3, 0, 0, 0, 1000, List.of(), List.of(), java.util.Map.of(), null,
                false, null, upload);
        return new ShardState(shard, attempt, AttemptState.Succeeded, true, summary, "Succeeded", null, T0, T0.plusSeconds(9), "n1");
    }

    @Test
    void theArtifactsStatusSaysWhereEachShardsArtifactsAreAndTheConditionNamesWhatIsMissing() {
        TestSuiteRun run = withStore();
        ShardState stored = finished(0, 0, new dev.proctor.core.result.StoreUpload(7, 0, null));
        ShardState running = new ShardState(1, 1, AttemptState.Running, false, null, "Running", null, T0, null, "n1");
        TestSuiteRunStatus s = RunStatusAggregator.aggregate(run, null,
                new Decision(RunPhase.Running, List.of(stored, running), List.of(), List.of(), null, null), T0);

        assertThat(s.artifacts.location).isEqualTo("s3://b/qa/r/");
        assertThat(s.artifacts.endpoint).isEqualTo("http://127.0.0.1:8333");
        assertThat(s.artifacts.shards).extracting(a -> a.location)
                .containsExactly("s3://b/qa/r/shard-0/attempt-0/", "s3://b/qa/r/shard-1/attempt-1/");
        assertThat(s.artifacts.shards.get(0).uploaded).isEqualTo(7);
        assertThat(s.artifacts.shards.get(1).uploaded).isNull();
        assertThat(get(s, RunStatusAggregator.ARTIFACTS_STORED).getStatus()).isEqualTo("True");
        assertThat(get(s, RunStatusAggregator.ARTIFACTS_STORED).getReason()).isEqualTo("Uploaded");

        ShardState down = finished(1, 1, new dev.proctor.core.result.StoreUpload(0, 6, "store unreachable: Connection refused"));
        TestSuiteRunStatus after = RunStatusAggregator.aggregate(run, s,
                new Decision(RunPhase.Running, List.of(stored, down), List.of(), List.of(), null, null), T0.plusSeconds(10));
        Condition condition = get(after, RunStatusAggregator.ARTIFACTS_STORED);
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("UploadIncomplete");
        assertThat(condition.getMessage())
                .isEqualTo("shard 1 attempt 1: 6 of 6 files missing (store unreachable: Connection refused)");

        ShardState noReport = finished(1, 1, null);
        TestSuiteRunStatus killed = RunStatusAggregator.aggregate(run, s,
                new Decision(RunPhase.Running, List.of(stored, noReport), List.of(), List.of(), null, null), T0.plusSeconds(10));
        assertThat(get(killed, RunStatusAggregator.ARTIFACTS_STORED).getMessage())
                .startsWith("shard 1 attempt 1: no upload reported");

        List<ShardState> recorded = RunStatusAggregator.recordedShards(after);
        assertThat(recorded.get(1).summary().store()).as("the upload survives a decision from recorded shards")
                .isEqualTo(new dev.proctor.core.result.StoreUpload(0, 6, "store unreachable: Connection refused"));
    }

    @Test
    void aRunWithoutAStoreHasNoArtifactsStatusNorCondition() {
        TestSuiteRunStatus s = RunStatusAggregator.aggregate(TestSuiteRunReconcilerTest.run("r", "s", 1, null), succeeded(), T0);
        assertThat(s.artifacts).isNull();
        assertThat(s.conditions).extracting(Condition::getType).doesNotContain(RunStatusAggregator.ARTIFACTS_STORED);
    }
}
