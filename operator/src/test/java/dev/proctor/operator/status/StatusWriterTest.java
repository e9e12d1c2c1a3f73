package dev.proctor.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunSpec;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class StatusWriterTest {
    KubernetesClient client;

    private final MutableClock clock = new MutableClock();

    @Test
    void aReconcileReadsItsOwnLastWriteUntilTheCacheShowsIt() {
        TestSuiteRun created = client.resource(run("r")).create();
        TestSuiteRun stale = run("r"); // what the informer cache still holds: the run without a status
        stale.getMetadata().setUid(created.getMetadata().getUid());
        StatusWriter<TestSuiteRun, TestSuiteRunStatus> writer = new StatusWriter<>(client, TestSuiteRun.class, TestSuiteRun::new,
                "testsuiterun", false, clock);

        writer.write(stale, status(RunPhase.Running, "0/3 shards finished"));
        assertThat(writer.freshest(stale).phase).as("the cache is behind: our write wins").isEqualTo(RunPhase.Running);
        writer.write(stale, status(RunPhase.Succeeded, "all 9 tests passed"));
        assertThat(writer.freshest(stale).message).isEqualTo("all 9 tests passed");

        TestSuiteRun caughtUp = client.resources(TestSuiteRun.class).withName("r").get();
        assertThat(writer.freshest(caughtUp).phase).isEqualTo(RunPhase.Succeeded);
        assertThat(writer.remembered()).as("forgotten once the cache shows it").isZero();
        assertThat(writer.freshest(stale)).as("nothing remembered any more: the cached status").isSameAs(stale.getStatus());
    }

    @Test
    void aRememberedWriteExpiresSoAStatusSomeoneElseWroteWinsInTheEnd() {
        TestSuiteRun r = client.resource(run("other")).create();
        StatusWriter<TestSuiteRun, TestSuiteRunStatus> writer = new StatusWriter<>(client, TestSuiteRun.class, TestSuiteRun::new,
                "testsuiterun", false, clock);
        writer.write(r, status(RunPhase.Running, "ours"));
        r.setStatus(status(RunPhase.Failed, "kubectl edit --subresource=status"));
        assertThat(writer.freshest(r).message).isEqualTo("ours");
        clock.now = clock.now.plus(StatusWriter.MAX_AGE).plusSeconds(1);
        assertThat(writer.freshest(r).message).isEqualTo("kubectl edit --subresource=status");
    }

    private static TestSuiteRun run(String name) {
        TestSuiteRun run = new TestSuiteRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("test").build());
        TestSuiteRunSpec spec = new TestSuiteRunSpec();
        spec.suite = "shop";
        run.setSpec(spec);
        return run;
    }

    private static TestSuiteRunStatus status(RunPhase phase, String message) {
        TestSuiteRunStatus s = new TestSuiteRunStatus();
        s.phase = phase;
        s.message = message;
        return s;
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
