package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.report.ReportSummary;
import dev.proctor.core.report.ReportSummaryCodec;
import dev.proctor.operator.api.v1alpha1.ReportStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import dev.proctor.testcluster.executor.PodScript;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run's report on a real API server: a finished run with a store gets exactly one {@code <run>-report} Job, also
 * across an operator restart; the reporter pod's termination message (scripted here, the real reporter runs in
 * TechShopArtifactStoreIT) becomes {@code status.report} — Ready with counts equal to the run's totals, or Failed with
 * a clear reason for counts that differ, a garbled message, or a store the reporter could not reach — while the run's
 * verdict stays what it was. A run without a store gets no report.
 */
@WithControlPlane
class ReportIT {
    private static final String STORE = """
              artifacts:
                store:
                  endpoint: http://127.0.0.1:9
                  bucket: proctor-artifacts
                  prefix: ci
                  pathStyle: true
                  credentialsSecret:
                    name: store-keys
            """;

    @Test
    void aFinishedRunGetsOneReportJobWhoseCountsTheOperatorChecks(KubernetesClient client, TestNamespace ns) {
        ProctorStack stack = ProctorStack.get();
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("store-keys").endMetadata()
                .addToStringData("accessKeyId", "proctor").addToStringData("secretAccessKey", "not-a-real-key").build()).create();
        stack.executor.script(ns.name(), pod -> isReporter(pod) ? reporter(client, pod) : PodScript.run());

        Runs.create(client, "good", 2, Map.of("PROCTOR_FAKE_FAIL", "dev.proctor.fake.CartTest#empties"), STORE);
        Runs.create(client, "mismatch", 2, Map.of(), STORE);
        Runs.create(client, "garbled", 1, Map.of(), STORE);
        Runs.create(client, "down", 1, Map.of(), STORE);
        Runs.create(client, "nostore", 1, Map.of(), "");
        List<String> reported = List.of("good", "mismatch", "garbled", "down");
        for (String run : reported) awaitReport(client, run);
        TestSuiteRun nostore = Runs.awaitFinished(client, "nostore");

        TestSuiteRun good = Runs.get(client, "good");
        ReportStatus report = good.getStatus().report;
        assertThat(good.getStatus().phase.name()).as("the verdict stays").isEqualTo("Failed");
        assertThat(report.phase).isEqualTo(ReportStatus.Phase.Ready);
        TestSuiteRunStatus.Totals totals = good.getStatus().totals;
        assertThat(List.of(report.tests, report.failures + report.errors, report.skipped, report.flaky))
                .containsExactly(totals.tests, totals.failed, totals.skipped, totals.flaky);
        assertThat(report.tests).isPositive();
        assertThat(report.failures).isPositive();
        assertThat(report.html).isEqualTo("s3://proctor-artifacts/ci/" + ns.name() + "/good/report/index.html");
        assertThat(Runs.condition(good, "ReportReady")).isEqualTo("True");

        ReportStatus mismatch = Runs.get(client, "mismatch").getStatus().report;
        assertThat(mismatch.phase).isEqualTo(ReportStatus.Phase.Failed);
        assertThat(mismatch.reason).isEqualTo("CountsMismatch");
        assertThat(mismatch.message).contains("tests ").contains(" vs ");
        ReportStatus garbled = Runs.get(client, "garbled").getStatus().report;
        assertThat(garbled.reason).isEqualTo("ReporterFailed");
        assertThat(garbled.message).startsWith("the reporter's summary is not valid JSON").endsWith("(exit code 137)");
        ReportStatus down = Runs.get(client, "down").getStatus().report;
        assertThat(down.reason).isEqualTo("StoreUnreachable");
        assertThat(down.message).startsWith("store unreachable: Connection refused");
        assertThat(Runs.condition(Runs.get(client, "down"), "ReportReady")).isEqualTo("False");
        assertThat(Runs.get(client, "down").getStatus().phase.name()).isEqualTo("Succeeded");

        assertThat(nostore.getStatus().report).isNull();
        assertThat(Runs.jobs(client, "nostore")).noneMatch(ReportIT::isReporter);
        await("the Events of the reports").atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().list().getItems().stream()
                .filter(e -> "ReportReady".equals(e.getReason()) || "ReportFailed".equals(e.getReason())).count() == 4);

        // a restarted operator re-reads every finished run: no second reporter, none replaced, the reports as they were
        Map<String, String> before = reportJobs(client);
        assertThat(before).containsOnlyKeys("good-report", "mismatch-report", "garbled-report", "down-report");
        stack.operator.stop();
        stack.operator.start();
        Runs.create(client, "after-restart", 1, Map.of(), "");
        Runs.awaitFinished(client, "after-restart"); // the restarted operator has reconciled
        await("the restarted operator has seen the finished runs").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> reportJobs(client).equals(before));
        for (String run : reported) {
            assertThat(Runs.get(client, run).getStatus().report.phase).isNotEqualTo(ReportStatus.Phase.Pending);
        }
    }

    private static boolean isReporter(io.fabric8.kubernetes.api.model.HasMetadata object) {
        return "report".equals(object.getMetadata().getLabels().get(ProctorNames.LABEL_COMPONENT));
    }

    /** Job name → uid@creationTimestamp of every reporter Job in the namespace. */
    private static Map<String, String> reportJobs(KubernetesClient client) {
        return Runs.jobsOf(client).stream().filter(ReportIT::isReporter).collect(java.util.stream.Collectors.toMap(
                j -> j.getMetadata().getName(), (Job j) -> j.getMetadata().getUid() + "@" + j.getMetadata().getCreationTimestamp()));
    }

    /** What the reporter pod of each run ends with: the run's own counts, other counts, junk, or a store that is down. */
    private static PodScript reporter(KubernetesClient client, Pod pod) {
        String run = pod.getMetadata().getLabels().get(ProctorNames.LABEL_RUN);
        TestSuiteRun finished = Runs.awaitFinished(client, run);
        TestSuiteRunStatus.Totals t = finished.getStatus().totals;
        ReportSummary summary = switch (run) {
            case "good" -> new ReportSummary(t.tests, t.failed, 0, t.skipped, t.flaky, 12, null, null);
            case "mismatch" -> new ReportSummary(t.tests + 1, t.failed, 0, t.skipped, t.flaky, 12, null, null);
            case "down" -> ReportSummary.failed(ReportSummary.STORE_UNREACHABLE,
                    "store unreachable: Connection refused (s3://proctor-artifacts/ci/" + pod.getMetadata().getNamespace() + "/down/)", 40);
            default -> null;
        };
        if (summary == null) return PodScript.exited(137, "Killed");
        return PodScript.exited(summary.ok() ? 0 : 2, new String(ReportSummaryCodec.encode(summary), StandardCharsets.UTF_8));
    }

    private static void awaitReport(KubernetesClient client, String run) {
        await("the report of " + run).atMost(Runs.FINISH_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
            TestSuiteRun current = Runs.get(client, run);
            return current != null && current.getStatus() != null && current.getStatus().report != null
                    && current.getStatus().report.phase != ReportStatus.Phase.Pending;
        });
    }
}
