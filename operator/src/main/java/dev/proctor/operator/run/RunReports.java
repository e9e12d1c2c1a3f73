package dev.proctor.operator.run;

import dev.proctor.core.plan.RunnerContract;
import dev.proctor.core.report.ReportSummary;
import dev.proctor.core.report.ReportSummaryCodec;
import dev.proctor.core.run.AttemptFacts;
import dev.proctor.core.run.RunPhase;
import dev.proctor.core.state.Decoded;
import dev.proctor.core.time.GoDuration;
import dev.proctor.operator.api.v1alpha1.ArtifactStoreSpec;
import dev.proctor.operator.api.v1alpha1.EnvironmentSpec;
import dev.proctor.operator.api.v1alpha1.ReportStatus;
import dev.proctor.operator.api.v1alpha1.ShardStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The run's merged report, as pure functions: whether a run gets one, its reporter Job, and {@code status.report} with
 * its {@code ReportReady} condition from what the reporter's pod says. The reporter works where the store's
 * credentials already go (a pod with the Secret refs); the operator only reads its termination message and checks its
 * counts against the run's totals. The run's phase and verdict never depend on it.
 */
final class RunReports {
    /** Present once a run with a store has finished: True when the report is stored and its counts match the run's. */
    static final String REPORT_READY = "ReportReady";
    static final String PENDING = "ReportPending";
    static final String WRITTEN = "ReportWritten";
    static final String COUNTS_MISMATCH = "CountsMismatch";
    static final String JOB_REJECTED = "JobRejected";

    private RunReports() {}

    /**
     * Whether the run gets a report: it uses a store (its own or its namespace's default) and has finished with shards that ran (an Error before any test
     * ran has nothing to report).
     */
    static boolean wanted(TestSuiteRun run, TestSuiteRunStatus status) {
        if (status == null || store(run, status) == null || status.phase == null || !status.phase.isTerminal()) return false;
        if (status.phase != RunPhase.Error) return true;
        return status.shards != null && status.shards.stream().anyMatch(s -> s.done && s.tests != null && s.tests > 0);
    }

    /** {@code status.report} while the reporter Job runs. */
    static ReportStatus pending(TestSuiteRun run, TestSuiteRunStatus status) {
        ArtifactStoreSpec store = store(run, status);
        String folder = "s3://" + store.bucket + "/"
                + ProctorNames.artifactsRunPrefix(store.prefix, run.getMetadata().getNamespace(), run.getMetadata().getName());
        ReportStatus report = new ReportStatus();
        report.phase = ReportStatus.Phase.Pending;
        report.job = ProctorNames.reportJob(run.getMetadata().getName());
        report.html = folder + RunnerContract.REPORT_HTML;
        report.junit = folder + RunnerContract.REPORT_JUNIT;
        return report;
    }

