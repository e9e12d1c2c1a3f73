package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteSchedule;
import dev.proctor.operator.api.v1alpha1.TestSuiteScheduleStatus;
import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.OperatorProcess;
import dev.proctor.testcluster.TestNamespace;
import dev.proctor.testcluster.WithControlPlane;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TestSuiteSchedules on the real control plane, with the operator's schedule time running 60 times faster than the
 * clock (a five-minute slot every five seconds; {@code proctor.schedules.time-scale}, a test-only setting): runs made
 * for their slots and named from them, an operator killed across a slot making exactly one run for it, Forbid skipping
 * with an Event, Replace stopping the running run, history limits pruning, suspend and resume without a burst, run-now,
 * and a leader failover across a slot making one run.
 */
@WithControlPlane(namespacePer = WithControlPlane.Scope.METHOD)
class ScheduleIT {
    static final double SCALE = 60;
    /** Five minutes of schedule time. */
    static final Duration SLOT = Duration.ofSeconds(5);
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final Instant ORIGIN = Instant.now();
    static final Map<String, String> SCALED = Map.of("PROCTOR_SCHEDULES_TIME_SCALE", Double.toString(SCALE),
            "PROCTOR_SCHEDULES_TIME_ORIGIN", ORIGIN.toString());
    private static final List<OperatorProcess> standIns = new ArrayList<>();
    private static OperatorProcess operator;

    @BeforeAll
    static void scaledOperator() {
        ProctorStack stack = ProctorStack.get();
        stack.operator.stop();
        operator = stack.standIn("operator-scheduled", SCALED);
        standIns.add(operator);
    }

    @AfterAll
    static void sharedOperatorBack() {
        standIns.forEach(OperatorProcess::close);
        ProctorStack.get().operator.start();
    }

