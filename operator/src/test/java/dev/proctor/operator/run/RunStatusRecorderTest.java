package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proctor.core.run.Decision;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.events.KubeEvents;
import dev.proctor.operator.status.StatusWriter;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's Events go out with the status write that records their transition, and only once that write succeeded. */
@EnableKubernetesMockClient(crud = true)
class RunStatusRecorderTest {
    KubernetesClient client;

    @Test
    void aStatusWriteThatFailsSendsNoEventsAndTheRetryThatSucceedsSendsThemOnce() {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run("r", "s", 1, null);
        RunStatusRecorder recorder = new RunStatusRecorder(
                new StatusWriter<>(client, TestSuiteRun.class, TestSuiteRun::new, "testsuiterun", false, Clock.systemUTC()),
                new ProgressWrites(Duration.ZERO), new RunEvents(new KubeEvents(client, Clock.systemUTC()), true));
        Decision verdict = RunStatusAggregatorTest.succeeded();
        TestSuiteRunStatus after = RunStatusAggregator.aggregate(run, null, verdict, RunStatusAggregatorTest.T0);

        // the run is not on the (mock) API server yet: its status write fails, as a refused one would
        assertThatThrownBy(() -> recorder.record(run, null, after, verdict, RunStatusAggregatorTest.T0))
                .isInstanceOf(KubernetesClientException.class);
        assertThat(events()).as("no Event for a transition that was never recorded").isEmpty();

        TestSuiteRun created = client.resource(run).create();
        recorder.record(created, null, after, verdict, RunStatusAggregatorTest.T0);
        assertThat(events()).extracting(Event::getReason).containsExactly("Succeeded");
    }

    private List<Event> events() {
        return client.v1().events().inAnyNamespace().list().getItems();
    }
}