    /** The reporter Job: the runner image in report mode, the store's settings on the run's folder, create-only. */
    static Job job(TestSuiteRun run, TestSuiteRunStatus status, ShardJobs.Defaults defaults) {
        ArtifactStoreSpec store = store(run, status);
        String namespace = run.getMetadata().getNamespace();
        String name = run.getMetadata().getName();
        List<EnvVar> env = new ArrayList<>();
        env.add(ShardJobs.plain(RunnerContract.MODE, RunnerContract.MODE_REPORT));
        env.add(ShardJobs.plain(RunnerContract.RUN, name));
        env.add(ShardJobs.plain(RunnerContract.SUITE, run.getSpec().suite));
        env.add(ShardJobs.plain(RunnerContract.TERMINATION_LOG, ProctorNames.TERMINATION_LOG));
        env.add(ShardJobs.plain("HOME", "/tmp"));
        env.add(ShardJobs.plain(RunnerContract.REPORT_ATTEMPTS, attempts(status.shards)));
        env.add(ShardJobs.plain(RunnerContract.REPORT_TREND_KEY, ProctorNames.trendKey(store.prefix, namespace, run.getSpec().suite)));
        env.add(ShardJobs.plain(RunnerContract.REPORT_VERDICT, status.phase.name()));
        if (status.startTime != null) env.add(ShardJobs.plain(RunnerContract.REPORT_STARTED, status.startTime));
        if (status.completionTime != null) env.add(ShardJobs.plain(RunnerContract.REPORT_FINISHED, status.completionTime));
        env.addAll(ShardJobs.storeEnv(store, ProctorNames.artifactsRunPrefix(store.prefix, namespace, name)));
        // the environment's secrets, only so that the reporter masks them wherever a test's output carried them
        EnvironmentSpec environment = run.getSpec().environment;
        if (environment != null && environment.secrets != null) {
            for (EnvironmentSpec.SecretEnv secret : environment.secrets) {
                env.add(new EnvVarBuilder().withName(secret.name)
                        .withNewValueFrom().withSecretKeyRef(secret.secretKeyRef).endValueFrom().build());
            }
            env.add(ShardJobs.plain(RunnerContract.REPORT_SECRET_ENV,
                    environment.secrets.stream().map(s -> s.name).collect(Collectors.joining(","))));
        }
        Duration deadline = run.getSpec().timeout == null ? defaults.shardTimeout() : GoDuration.parse(run.getSpec().timeout);
        return ShardJobs.runnerJob(run, ProctorNames.reportJob(name), ProctorNames.reportLabels(run), deadline, env,
                List.of(new VolumeBuilder().withName(ShardJobs.TMP_VOLUME).withNewEmptyDir().endEmptyDir().build()),
                List.of(new VolumeMountBuilder().withName(ShardJobs.TMP_VOLUME).withMountPath("/tmp").build()), defaults);
    }

    /** {@code <shard>:<last attempt>} of every shard, as the reporter reads them. */
    static String attempts(List<ShardStatus> shards) {
        if (shards == null) return "";
        return shards.stream().map(s -> s.index + ":" + s.attempt).collect(Collectors.joining(","));
    }

    /** The report after an API server refused its Job for good. */
    static ReportStatus rejected(TestSuiteRun run, TestSuiteRunStatus status, String message) {
        ReportStatus report = pending(run, status);
        report.phase = ReportStatus.Phase.Failed;
        report.reason = JOB_REJECTED;
        report.message = message;
        return report;
    }

    /**
     * The report as the reporter's Job and newest pod show it: still Pending until the pod has terminated (or the Job
     * failed without one); then Ready, or Failed with the reporter's reason, a malformed summary's, or
     * {@link #COUNTS_MISMATCH} when its counts are not the run's totals.
     */
    static ReportStatus observe(TestSuiteRun run, TestSuiteRunStatus status, ReportStatus current, Job job, Pod pod) {
        if (current == null || current.phase != ReportStatus.Phase.Pending) return current;
        AttemptFacts.Terminated terminated = pod == null ? null : RunObserver.podFacts(pod).terminated();
        ReportStatus next = pending(run, status);
        if (terminated == null) {
            JobCondition failed = failedCondition(job);
            if (failed == null) return current;
            return failed(next, ReportSummary.REPORTER_FAILED, "the reporter Job failed (" + failed.getReason() + ")"
                    + (failed.getMessage() == null ? "" : ": " + failed.getMessage()));
        }
        Decoded<ReportSummary> decoded = ReportSummaryCodec.decode(terminated.message());
        if (!decoded.ok()) {
            return failed(next, ReportSummary.REPORTER_FAILED, decoded.unreadable() + " (exit code " + terminated.exitCode() + ")");
        }
        ReportSummary summary = decoded.value();
        if (!summary.ok()) {
            return failed(next, summary.reason() == null ? ReportSummary.REPORTER_FAILED : summary.reason(), summary.error());
        }
        next.tests = summary.tests();
        next.failures = summary.failures();
        next.errors = summary.errors();
        next.skipped = summary.skipped();
        next.flaky = summary.flaky();
        String mismatch = mismatch(summary, status.totals);
        if (mismatch != null) return failed(next, COUNTS_MISMATCH, mismatch);
        next.phase = ReportStatus.Phase.Ready;
        return next;
    }

