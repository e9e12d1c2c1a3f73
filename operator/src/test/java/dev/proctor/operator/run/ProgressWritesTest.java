package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.AttemptState;
import dev.proctor.core.run.Decision;
import dev.proctor.core.run.JobRequest;
import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.ShardStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressWritesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Decision NOTHING_TO_DO = new Decision(RunPhase.Running, List.of(), List.of(), List.of(), null, null);

    private final ProgressWrites writes = new ProgressWrites(Duration.ofSeconds(5));
    private final TestSuiteRun run = run("r1", "uid-1");

    @Test
    void progressRightAfterAWriteWaitsForTheRestOfTheInterval() {
        writes.written(run, status(RunPhase.Running, shard(0, 0, false), shard(1, 0, false)), T0);

        TestSuiteRunStatus before = status(RunPhase.Running, shard(0, 0, false), shard(1, 0, false));
        TestSuiteRunStatus after = status(RunPhase.Running, shard(0, 0, true), shard(1, 0, false));
        assertThat(writes.defer(run, before, after, NOTHING_TO_DO, T0.plusSeconds(2))).contains(Duration.ofSeconds(3));
        assertThat(writes.defer(run, before, after, NOTHING_TO_DO, T0.plusSeconds(5))).isEmpty();
    }

    @Test
    void podsStartingAreProgressAndARunThatEndsWithinTheIntervalGoesFromPendingToItsVerdict() {
        writes.written(run, status(RunPhase.Pending, shard(0, 0, false), shard(1, 0, false)), T0);
        TestSuiteRunStatus pending = status(RunPhase.Pending, shard(0, 0, false), shard(1, 0, false));
        TestSuiteRunStatus running = status(RunPhase.Running, shard(0, 0, false), shard(1, 0, false));
        assertThat(writes.defer(run, pending, running, NOTHING_TO_DO, T0.plusSeconds(1))).as("Pending to Running")
                .contains(Duration.ofSeconds(4));
        assertThat(writes.defer(run, pending, status(RunPhase.Running, shard(0, 0, true), shard(1, 0, false)), NOTHING_TO_DO,
                T0.plusSeconds(2))).as("a shard done meanwhile").contains(Duration.ofSeconds(3));
        assertThat(writes.defer(run, pending, status(RunPhase.Succeeded, shard(0, 0, true), shard(1, 0, true)), NOTHING_TO_DO,
                T0.plusSeconds(3))).as("the verdict").isEmpty();
        assertThat(writes.defer(run, pending, running, NOTHING_TO_DO, T0.plusSeconds(5))).as("the interval is over").isEmpty();
    }

    @Test
    void aRunNeverWrittenByThisOperatorIsWrittenAtOnce() {
        // after a restart nothing is remembered: the first change goes out immediately
        TestSuiteRunStatus before = status(RunPhase.Running, shard(0, 0, false));
        TestSuiteRunStatus after = status(RunPhase.Running, shard(0, 0, true));
        assertThat(writes.defer(run("other", "uid-2"), before, after, NOTHING_TO_DO, T0)).isEmpty();
    }

    @Test
    void whatTheOperatorActedOnIsNeverHeldBack() {
        writes.written(run, status(RunPhase.Running, shard(0, 0, false)), T0);
        Instant soon = T0.plusSeconds(1);
        TestSuiteRunStatus before = status(RunPhase.Running, shard(0, 0, false));

        Decision createsAJob = new Decision(RunPhase.Running, List.of(), List.of(new JobRequest(0, 1, List.of("a.A#x"))), List.of(), null, null);
        assertThat(writes.defer(run, before, status(RunPhase.Running, shard(0, 1, false)), createsAJob, soon)).as("retry").isEmpty();
        Decision stopsAJob = new Decision(RunPhase.Running, List.of(), List.of(), List.of(new JobRequest(0, 0, List.of())), null, null);
        assertThat(writes.defer(run, before, status(RunPhase.Running, shard(0, 0, true)), stopsAJob, soon)).as("stop").isEmpty();
        assertThat(writes.defer(run, before, status(RunPhase.Running, shard(0, 1, false)), NOTHING_TO_DO, soon))
                .as("a new attempt recorded").isEmpty();
        assertThat(writes.defer(run, status(RunPhase.Running, shard(0, 0, false)), status(RunPhase.Error, shard(0, 0, false)),
                NOTHING_TO_DO, soon)).as("phase change").isEmpty();
        assertThat(writes.defer(run, before, status(RunPhase.Succeeded, shard(0, 0, true)), NOTHING_TO_DO, soon))
                .as("verdict").isEmpty();
    }

    @Test
    void aFinishedRunIsForgottenAndAZeroIntervalWritesEverything() {
        writes.written(run, status(RunPhase.Running, shard(0, 0, false)), T0);
        writes.written(run, status(RunPhase.Succeeded, shard(0, 0, true)), T0.plusSeconds(1));
        TestSuiteRunStatus before = status(RunPhase.Running, shard(0, 0, false));
        TestSuiteRunStatus after = status(RunPhase.Running, shard(0, 0, true));
        assertThat(writes.defer(run, before, after, NOTHING_TO_DO, T0.plusSeconds(2))).isEmpty();

        ProgressWrites always = new ProgressWrites(Duration.ZERO);
        always.written(run, before, T0);
        assertThat(always.defer(run, before, after, NOTHING_TO_DO, T0)).isEmpty();
    }

    private static TestSuiteRun run(String name, String uid) {
        TestSuiteRun run = new TestSuiteRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid(uid).build());
        return run;
    }

    static TestSuiteRunStatus status(RunPhase phase, ShardStatus... shards) {
        TestSuiteRunStatus status = new TestSuiteRunStatus();
        status.phase = phase;
        status.shards = List.of(shards);
        return status;
    }

    private static ShardStatus shard(int index, int attempt, boolean done) {
        ShardStatus shard = new ShardStatus();
        shard.index = index;
        shard.attempt = attempt;
        shard.jobName = "r1-shard-" + index + (attempt == 0 ? "" : "-a" + attempt);
        shard.done = done;
        shard.phase = done ? AttemptState.Succeeded : AttemptState.Running;
        return shard;
    }
}