    @Test
    void everySlotGetsOneRunNamedFromItsTime(KubernetesClient client, TestNamespace ns, ControlPlane plane) {
        create(client, "every5", "*/5 * * * *", "", "");
        List<TestSuiteRun> runs = awaitRuns(client, "every5", 3);
        List<Instant> slots = runs.stream().map(ScheduleIT::slot).sorted().toList();
        for (int i = 1; i < slots.size(); i++) {
            assertThat(Duration.between(slots.get(i - 1), slots.get(i))).as("consecutive five-minute slots").isEqualTo(Duration.ofMinutes(5));
        }
        for (TestSuiteRun run : runs) {
            Instant slot = slot(run);
            assertThat(slot.getEpochSecond() % 300).as("on the five-minute mark").isZero();
            assertThat(run.getMetadata().getName()).isEqualTo("every5-" + slot.getEpochSecond() / 60);
            assertThat(run.getMetadata().getLabels()).containsEntry(ProctorNames.LABEL_SCHEDULE, "every5")
                    .containsEntry("environment", "production").containsEntry(ProctorNames.LABEL_SUITE, "fake");
            assertThat(run.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getKind()).isEqualTo("TestSuiteSchedule"));
            // made when its slot came: the schedule time of its creation is at or just after the slot
            Instant createdAt = scheduleTime(Instant.parse(run.getMetadata().getCreationTimestamp()));
            assertThat(Duration.between(slot, createdAt)).isBetween(Duration.ofSeconds(-60), Duration.ofMinutes(3));
        }
        TestSuiteScheduleStatus status = status(client, "every5");
        assertThat(Instant.parse(status.nextScheduleTime)).isEqualTo(Instant.parse(status.lastScheduleTime).plus(Duration.ofMinutes(5)));
        assertThat(condition(status)).isEqualTo("True");
        ControlPlane.CommandResult get = plane.kubectl("get", "tss", "-n", ns.name());
        assertThat(get.stdout()).contains("SCHEDULE", "SUSPEND", "ACTIVE", "LAST RESULT", "LAST RUN", "NEXT", "*/5 * * * *");
        System.out.println("\n### kubectl get tss\n\n```\n" + get.stdout() + "```\n");
    }

    @Test
    void anOperatorKilledAcrossASlotMakesExactlyOneRunForIt(KubernetesClient client, TestNamespace ns) {
        create(client, "crash", "*/5 * * * *", "  startingDeadlineSeconds: 3600\n", "");
        awaitRuns(client, "crash", 1);
        operator.kill();
        // the slot after the last run made before the kill (the status's next slot may have come and run between
        // reading it and the kill on a loaded machine); nothing makes runs while the operator is down
        Instant next = runs(client, "crash").stream().map(ScheduleIT::slot).max(Comparator.naturalOrder()).orElseThrow()
                .plus(Duration.ofMinutes(5));
        await("the slot " + next + " to pass while the operator is down").atMost(PATIENCE)
                .until(() -> scheduleTime(Instant.now()).isAfter(next.plus(Duration.ofMinutes(6))));
        operator.start();
        await("the catch-up run").atMost(PATIENCE).until(() -> runs(client, "crash").stream().anyMatch(r -> slot(r).isAfter(next)));
        Map<Instant, Integer> perSlot = new TreeMap<>();
        runs(client, "crash").forEach(r -> perSlot.merge(slot(r), 1, Integer::sum));
        assertThat(perSlot.values()).as("runs per slot").containsOnly(1);
        assertThat(perSlot).as("the missed slot ran no run of its own: one catch-up for the latest").doesNotContainKey(next);
        // the slots that passed while it was down (one, or more while the JVM started) are reported, not run
        awaitEvent(client, "crash", "MissedSchedule", "missed ");
    }

    @Test
    void forbidSkipsASlotWhileARunIsGoing(KubernetesClient client, TestNamespace ns) {
        create(client, "forbid", "*/5 * * * *", "  concurrencyPolicy: Forbid\n", slowRunner(12_000));
        awaitRuns(client, "forbid", 1);
        awaitEvent(client, "forbid", "SkippedRun", "still running (concurrencyPolicy Forbid)");
        assertThat(runs(client, "forbid").stream().filter(r -> !finished(r)).count()).as("never two at once").isLessThanOrEqualTo(1);
    }

    @Test
    void replaceStopsTheRunningRunForTheNextSlot(KubernetesClient client, TestNamespace ns) {
        create(client, "replace", "*/5 * * * *", "  concurrencyPolicy: Replace\n", slowRunner(30_000));
        TestSuiteRun first = awaitRuns(client, "replace", 1).get(0);
        awaitEvent(client, "replace", "RunStopped", "stopped " + first.getMetadata().getName());
        await("the first run gone").atMost(PATIENCE).until(() -> Runs.get(client, first.getMetadata().getName()) == null);
        assertThat(runs(client, "replace")).isNotEmpty().noneMatch(r -> r.getMetadata().getName().equals(first.getMetadata().getName()));
    }

    @Test
    void historyLimitsPruneOldRuns(KubernetesClient client, TestNamespace ns) {
        create(client, "history", "*/5 * * * *", "  successfulRunsHistoryLimit: 2\n", "");
        await("four runs made").atMost(PATIENCE).until(() -> status(client, "history") != null
                && status(client, "history").lastScheduleTime != null && slotsSinceFirst(client, "history") >= 4);
        await("at most two finished runs kept").atMost(PATIENCE)
                .until(() -> runs(client, "history").stream().filter(ScheduleIT::finished).count() <= 2);
        assertThat(status(client, "history").lastResult).isEqualTo("Succeeded");
    }

    @Test
    void suspendAndResumeWithoutABurst(KubernetesClient client, TestNamespace ns) {
        create(client, "paused", "*/5 * * * *", "  suspend: true\n", "");
        await("suspended").atMost(PATIENCE).until(() -> status(client, "paused") != null
                && "Suspended".equals(reason(status(client, "paused"))));
        assertThat(status(client, "paused").nextScheduleTime).isNull();
        await("three slots pass").pollDelay(SLOT.multipliedBy(3)).atMost(SLOT.multipliedBy(4)).until(() -> true);
        assertThat(runs(client, "paused")).as("nothing while suspended").isEmpty();

        client.resources(TestSuiteSchedule.class).withName("paused").edit(s -> {
            s.getSpec().suspend = false;
            return s;
        });
        await("the catch-up run").atMost(PATIENCE).until(() -> !runs(client, "paused").isEmpty());
        Instant resumed = Instant.now();
        // the next slot comes within one slot; until then, one catch-up run at most
        await().pollDelay(Duration.ofMillis(500)).atMost(SLOT).until(() -> true);
        long beforeNextSlot = runs(client, "paused").stream()
                .filter(r -> Instant.parse(r.getMetadata().getCreationTimestamp()).isBefore(resumed.plusMillis(500))).count();
        assertThat(beforeNextSlot).as("runs on resume").isEqualTo(1);
        awaitEvent(client, "paused", "MissedSchedule", "missed");
    }

    @Test
    void runNowMakesOneRunAndClearsTheAnnotation(KubernetesClient client, TestNamespace ns) {
        create(client, "manual", "0 0 1 1 *", "", "");
        await("scheduled").atMost(PATIENCE).until(() -> status(client, "manual") != null && status(client, "manual").nextScheduleTime != null);
        client.resources(TestSuiteSchedule.class).withName("manual").edit(s -> {
            s.getMetadata().getAnnotations().put(TestSuiteSchedule.RUN_NOW, "1");
            return s;
        });
        await("the manual run").atMost(PATIENCE).until(() -> runs(client, "manual").size() == 1);
        TestSuiteRun run = runs(client, "manual").get(0);
        assertThat(run.getMetadata().getName()).startsWith("manual-m");
        assertThat(run.getMetadata().getAnnotations()).containsEntry(ProctorNames.ANNOTATION_TRIGGER, "manual");
        await("the annotation cleared").atMost(PATIENCE).until(() -> client.resources(TestSuiteSchedule.class).withName("manual").get()
                .getMetadata().getAnnotations().get(TestSuiteSchedule.RUN_NOW) == null);
        assertThat(Runs.awaitFinished(client, run.getMetadata().getName()).getStatus().phase).isEqualTo(RunPhase.Succeeded);
        assertThat(runs(client, "manual")).hasSize(1);
    }

    @Test
    void aLeaderFailoverAcrossASlotMakesOneRun(KubernetesClient client, TestNamespace ns) {
        OperatorProcess standby = ProctorStack.get().standIn("operator-standby", SCALED);
        standIns.add(standby);
        try {
            create(client, "failover", "*/5 * * * *", "  startingDeadlineSeconds: 3600\n", "");
            awaitRuns(client, "failover", 1);
            Instant next = Instant.parse(status(client, "failover").nextScheduleTime);
            Instant realSlot = realTime(next);
            await("just before the slot").atMost(PATIENCE).until(() -> Instant.now().isAfter(realSlot.minusMillis(800)));
            operator.stop(); // SIGTERM: the Lease is handed over; the standby takes the slot
            await("the standby runs the slot").atMost(PATIENCE)
                    .until(() -> runs(client, "failover").stream().anyMatch(r -> !slot(r).isBefore(next)));
            Map<Instant, Integer> perSlot = new TreeMap<>();
            runs(client, "failover").forEach(r -> perSlot.merge(slot(r), 1, Integer::sum));
            assertThat(perSlot.values()).as("runs per slot across the failover").containsOnly(1);
        } finally {
            standby.close();
            standIns.remove(standby);
            operator.start();
        }
    }

    private static void create(KubernetesClient client, String name, String schedule, String extraSpec, String runnerEnv) {
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: proctor.dev/v1alpha1
                kind: TestSuiteSchedule
                metadata:
                  name: %s
                  annotations: {note: test}
                spec:
                  schedule: "%s"
                  timeZone: Europe/Berlin
                %s  runTemplate:
                    metadata:
                      labels: {environment: production}
                    spec:
                      suite: fake
                      runner:
                        image: ghcr.io/proctor-dev/fake-suite:0.1.0
                %s      sharding: {shards: 1}
                """.formatted(name, schedule, extraSpec, runnerEnv), TestSuiteSchedule.class)).create();
    }

    private static String slowRunner(long millis) {
        return "        env: [{name: PROCTOR_FAKE_MILLIS, value: \"" + millis + "\"}]\n";
    }

    private static List<TestSuiteRun> awaitRuns(KubernetesClient client, String schedule, int count) {
        await(count + " runs of " + schedule).atMost(PATIENCE).until(() -> runs(client, schedule).size() >= count);
        return runs(client, schedule);
    }

    static List<TestSuiteRun> runs(KubernetesClient client, String schedule) {
        return client.resources(TestSuiteRun.class).withLabel(ProctorNames.LABEL_SCHEDULE, schedule).list().getItems().stream()
                .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(r -> r.getMetadata().getName())).toList();
    }

    private static long slotsSinceFirst(KubernetesClient client, String schedule) {
        TestSuiteScheduleStatus s = status(client, schedule);
        TestSuiteSchedule tss = client.resources(TestSuiteSchedule.class).withName(schedule).get();
        Instant created = scheduleTime(Instant.parse(tss.getMetadata().getCreationTimestamp()));
        return Duration.between(created, Instant.parse(s.lastScheduleTime)).toMinutes() / 5 + 1;
    }

    static Instant slot(TestSuiteRun run) {
        return Instant.parse(run.getMetadata().getAnnotations().get(ProctorNames.ANNOTATION_SCHEDULED_AT));
    }

    static boolean finished(TestSuiteRun run) {
        return Runs.phase(run) != null && Runs.phase(run).isTerminal();
    }

    static TestSuiteScheduleStatus status(KubernetesClient client, String schedule) {
        TestSuiteSchedule tss = client.resources(TestSuiteSchedule.class).withName(schedule).get();
        return tss == null ? null : tss.getStatus();
    }

    private static String condition(TestSuiteScheduleStatus status) {
        return status.conditions.stream().filter(c -> "Ready".equals(c.getType())).map(c -> c.getStatus()).findFirst().orElse(null);
    }

    private static String reason(TestSuiteScheduleStatus status) {
        return status.conditions == null ? null : status.conditions.stream().filter(c -> "Ready".equals(c.getType()))
                .map(c -> c.getReason()).findFirst().orElse(null);
    }

    static Instant scheduleTime(Instant real) {
        return ORIGIN.plusMillis(Math.round((real.toEpochMilli() - ORIGIN.toEpochMilli()) * SCALE));
    }

    static Instant realTime(Instant scheduleTime) {
        return ORIGIN.plusMillis(Math.round((scheduleTime.toEpochMilli() - ORIGIN.toEpochMilli()) / SCALE));
    }

    static void awaitEvent(KubernetesClient client, String object, String reason, String mentions) {
        await("a " + reason + " Event on " + object).atMost(PATIENCE).until(() -> client.v1().events()
                .withField("involvedObject.name", object).list().getItems().stream()
                .anyMatch((Event e) -> reason.equals(e.getReason()) && e.getMessage().contains(mentions)));
    }
}
