package dev.proctor.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.AlertRules;
import dev.proctor.core.alert.AlertType;
import dev.proctor.core.alert.Severity;
import dev.proctor.core.sla.RunRecord;
import dev.proctor.core.sla.TestRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncidentRulesTest {
    static final Duration TEN_MIN = Duration.ofMinutes(10);
    static final List<RunRecord> RUNS = TestRuns.every(TEN_MIN, 36, Set.of(35, 36));
    static final Instant OPEN = TestRuns.at(TEN_MIN, 36);
    static final IncidentPolicy POLICY = IncidentPolicy.of(List.of(Duration.ofMinutes(30), Duration.ofMinutes(15)),
            Duration.ofMinutes(30));

    static Alert burn(String pair, Severity severity) {
        return Alert.firing(AlertType.SLOBurnRate, severity, Map.of("policy", "shop-slo", "objective", "pass", "suite", "shop",
                AlertRules.BURN_PAIR, pair, AlertRules.LONG_WINDOW, pair.split("/")[0]), Map.of("summary", "pass burns"), OPEN);
    }

    static Instant plus(int minutes) {
        return OPEN.plus(Duration.ofMinutes(minutes));
    }

    static IncidentRules.Step observe(IncidentBook book, int minutes, Alert... alerts) {
        return IncidentRules.observe(book, POLICY, List.of(alerts), RUNS, plus(minutes));
    }

    @Test
    void opensOneIncidentPerBurningObjectiveWithAShortStableId() {
        IncidentRules.Step step = observe(IncidentBook.empty(), 0, burn("1h/5m", Severity.Page), burn("6h/30m", Severity.Page),
                burn("24h/2h", Severity.Ticket));

        Incident incident = step.book().incidents().get(0);
        assertThat(step.book().incidents()).hasSize(1);
        assertThat(incident.id()).matches("inc-[0-9a-f]{8}-" + OPEN.getEpochSecond());
        assertThat(incident.state()).isEqualTo(IncidentState.Open);
        assertThat(incident.labels()).doesNotContainKeys("severity", AlertRules.BURN_PAIR, AlertRules.LONG_WINDOW);
        assertThat(incident.firstBadRunAt()).isEqualTo(TestRuns.at(TEN_MIN, 35));
        assertThat(incident.badRuns()).containsExactly("smoke-35", "smoke-36");
        assertThat(incident.failedTests()).containsExactly("shop.CheckoutTest#pay", "shop.LoginTest#login");
        assertThat(incident.timeline()).extracting(TimelineEntry::kind).containsExactly(
                TimelineEntry.Kind.BadRun, TimelineEntry.Kind.BadRun, TimelineEntry.Kind.Opened);
        // Opening again in the same evaluation is idempotent.
        assertThat(observe(step.book(), 0, burn("1h/5m", Severity.Page)).book()).isEqualTo(step.book());
    }

    @Test
    void ticketAlertsAndEscalationsOpenNothing() {
        Alert escalation = Alert.firing(AlertType.IncidentEscalated, Severity.Page, Map.of(), Map.of(), OPEN);

        assertThat(observe(IncidentBook.empty(), 0, burn("24h/2h", Severity.Ticket), escalation).book().incidents()).isEmpty();
    }

    @Test
    void escalatesWhileUnacknowledgedThenAcknowledgeStopsIt() {
        Alert page = burn("1h/5m", Severity.Page);
        IncidentBook book = observe(IncidentBook.empty(), 0, page).book();
        String id = book.incidents().get(0).id();

        assertThat(observe(book, 14, page).escalations()).isEmpty();
        IncidentRules.Step level1 = observe(book, 15, page);
        assertThat(level1.escalations()).singleElement().satisfies(a -> {
            assertThat(a.labels()).containsEntry("incident", id).containsEntry("escalation_level", "1")
                    .containsEntry("source_alert", "SLOBurnRate").containsEntry("severity", "page");
            assertThat(a.endsAt()).isNull();
            assertThat(a.annotations()).containsEntry(Alert.INCIDENT, id);
        });
        IncidentRules.Step level2 = observe(level1.book(), 31, page);
        assertThat(level2.book().incidents().get(0).escalationLevel()).isEqualTo(2);
        assertThat(level2.escalations()).extracting(Alert::endsAt).containsExactly(plus(31), null);

        IncidentRules.Transition ack = IncidentRules.acknowledge(level2.book(), POLICY, id, "alice", plus(32));
        assertThat(ack).isInstanceOf(IncidentRules.Transition.Accepted.class);
        IncidentBook acked = ((IncidentRules.Transition.Accepted) ack).book();
        assertThat(acked.incidents().get(0).acknowledgedBy()).isEqualTo("alice");
        assertThat(IncidentRules.escalationAlerts(acked, POLICY)).extracting(Alert::endsAt).containsExactly(plus(31), plus(32));
        assertThat(observe(acked, 60, page).book().incidents().get(0).escalationLevel()).as("no escalation once acked").isEqualTo(2);
    }

    @Test
    void escalationLevelsSkippedWhileTheOperatorWasDownAreAllReached() {
        IncidentBook book = observe(IncidentBook.empty(), 0, burn("1h/5m", Severity.Page)).book();

        IncidentRules.Step late = observe(book, 45, burn("1h/5m", Severity.Page));

        assertThat(late.book().incidents().get(0).escalatedAt()).containsExactly(plus(45), plus(45));
    }

    @Test
    void resolvesByItselfAfterTheQuietPeriodAndWritesAReport() {
        Alert page = burn("1h/5m", Severity.Page);
        IncidentBook book = observe(IncidentBook.empty(), 0, page).book();
        book = observe(book, 20, page).book();             // still burning at +20m

        IncidentRules.Step quiet = observe(book, 49);       // 29 minutes without a page
        IncidentRules.Step resolved = observe(quiet.book(), 50);

        assertThat(quiet.resolvedNow()).isEmpty();
        assertThat(resolved.resolvedNow()).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo(IncidentState.Resolved);
            assertThat(i.resolvedAt()).isEqualTo(plus(50));
            assertThat(i.resolvedBy()).isEqualTo(Incident.AUTO);
        });
        String report = PostIncidentReport.markdown(resolved.resolvedNow().get(0), RUNS);
        assertThat(report).startsWith("# Post-incident report: inc-")
                .contains("| Time to detect | 10m |").contains("| Time to resolve | 50m |")
                .contains("| Time to acknowledge | — |").contains("| smoke-35 | 2026-01-01T05:50:00Z | Failed | TestsFailed | 2 / 40 |")
                .contains("- `shop.CheckoutTest#pay`").contains("| Resolved | no page-level alert for 30m |");
        // The burn coming back later is a new incident.
        IncidentRules.Step again = observe(resolved.book(), 90, page);
        assertThat(again.book().active()).singleElement().satisfies(i -> assertThat(i.id()).endsWith("-" + plus(90).getEpochSecond()));
        assertThat(again.book().incidents()).hasSize(2);
    }

    @Test
    void transitionsOnlyMoveForwardAndRefuseWithoutThrowing() {
        IncidentBook book = observe(IncidentBook.empty(), 0, burn("1h/5m", Severity.Page)).book();
        String id = book.incidents().get(0).id();

        IncidentBook resolved = ((IncidentRules.Transition.Accepted) IncidentRules.resolve(book, POLICY, id, "bob", plus(5))).book();

        assertThat(IncidentRules.acknowledge(resolved, POLICY, id, "alice", plus(6)))
                .isEqualTo(new IncidentRules.Transition.Rejected(IncidentRules.Rejection.AlreadyResolved, "incident " + id + " is already resolved"));
        assertThat(IncidentRules.resolve(resolved, POLICY, id, "alice", plus(6)))
                .extracting(t -> ((IncidentRules.Transition.Rejected) t).reason()).isEqualTo(IncidentRules.Rejection.AlreadyResolved);
        assertThat(IncidentRules.acknowledge(book, POLICY, "inc-nope", null, plus(6)))
                .extracting(t -> ((IncidentRules.Transition.Rejected) t).reason()).isEqualTo(IncidentRules.Rejection.NotFound);
        assertThat(IncidentRules.acknowledge(book, POLICY, null, null, plus(6))).isInstanceOf(IncidentRules.Transition.Rejected.class);
        IncidentBook acked = ((IncidentRules.Transition.Accepted) IncidentRules.acknowledge(book, POLICY, id, "", plus(1))).book();
        assertThat(IncidentRules.acknowledge(acked, POLICY, id, "x", plus(2)))
                .extracting(t -> ((IncidentRules.Transition.Rejected) t).reason()).isEqualTo(IncidentRules.Rejection.AlreadyAcknowledged);
        assertThat(acked.incidents().get(0).acknowledgedBy()).isEqualTo("unknown");
        assertThat(IncidentState.Resolved.canMoveTo(IncidentState.Open)).isFalse();
    }

    @Test
    void timelinesAndTheBookAreCapped() {
        IncidentPolicy tight = new IncidentPolicy(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)), null, null, 3, 1, 0);
        IncidentRules.Step step = IncidentRules.observe(IncidentBook.empty(), tight, List.of(burn("1h/5m", Severity.Page)), RUNS, OPEN);
        step = IncidentRules.observe(step.book(), tight, List.of(burn("1h/5m", Severity.Page),
                Alert.firing(AlertType.RunFailed, Severity.Page, Map.of("suite", "other"), Map.of(), OPEN)), RUNS, plus(2));

        Incident incident = step.book().incidents().get(0);
        assertThat(incident.timeline()).hasSize(3);
        assertThat(incident.timelineDropped()).isEqualTo(2);
        assertThat(step.book().incidents()).hasSize(1);
        assertThat(step.book().notOpened()).isEqualTo(1);
    }

    @Test
    void theBookRoundTripsThroughJson() {
        IncidentBook book = observe(IncidentBook.empty(), 0, burn("1h/5m", Severity.Page)).book();
        book = observe(book, 16, burn("1h/5m", Severity.Page)).book();

        assertThat(IncidentBookCodec.decode(IncidentBookCodec.encode(book))).isEqualTo(book);
        assertThat(IncidentBookCodec.decode("{\"incidents\":[{\"id\":\"x\"}]}")).isEqualTo(IncidentBook.empty());
        assertThat(IncidentBookCodec.decode("garbage")).isEqualTo(IncidentBook.empty());
    }

    @Test
    void aRunRecreatedUnderTheSameNameIsAnotherBadRun() {
        RunRecord first = failedRun("ci-smoke", "uid-1", TestRuns.at(TEN_MIN, 35));
        RunRecord again = failedRun("ci-smoke", "uid-2", TestRuns.at(TEN_MIN, 36));
        IncidentRules.Step opened = IncidentRules.observe(IncidentBook.empty(), POLICY, List.of(burn("1h/5m", Severity.Page)),
                List.of(first), OPEN);
        IncidentRules.Step next = IncidentRules.observe(opened.book(), POLICY, List.of(burn("1h/5m", Severity.Page)),
                List.of(first, again), plus(1));

        Incident incident = next.book().incidents().get(0);
        assertThat(incident.badRuns()).containsExactly("ci-smoke", "ci-smoke");
        assertThat(incident.badRunKeys()).containsExactly("uid-1", "uid-2");
        assertThat(incident.timeline()).filteredOn(e -> e.kind() == TimelineEntry.Kind.BadRun).hasSize(2);
        // seeing both again records nothing more
        assertThat(IncidentRules.observe(next.book(), POLICY, List.of(burn("1h/5m", Severity.Page)), List.of(first, again),
                plus(2)).book().incidents().get(0).badRuns()).hasSize(2);
        assertThat(IncidentBookCodec.decode(IncidentBookCodec.encode(next.book()))).isEqualTo(next.book());
    }

    @Test
    void anIncidentStoredBeforeRunKeysWereKeptReadsItsNamesAsKeys() {
        IncidentBook book = observe(IncidentBook.empty(), 0, burn("1h/5m", Severity.Page)).book();
        String json = IncidentBookCodec.encode(book).replaceAll("\"badRunKeys\":\\[[^\\]]*\\],?", "");

        Incident read = IncidentBookCodec.decode(json).incidents().get(0);
        assertThat(json).doesNotContain("badRunKeys");
        assertThat(read.badRunKeys()).containsExactly("smoke-35", "smoke-36");
        // the old runs (no uid in the old ring either) are not recorded a second time
        assertThat(observe(IncidentBookCodec.decode(json), 1, burn("1h/5m", Severity.Page)).book().incidents().get(0).badRuns())
                .containsExactly("smoke-35", "smoke-36");
    }

    static RunRecord failedRun(String name, String uid, Instant at) {
        return new RunRecord(name, uid, "shop", at, dev.proctor.core.run.RunPhase.Failed, "TestsFailed", 40, 38, 2, 0, 60,
                List.of("shop.CheckoutTest#pay"), 0, List.of());
    }
}
