package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.AttemptState;
import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.ShardStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.events.KubeEvents;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Which transitions of a run make an Event: what needs attention always (a failed shard, a Failed or Error verdict),
 * success only with {@code proctor.success-events} — each success Event is an API write per run or progress interval.
 */
@EnableKubernetesMockClient(crud = true)
class RunEventsTest {
    KubernetesClient client;

    @Test
    void aRunThatSucceedsMakesNoEventByDefault() {
        succeedTwoShards(new RunEvents(new KubeEvents(client, Clock.systemUTC()), false), run("quiet"));

        assertThat(events()).as("success is in the status: no write for it").isEmpty();
    }

    @Test
    void aRunThatSucceedsMakesNormalEventsWhenAsked() {
        succeedTwoShards(new RunEvents(new KubeEvents(client, Clock.systemUTC()), true), run("chatty"));

        assertThat(events()).extracting(Event::getType, Event::getReason).containsExactlyInAnyOrder(
                Tuple.tuple("Normal", "ShardFinished"), Tuple.tuple("Normal", "Succeeded"));
    }

    @Test
    void whatFailsMakesAWarningWhetherOrNotSuccessEventsAreOn() {
        for (boolean successEvents : List.of(false, true)) {
            client.v1().events().inAnyNamespace().delete();
            RunEvents events = new RunEvents(new KubeEvents(client, Clock.systemUTC()), successEvents);
            TestSuiteRun run = run("broken-" + successEvents);
            TestSuiteRunStatus pending = ProgressWritesTest.status(RunPhase.Pending, shard(0, AttemptState.Running, false), shard(1, AttemptState.Running, false));
            ShardStatus failed = shard(0, AttemptState.TestsFailed, true);
            failed.reason = "TestsFailed";
            failed.message = "1 of 3 tests failed";
            TestSuiteRunStatus oneFailed = ProgressWritesTest.status(RunPhase.Running, failed, shard(1, AttemptState.Running, false));
            TestSuiteRunStatus done = ProgressWritesTest.status(RunPhase.Failed, failed, shard(1, AttemptState.Succeeded, true));
            done.message = "1 of 6 tests failed";

            events.transitions(run, null, pending, null);
            events.transitions(run, pending, oneFailed, null);
            events.transitions(run, oneFailed, done, null);

            assertThat(events()).as("success events %s", successEvents)
                    .filteredOn(e -> "Warning".equals(e.getType()))
                    .extracting(Event::getReason, Event::getMessage)
                    .containsExactlyInAnyOrder(
                            Tuple.tuple("ShardFinished", "shard 0 (attempt 1): TestsFailed: 1 of 3 tests failed"),
                            Tuple.tuple("Failed", "1 of 6 tests failed"));
            assertThat(events()).as("the shard that succeeded last ended with the verdict: no Normal Event for it")
                    .filteredOn(e -> "Normal".equals(e.getType())).isEmpty();
        }
    }

    /** Pending, then one of two shards done, then both: the run succeeded. */
    private static void succeedTwoShards(RunEvents events, TestSuiteRun run) {
        TestSuiteRunStatus pending = ProgressWritesTest.status(RunPhase.Pending, shard(0, AttemptState.Running, false), shard(1, AttemptState.Running, false));
        TestSuiteRunStatus oneDone = ProgressWritesTest.status(RunPhase.Running, shard(0, AttemptState.Succeeded, true), shard(1, AttemptState.Running, false));
        TestSuiteRunStatus done = ProgressWritesTest.status(RunPhase.Succeeded, shard(0, AttemptState.Succeeded, true), shard(1, AttemptState.Succeeded, true));
        done.message = "all 6 tests passed";
        events.transitions(run, null, pending, null);
        events.transitions(run, pending, oneDone, null);
        events.transitions(run, oneDone, done, null);
    }

    private static TestSuiteRun run(String name) {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run(name, "shop", 2, null);
        run.getMetadata().setNamespace("qa");
        run.getMetadata().setUid(name + "-uid");
        return run;
    }

    private static ShardStatus shard(int index, AttemptState phase, boolean done) {
        ShardStatus s = new ShardStatus();
        s.index = index;
        s.phase = phase;
        s.done = done;
        return s;
    }

    private List<Event> events() {
        return client.v1().events().inAnyNamespace().list().getItems();
    }
}
