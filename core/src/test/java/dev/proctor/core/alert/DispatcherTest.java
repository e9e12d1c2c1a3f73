package dev.proctor.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final Route ROOT = new Route("oncall", null, false, List.of("alertname"), Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofHours(1), null);
    static final Dispatcher.Config CONFIG = Dispatcher.Config.of(ROOT);

    static Alert alert(String suite, Instant startsAt) {
        return Alert.firing(AlertType.RunFailed, Severity.Ticket, Map.of("suite", suite), Map.of("summary", suite + " failed"), startsAt);
    }

    static Instant at(String offset) {
        return T.plus(Duration.parse("PT" + offset.toUpperCase()));
    }

    /** Drives the dispatcher like the operator: on every report, and at every wake-up in between. */
    static final class Harness {
        DispatchState state = DispatchState.empty();
        Instant wake;
        final List<Notification> sent = new ArrayList<>();
        final Dispatcher.Config config;

        Harness(Dispatcher.Config config) { this.config = config; }

        void until(Instant now) {
            while (wake != null && !wake.isAfter(now)) step(wake, List.of());
        }

        void report(Instant now, Alert... alerts) {
            until(now);
            step(now, List.of(alerts));
        }

        void step(Instant now, List<Alert> alerts) {
            Dispatcher.Step step = Dispatcher.step(state, config, alerts, now);
            state = step.state();
            wake = step.nextWakeUp();
            sent.addAll(step.notifications());
        }

        List<String> log() {
            return sent.stream().map(n -> Duration.between(T, n.at()).toSeconds() + "s " + n.status().label() + " "
                    + n.firing().stream().map(a -> a.labels().get("suite")).sorted().toList() + " resolved "
                    + n.resolved().stream().map(a -> a.labels().get("suite")).sorted().toList()).toList();
        }
    }

    @Test
    void groupWaitThenGroupIntervalThenRepeatThenResolved() {
        Harness h = new Harness(CONFIG);
        Alert a = alert("a", T);
        Alert b = alert("b", at("10s"));
        Alert c = alert("c", at("1m"));

        h.report(T, a);
        assertThat(h.wake).isEqualTo(at("30s"));
        h.report(at("10s"), b);
        assertThat(h.wake).as("a second alert does not restart the wait").isEqualTo(at("30s"));
        h.report(at("1m"), c);              // first flush at 30s; c waits for the next interval tick
        h.report(at("1h12m"), a.resolve(at("1h12m")));
        h.report(at("1h16m"), b.resolve(at("1h16m")), c.resolve(at("1h16m")));
        h.until(at("3h"));

        assertThat(h.log()).containsExactly(
                "30s firing [a, b] resolved []",      // groupWait after the group was created
                "330s firing [a, b, c] resolved []",  // the next groupInterval tick carries the change
                // unchanged: repeated on the first tick at least repeatInterval after 330s (3930s is not "before")
                "4230s firing [a, b, c] resolved []",
                "4530s firing [b, c] resolved [a]",   // a resolve is news for a receiver that wants resolved alerts
                "4830s resolved [] resolved [b, c]");  // all resolved: one resolved notification, then the group is gone
        assertThat(h.state.groups()).isEmpty();
        assertThat(h.wake).isNull();
        assertThat(h.sent).extracting(Notification::dedupKey).containsOnly(h.sent.get(0).dedupKey());
        assertThat(h.sent).extracting(Notification::id).doesNotHaveDuplicates();
    }

    @Test
    void receiversWithoutResolvedHearOnlyOfNewFiringAlerts() {
        Harness h = new Harness(new Dispatcher.Config(ROOT, Set.of("oncall"), null));
        Alert a = alert("a", T);
        Alert b = alert("b", T);

        h.report(T, a, b);
        h.report(at("2m"), a.resolve(at("2m")));
        h.report(at("7m"), b.resolve(at("7m")));
        h.until(at("1h"));

        assertThat(h.log()).containsExactly("30s firing [a, b] resolved []");
        assertThat(h.state.groups()).isEmpty();
        assertThat(h.state.log()).singleElement().satisfies(e -> assertThat(e.firing()).isEmpty());
    }

    @Test
    void alertsResolvedBeforeTheFirstFlushAreNeverSent() {
        Harness h = new Harness(CONFIG);
        Alert a = alert("a", T);

        h.report(T, a);
        h.report(at("20s"), a.resolve(at("20s")));
        h.until(at("1h"));

        assertThat(h.sent).isEmpty();
        assertThat(h.state.groups()).isEmpty();
    }

    @Test
    void anAlertThatStartedLongAgoFlushesAtOnce() {
        Dispatcher.Step step = Dispatcher.step(DispatchState.empty(), CONFIG, List.of(alert("a", T)), at("10m"));

        assertThat(step.notifications()).hasSize(1);
        assertThat(step.nextWakeUp()).isEqualTo(at("15m"));
    }

    @Test
    void aResolveForAnUnknownAlertIsIgnored() {
        Dispatcher.Step step = Dispatcher.step(DispatchState.empty(), CONFIG, List.of(alert("a", T).resolve(T)), T);

        assertThat(step.state()).isEqualTo(DispatchState.empty());
        assertThat(step.nextWakeUp()).isNull();
    }

    @Test
    void eachMatchedRouteGetsItsOwnGroup() {
        Route root = new Route("default", null, false, null, Duration.ZERO, null, null, List.of(
                Route.to("pager", Matcher.eq("severity", "ticket")).withContinue(),
                Route.to("slack", Matcher.eq("alertname", "RunFailed"))));

        Dispatcher.Step step = Dispatcher.step(DispatchState.empty(), Dispatcher.Config.of(root), List.of(alert("a", T)), T);

        assertThat(step.notifications()).extracting(Notification::receiver).containsExactlyInAnyOrder("pager", "slack");
        assertThat(step.notifications()).extracting(Notification::dedupKey).doesNotHaveDuplicates();
    }

    @Test
    void capsRefuseNewGroupsAndAlertsButCountThem() {
        Route bySuite = new Route("r", null, false, List.of("suite"), null, null, null, null);
        Dispatcher.Config config = new Dispatcher.Config(bySuite, null, new DispatchLimits(2, 0, 0, null));
        Dispatcher.Config perGroup = new Dispatcher.Config(ROOT, null, new DispatchLimits(0, 2, 0, null));

        Dispatcher.Step groups = Dispatcher.step(DispatchState.empty(), config,
                List.of(alert("a", T), alert("b", T), alert("c", T)), T);
        Dispatcher.Step alerts = Dispatcher.step(DispatchState.empty(), perGroup,
                List.of(alert("a", T), alert("b", T), alert("c", T)), T);

        assertThat(groups.state().groups()).hasSize(2);
        assertThat(groups.state().droppedAlerts()).isEqualTo(1);
        assertThat(alerts.state().groups()).singleElement().satisfies(g -> assertThat(g.alerts()).hasSize(2));
        assertThat(alerts.state().droppedAlerts()).isEqualTo(1);
    }

    @Test
    void theIncidentIdIsPartOfTheDedupKey() {
        Dispatcher.Step plain = Dispatcher.step(DispatchState.empty(), CONFIG, List.of(alert("a", T)), at("1m"));
        Dispatcher.Step withIncident = Dispatcher.step(DispatchState.empty(), CONFIG,
                List.of(alert("a", T).withAnnotation(Alert.INCIDENT, "inc-1234abcd-1767225600")), at("1m"));
        Dispatcher.Step again = Dispatcher.step(DispatchState.empty(), CONFIG, List.of(alert("a", T)), at("1m"));

        assertThat(plain.notifications().get(0).dedupKey()).isNotEqualTo(withIncident.notifications().get(0).dedupKey());
        assertThat(withIncident.notifications().get(0).incidentId()).isEqualTo("inc-1234abcd-1767225600");
        // The same notification computed twice (say, before and after a restart) has the same id.
        assertThat(again.notifications().get(0).id()).isEqualTo(plain.notifications().get(0).id());
    }

    @Test
    void stateSurvivesARestartThroughJson() {
        Harness before = new Harness(CONFIG);
        Alert a = alert("a", T);
        before.report(T, a);
        before.report(at("1m"), alert("b", at("1m")));

        Harness after = new Harness(CONFIG);
        String json = DispatchStateCodec.encode(before.state);
        after.state = DispatchStateCodec.decode(json, DispatchLimits.defaults());
        after.wake = before.wake;
        before.sent.clear();
        before.until(at("2h"));
        after.until(at("2h"));

        assertThat(after.state).isEqualTo(before.state);
        assertThat(after.log()).isEqualTo(before.log()).containsExactly("330s firing [a, b] resolved []",
                "4230s firing [a, b] resolved []");
        assertThat(after.sent).extracting(Notification::id).isEqualTo(before.sent.stream().map(Notification::id).toList());
        assertThat(json).contains("\"nextFlush\":\"2026-01-01T00:05:30Z\"").contains("\"groupWait\":\"PT30S\"");
    }

    @Test
    void unreadableStateIsEmpty() {
        for (String json : new String[] {null, "", "x", "[]", "{\"groups\":[{\"key\":1}]}",
                "{\"groups\":[{\"key\":\"k\",\"nextFlush\":\"yesterday\"}]}"}) {
            assertThat(DispatchStateCodec.decode(json, DispatchLimits.defaults())).isEqualTo(DispatchState.empty());
        }
        DispatchState partial = DispatchStateCodec.decode("{\"groups\":[{\"key\":\"k\"}],\"log\":[{\"groupKey\":\"g\","
                + "\"receiver\":\"r\",\"sentAt\":\"2026-01-01T00:00:00Z\"},{\"groupKey\":\"g\"}],\"droppedAlerts\":4}",
                DispatchLimits.defaults());
        assertThat(partial.groups()).isEmpty();
        assertThat(partial.log()).hasSize(1);
        assertThat(partial.droppedAlerts()).isEqualTo(4);
    }
}
