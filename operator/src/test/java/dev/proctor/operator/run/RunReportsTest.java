package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.plan.RunnerContract;
import dev.proctor.core.report.ReportSummary;
import dev.proctor.core.report.ReportSummaryCodec;
import dev.proctor.core.run.AttemptState;
import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.EnvironmentSpec;
import dev.proctor.operator.api.v1alpha1.ReportStatus;
import dev.proctor.operator.api.v1alpha1.ShardStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunReportsTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    static TestSuiteRun run() {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run("nightly", "shop", 2, null);
        run.getMetadata().setUid("uid-1");
        return ShardJobsTest.withStore(run, "ci");
    }

    static TestSuiteRunStatus finished(RunPhase phase) {
        TestSuiteRunStatus status = new TestSuiteRunStatus();
        status.phase = phase;
        status.startTime = "2026-12-04T11:58:00Z";
        status.completionTime = "2026-12-04T11:59:30Z";
        status.totals = new TestSuiteRunStatus.Totals();
        status.totals.tests = 12;
        status.totals.passed = 11;
        status.totals.failed = 1;
        status.totals.flaky = 1;
        status.shards = List.of(shard(0, 1, 7), shard(1, 0, 5));
        return status;
    }

    private static ShardStatus shard(int index, int attempt, int tests) {
        ShardStatus shard = new ShardStatus();
        shard.index = index;
        shard.attempt = attempt;
        shard.done = true;
        shard.phase = AttemptState.Succeeded;
        shard.tests = tests;
        return shard;
    }

    private static Map<String, EnvVar> env(Job job) {
        return container(job).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    private static Container container(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Pod terminated(int exitCode, String message) {
        return new PodBuilder().withNewMetadata().withName("nightly-report-x").withCreationTimestamp("2026-12-04T11:59:31Z")
                .withLabels(Map.of("proctor.dev/run", "nightly", "app.kubernetes.io/component", "report")).endMetadata()
                .withNewStatus().withPhase(exitCode == 0 ? "Succeeded" : "Failed").addNewContainerStatus().withName("runner")
                .withNewState().withNewTerminated().withExitCode(exitCode).withMessage(message).endTerminated().endState()
                .endContainerStatus().endStatus().build();
    }

    private static String summary(ReportSummary summary) {
        return new String(ReportSummaryCodec.encode(summary), StandardCharsets.UTF_8);
    }

    @Test
    void onlyAFinishedRunWithAStoreAndShardsThatRanGetsAReport() {
        assertThat(RunReports.wanted(run(), finished(RunPhase.Failed))).isTrue();
        assertThat(RunReports.wanted(run(), finished(RunPhase.Succeeded))).isTrue();
        TestSuiteRunStatus running = finished(RunPhase.Running);
        assertThat(RunReports.wanted(run(), running)).as("not final").isFalse();
        TestSuiteRun noStore = run();
        noStore.getSpec().artifacts = null;
        assertThat(RunReports.wanted(noStore, finished(RunPhase.Failed))).as("no store").isFalse();
        TestSuiteRunStatus errorBeforeTests = finished(RunPhase.Error);
        errorBeforeTests.shards = List.of();
        assertThat(RunReports.wanted(run(), errorBeforeTests)).as("Error before any shard ran").isFalse();
        assertThat(RunReports.wanted(run(), finished(RunPhase.Error))).as("Error after shards ran").isTrue();
    }

    @Test
    void theReporterJobIsAShardLikeJobInReportModeOnTheRunsFolder() {
        TestSuiteRun run = run();
        run.getSpec().environment = new EnvironmentSpec();
        EnvironmentSpec.SecretEnv password = new EnvironmentSpec.SecretEnv();
        password.name = "SHOP_PASSWORD";
        password.secretKeyRef = new SecretKeySelector("password", "shop", false);
        run.getSpec().environment.secrets = List.of(password);

        Job job = RunReports.job(run, finished(RunPhase.Failed), ShardJobsTest.DEFAULTS);

        assertThat(job.getMetadata().getName()).isEqualTo("nightly-report");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-1"));
        assertThat(job.getMetadata().getLabels()).containsEntry("proctor.dev/run", "nightly")
                .containsEntry("app.kubernetes.io/component", "report").doesNotContainKey("proctor.dev/shard");
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getSpec().getTemplate().getSpec().getSecurityContext()).isEqualTo(ShardJobs.restrictedPod());
        assertThat(container(job).getSecurityContext()).isEqualTo(ShardJobs.restrictedContainer());
        assertThat(container(job).getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(container(job).getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/tmp");
        Map<String, EnvVar> env = env(job);
        assertThat(env.get(RunnerContract.MODE).getValue()).isEqualTo("report");
        assertThat(env.get(RunnerContract.STORE_KEY_PREFIX).getValue()).isEqualTo("ci/qa/nightly/");
        assertThat(env.get(RunnerContract.REPORT_ATTEMPTS).getValue()).isEqualTo("0:1,1:0");
        assertThat(env.get(RunnerContract.REPORT_TREND_KEY).getValue()).isEqualTo("ci/qa/_suites/shop/trend.json");
        assertThat(env.get(RunnerContract.REPORT_VERDICT).getValue()).isEqualTo("Failed");
        assertThat(env.get(RunnerContract.REPORT_SECRET_ENV).getValue()).isEqualTo("SHOP_PASSWORD");
        assertThat(env.get("SHOP_PASSWORD").getValue()).isNull();
        assertThat(env.get(RunnerContract.STORE_SECRET_ACCESS_KEY).getValue()).isNull();
        assertThat(env.get(RunnerContract.STORE_SECRET_ACCESS_KEY).getValueFrom().getSecretKeyRef().getName()).isEqualTo("store-keys");
    }

    @Test
    void pendingNamesWhereTheReportWillBe() {
        ReportStatus pending = RunReports.pending(run(), finished(RunPhase.Failed));
        assertThat(pending.phase).isEqualTo(ReportStatus.Phase.Pending);
        assertThat(pending.job).isEqualTo("nightly-report");
        assertThat(pending.html).isEqualTo("s3://proctor-artifacts/ci/qa/nightly/report/index.html");
        assertThat(pending.junit).isEqualTo("s3://proctor-artifacts/ci/qa/nightly/report/junit.xml");
    }

    @Test
    void countsEqualToTheRunsTotalsMakeTheReportReady() {
        ReportStatus ready = RunReports.observe(run(), finished(RunPhase.Failed), RunReports.pending(run(), finished(RunPhase.Failed)), null,
                terminated(0, summary(new ReportSummary(12, 1, 0, 0, 1, 900, null, null))));
        assertThat(ready.phase).isEqualTo(ReportStatus.Phase.Ready);
        assertThat(List.of(ready.tests, ready.failures, ready.errors, ready.skipped, ready.flaky)).containsExactly(12, 1, 0, 0, 1);
        assertThat(ready.reason).isNull();

        TestSuiteRunStatus status = RunReports.withReport(finished(RunPhase.Failed), run(), ready, NOW);
        Condition condition = Conditions.get(status.conditions, RunReports.REPORT_READY);
        assertThat(condition.getStatus()).isEqualTo("True");
        assertThat(condition.getReason()).isEqualTo(RunReports.WRITTEN);
        assertThat(status.phase).as("the verdict stays").isEqualTo(RunPhase.Failed);
    }

    @Test
    void countsThatDifferFromTheRunsTotalsFailTheReport() {
        ReportStatus report = RunReports.observe(run(), finished(RunPhase.Failed), RunReports.pending(run(), finished(RunPhase.Failed)), null,
                terminated(0, summary(new ReportSummary(11, 1, 0, 0, 0, 900, null, null))));
        assertThat(report.phase).isEqualTo(ReportStatus.Phase.Failed);
        assertThat(report.reason).isEqualTo(RunReports.COUNTS_MISMATCH);
        assertThat(report.message).contains("tests 11 vs 12").contains("flaky 0 vs 1");
        assertThat(report.tests).isEqualTo(11);
    }

    @Test
    void theReportersOwnReasonIsKept() {
        ReportStatus report = RunReports.observe(run(), finished(RunPhase.Failed), RunReports.pending(run(), finished(RunPhase.Failed)), null,
                terminated(2, summary(ReportSummary.failed(ReportSummary.STORE_UNREACHABLE, "store unreachable: connection refused", 10))));
        assertThat(report.phase).isEqualTo(ReportStatus.Phase.Failed);
        assertThat(report.reason).isEqualTo("StoreUnreachable");
        assertThat(report.message).isEqualTo("store unreachable: connection refused");
    }

    @Test
    void aMalformedSummaryFailsTheReportWithAClearReasonNeverACrash() {
        for (String message : new String[] {null, "", "{not json", "{\"v\":\"v1\"}", "Killed"}) {
            ReportStatus report = RunReports.observe(run(), finished(RunPhase.Failed), RunReports.pending(run(), finished(RunPhase.Failed)), null,
                    terminated(137, message));
            assertThat(report.phase).as(String.valueOf(message)).isEqualTo(ReportStatus.Phase.Failed);
            assertThat(report.reason).isEqualTo(ReportSummary.REPORTER_FAILED);
            assertThat(report.message).startsWith("the reporter").endsWith("(exit code 137)");
        }
    }

    @Test
    void aRunningReporterStaysPendingAndAFailedJobWithoutPodFailsTheReport() {
        ReportStatus pending = RunReports.pending(run(), finished(RunPhase.Failed));
        Pod running = new PodBuilder(terminated(0, "")).editStatus().withPhase("Running").editFirstContainerStatus()
                .withNewState().withNewRunning().endRunning().endState().endContainerStatus().endStatus().build();
        assertThat(RunReports.observe(run(), finished(RunPhase.Failed), pending, null, running)).isSameAs(pending);
        assertThat(RunReports.observe(run(), finished(RunPhase.Failed), pending, null, null)).isSameAs(pending);

        Job deadline = new JobBuilder().withNewMetadata().withName("nightly-report").endMetadata().withNewStatus()
                .addNewCondition().withType("Failed").withStatus("True").withReason("DeadlineExceeded")
                .withMessage("Job was active longer than specified deadline").endCondition().endStatus().build();
        ReportStatus failed = RunReports.observe(run(), finished(RunPhase.Failed), pending, deadline, null);
        assertThat(failed.phase).isEqualTo(ReportStatus.Phase.Failed);
        assertThat(failed.message).contains("DeadlineExceeded");
    }

    @Test
    void aFinishedReportIsNotObservedAgain() {
        ReportStatus ready = RunReports.pending(run(), finished(RunPhase.Failed));
        ready.phase = ReportStatus.Phase.Ready;
        assertThat(RunReports.observe(run(), finished(RunPhase.Failed), ready, null, terminated(2, "junk"))).isSameAs(ready);
    }
}
