package dev.proctor.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.alert.Severity;
import dev.proctor.core.incident.Incident;
import dev.proctor.core.incident.IncidentState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IncidentReportsTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void eachResolvedIncidentGetsOneReportBesideTheStateAndOnlyTheNewestFiveStay() {
        Map<String, String> state = Map.of("runs", "[]", "incidents", "{}");
        Map<String, String> stored = new TreeMap<>(state);
        for (int i = 0; i < 7; i++) {
            stored = IncidentReports.withReports(state, stored, List.of(resolved("inc-" + i, T.plusSeconds(60L * i))), List.of());
        }
        assertThat(stored).containsAllEntriesOf(state);
        assertThat(stored.keySet()).filteredOn(k -> k.startsWith(IncidentReports.PREFIX)).hasSize(IncidentReports.KEEP)
                .allMatch(k -> k.endsWith(".md")).noneMatch(k -> k.contains("inc-0") || k.contains("inc-1"))
                .anyMatch(k -> k.contains("inc-6"));
        String newest = IncidentReports.key(resolved("inc-6", T.plusSeconds(360)));
        assertThat(stored.get(newest)).startsWith("# Post-incident report: inc-6").contains("Time to resolve");

        // the same reconcile repeated after a failed write: the same data, nothing added
        assertThat(IncidentReports.withReports(state, stored, List.of(), List.of())).isEqualTo(stored);
        assertThat(IncidentReports.key(open("inc-9"))).as("no report before the incident resolves").isNull();
    }

    private static Incident resolved(String id, Instant at) {
        return new Incident(id, "k-" + id, new TreeMap<>(Map.of("policy", "p")), Severity.Page, "pass rate burning",
                IncidentState.Resolved, at.minusSeconds(30), at.minusSeconds(45), at.minusSeconds(10), null, null, at,
                Incident.AUTO, List.of(), List.of("run-" + id), List.of("uid-" + id), List.of("a.B#c"), List.of(), 0);
    }

    private static Incident open(String id) {
        return new Incident(id, "k-" + id, new TreeMap<>(), Severity.Page, "s", IncidentState.Open, T, T, T, null, null,
                null, null, List.of(), List.of(), List.of(), List.of(), List.of(), 0);
    }
}