    /** How the report's counts differ from the run's totals (failures and errors both count as failed), or null. */
    static String mismatch(ReportSummary summary, TestSuiteRunStatus.Totals totals) {
        int tests = totals == null ? 0 : totals.tests;
        int failed = totals == null ? 0 : totals.failed;
        int skipped = totals == null ? 0 : totals.skipped;
        int flaky = totals == null ? 0 : totals.flaky;
        List<String> differ = new ArrayList<>();
        if (summary.tests() != tests) differ.add("tests " + summary.tests() + " vs " + tests);
        if (summary.failures() + summary.errors() != failed) differ.add("failed " + (summary.failures() + summary.errors()) + " vs " + failed);
        if (summary.skipped() != skipped) differ.add("skipped " + summary.skipped() + " vs " + skipped);
        if (summary.flaky() != flaky) differ.add("flaky " + summary.flaky() + " vs " + flaky);
        return differ.isEmpty() ? null : "the merged JUnit XML's counts differ from the run's totals (report vs run): " + String.join(", ", differ);
    }

    /** ReportReady from {@code status.report}; null when the run has no report. */
    static Condition condition(List<Condition> previous, ReportStatus report, long generation, Instant now) {
        if (report == null) return null;
        return switch (report.phase) {
            case Pending -> Conditions.condition(previous, REPORT_READY, false, PENDING, "the reporter Job " + report.job
                    + " is building the report", generation, now);
            case Ready -> Conditions.condition(previous, REPORT_READY, true, WRITTEN, "report of " + report.tests + " tests stored at "
                    + report.html, generation, now);
            case Failed -> Conditions.condition(previous, REPORT_READY, false, report.reason, report.message, generation, now);
        };
    }

    /** {@code status} with {@code report} and its condition; the rest, phase and verdict included, as it was. */
    static TestSuiteRunStatus withReport(TestSuiteRunStatus status, TestSuiteRun run, ReportStatus report, Instant now) {
        TestSuiteRunStatus copy = RunStatusAggregator.copy(status);
        long generation = run.getMetadata().getGeneration() == null ? 0 : run.getMetadata().getGeneration();
        copy.report = report;
        Condition condition = condition(status.conditions, report, generation, now);
        List<Condition> conditions = new ArrayList<>();
        if (status.conditions != null) status.conditions.stream().filter(c -> !REPORT_READY.equals(c.getType())).forEach(conditions::add);
        if (condition != null) conditions.add(condition);
        copy.conditions = conditions;
        return copy;
    }

    /** The reporter's Job among the run's Jobs, and its newest pod among the run's pods. */
    static Job reportJob(TestSuiteRun run, Collection<Job> jobs) {
        String name = ProctorNames.reportJob(run.getMetadata().getName());
        return jobs.stream().filter(j -> name.equals(j.getMetadata().getName())).findFirst().orElse(null);
    }

    static Pod reportPod(Collection<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getMetadata().getLabels() != null && "report".equals(p.getMetadata().getLabels().get(ProctorNames.LABEL_COMPONENT)))
                .max((a, b) -> Objects.requireNonNullElse(a.getMetadata().getCreationTimestamp(), "")
                        .compareTo(Objects.requireNonNullElse(b.getMetadata().getCreationTimestamp(), "")))
                .orElse(null);
    }

    private static ReportStatus failed(ReportStatus report, String reason, String message) {
        report.phase = ReportStatus.Phase.Failed;
        report.reason = reason;
        report.message = message;
        return report;
    }

    private static JobCondition failedCondition(Job job) {
        if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) return null;
        return job.getStatus().getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())).findFirst().orElse(null);
    }

    /** The run's own store or the namespace default it recorded when it started ({@link RunStores}). */
    private static ArtifactStoreSpec store(TestSuiteRun run, TestSuiteRunStatus status) {
        return RunStores.recorded(run, status).spec();
    }
}
