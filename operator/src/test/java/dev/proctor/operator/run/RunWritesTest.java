package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proctor.core.run.JobRequest;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A run's Jobs are created concurrently; what one create meets must not lose the others. */
@EnableKubernetesMockClient(crud = true)
class RunWritesTest {
    private static final String JOBS = "/apis/batch/v1/namespaces/" + TestSuiteRunReconcilerTest.NS + "/jobs";

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void allJobsAreCreatedAndOnesAlreadyThereAreFine() {
        TestSuiteRun run = run("all");
        RunWrites writes = new RunWrites(client, 4);
        client.resource(ShardJobs.build(run, requests(10).get(3), ShardJobsTest.DEFAULTS)).create(); // a restarted operator
        RunWrites.Created created = writes.createJobs(run, RunStores.Store.NONE, requests(10), ShardJobsTest.DEFAULTS);
        assertThat(created.refusal()).isEmpty();
        assertThat(created.notCreated()).isEmpty();
        assertThat(jobNames()).hasSize(10);
    }

    @Test
    void aPermanentRefusalOfOneJobStillCreatesTheOthersAndNamesOnlyItAsNotCreated() {
        server.expect().post().withPath(JOBS).andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("exceeded quota: one-job").build()).once();
        TestSuiteRun run = run("refused");
        RunWrites.Created created = new RunWrites(client, 4).createJobs(run, RunStores.Store.NONE, requests(10), ShardJobsTest.DEFAULTS);

        assertThat(created.refusal()).isPresent();
        assertThat(created.refusal().get().describe()).contains("exceeded quota: one-job");
        assertThat(created.notCreated()).hasSize(1);
        JobRequest refused = created.notCreated().get(0);
        assertThat(created.refusal().get().name()).isEqualTo(ShardJobs.build(run, refused, ShardJobsTest.DEFAULTS).getMetadata().getName());
        assertThat(jobNames()).hasSize(9).doesNotContain(created.refusal().get().name());
    }

    @Test
    void aTransientFailureIsThrownAfterTheOthersAreCreatedAndTheRetryCreatesTheRest() {
        server.expect().post().withPath(JOBS).andReturn(503, new StatusBuilder().withCode(503).withReason("ServiceUnavailable")
                .withMessage("etcd leader changed").build()).once();
        TestSuiteRun run = run("transient");
        // the client itself retries a 503 (requestRetryBackoffLimit); here the failure must reach RunWrites
        KubernetesClient noRetries = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0).build()).build();
        RunWrites writes = new RunWrites(noRetries, 4);

        assertThatThrownBy(() -> writes.createJobs(run, RunStores.Store.NONE, requests(10), ShardJobsTest.DEFAULTS))
                .isInstanceOf(RunWrites.TransientWriteFailure.class).hasMessageContaining("etcd leader changed");
        assertThat(jobNames()).as("the other creates were not lost").hasSize(9);

        RunWrites.Created retried = writes.createJobs(run, RunStores.Store.NONE, requests(10), ShardJobsTest.DEFAULTS);
        assertThat(retried.refusal()).isEmpty();
        assertThat(jobNames()).hasSize(10);
    }

    @Test
    void oneAtATimeStopsAtTheFirstRefusal() {
        server.expect().post().withPath(JOBS).andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("exceeded quota").build()).once();
        RunWrites.Created created = new RunWrites(client, 1).createJobs(run("serial"), RunStores.Store.NONE, requests(5), ShardJobsTest.DEFAULTS);
        assertThat(created.notCreated()).extracting(JobRequest::shard).containsExactly(0, 1, 2, 3, 4);
        assertThat(jobNames()).isEmpty();
    }

    private List<String> jobNames() {
        return client.batch().v1().jobs().inNamespace(TestSuiteRunReconcilerTest.NS).list().getItems().stream()
                .map(Job::getMetadata).map(m -> m.getName()).toList();
    }

    private static TestSuiteRun run(String name) {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run(name, "shop", 10, null);
        run.getMetadata().setUid("uid-" + name);
        return run;
    }

    private static List<JobRequest> requests(int shards) {
        return IntStream.range(0, shards).mapToObj(shard -> new JobRequest(shard, 1, List.of())).toList();
    }
}
