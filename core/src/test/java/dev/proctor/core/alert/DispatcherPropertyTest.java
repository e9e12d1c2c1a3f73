package dev.proctor.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DispatcherPropertyTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 150)
    void neverSendsAGroupBeforeGroupWaitNorTwiceWithinGroupInterval(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 3_600) Integer> arrivals,
            @ForAll @IntRange(min = 1, max = 600) int waitSeconds, @ForAll @IntRange(min = 1, max = 900) int intervalSeconds,
            @ForAll @IntRange(min = 1, max = 5) int suites) {
        Route root = new Route("r", null, false, List.of("suite"), Duration.ofSeconds(waitSeconds),
                Duration.ofSeconds(intervalSeconds), Duration.ofMinutes(30), null);
        Dispatcher.Config config = Dispatcher.Config.of(root);
        List<Integer> sorted = arrivals.stream().sorted().toList();
        DispatchState state = DispatchState.empty();
        Instant wake = null;
        Map<String, Instant> firstSeen = new java.util.HashMap<>();
        Map<String, Instant> lastSent = new java.util.HashMap<>();
        List<Notification> sent = new ArrayList<>();
        int i = 0;
        Instant end = T.plusSeconds(7_200);
        while (true) {
            Instant nextArrival = i < sorted.size() ? T.plusSeconds(sorted.get(i)) : null;
            Instant now = nextArrival != null && (wake == null || !wake.isBefore(nextArrival)) ? nextArrival : wake;
            if (now == null || now.isAfter(end)) break;
            List<Alert> reported = new ArrayList<>();
            if (now.equals(nextArrival)) {
                String suite = "s" + (i % suites);
                reported.add(Alert.firing(AlertType.RunFailed, Severity.Ticket, Map.of("suite", suite), Map.of(), now));
                firstSeen.putIfAbsent(suite, now);
                i++;
            }
            Dispatcher.Step step = Dispatcher.step(state, config, reported, now);
            for (Notification n : step.notifications()) {
                String suite = n.groupLabels().get("suite");
                assertThat(n.at()).isAfterOrEqualTo(firstSeen.get(suite).plusSeconds(waitSeconds));
                if (lastSent.containsKey(suite)) {
                    assertThat(n.at()).isAfterOrEqualTo(lastSent.get(suite).plusSeconds(intervalSeconds));
                }
                lastSent.put(suite, n.at());
                sent.add(n);
            }
            state = step.state();
            wake = step.nextWakeUp();
            assertThat(wake == null || wake.isAfter(now)).isTrue();
        }
        // Every group that formed was notified at least once.
        assertThat(lastSent.keySet()).isEqualTo(firstSeen.keySet());
    }
}
