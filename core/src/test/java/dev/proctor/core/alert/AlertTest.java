package dev.proctor.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AlertTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 200)
    void fingerprintIgnoresLabelOrder(@ForAll @Size(max = 8) Map<@AlphaChars @StringLength(min = 1, max = 6) String,
            @StringLength(min = 1, max = 6) String> labels, @ForAll long seed) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(labels.entrySet());
        Collections.shuffle(entries, new Random(seed));
        LinkedHashMap<String, String> shuffled = new LinkedHashMap<>();
        entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));

        assertThat(Alert.fingerprint(shuffled)).isEqualTo(Alert.fingerprint(new TreeMap<>(labels))).hasSize(16);
    }

    @Test
    void fingerprintSeparatesNamesFromValues() {
        assertThat(Alert.fingerprint(Map.of("ab", "c"))).isNotEqualTo(Alert.fingerprint(Map.of("a", "bc")));
        assertThat(Alert.fingerprint(Map.of("a", "b", "c", "d"))).isNotEqualTo(Alert.fingerprint(Map.of("a", "bcd")));
    }

    @Test
    void labelsAlwaysCarryTypeAndSeverityAndAnnotationsAreBounded() {
        Alert alert = Alert.firing(AlertType.RunFailed, Severity.Ticket, Map.of("suite", "shop", "empty", ""),
                Map.of("summary", "x".repeat(5000)), T);

        assertThat(alert.labels()).containsExactly(Map.entry("alertname", "RunFailed"), Map.entry("severity", "ticket"),
                Map.entry("suite", "shop"));
        assertThat(alert.annotations().get("summary")).hasSize(Alert.MAX_ANNOTATION_LENGTH);
        assertThat(alert.fingerprint()).isEqualTo(Alert.fingerprint(alert.labels()));
    }

    @Test
    void mergingKeepsTheEarliestStartAndTheNewestText() {
        Alert first = Alert.firing(AlertType.RunFailed, Severity.Ticket, Map.of(), Map.of("summary", "old"), T);
        Alert later = Alert.firing(AlertType.RunFailed, Severity.Ticket, Map.of(), Map.of("summary", "new"), T.plusSeconds(60))
                .resolve(T.plusSeconds(90));

        Alert merged = first.mergedWith(later);

        assertThat(merged.startsAt()).isEqualTo(T);
        assertThat(merged.endsAt()).isEqualTo(T.plusSeconds(90));
        assertThat(merged.annotations()).containsEntry("summary", "new");
        assertThat(merged.resolvedAt(T.plusSeconds(89))).isFalse();
        assertThat(merged.resolvedAt(T.plusSeconds(90))).isTrue();
    }

    @Test
    void aResolvingReportWithoutAnIncidentKeepsTheIncidentOfTheFiringOne() {
        // found on the real control plane: PagerDuty got the resolve under another dedup_key and stayed open
        Alert firing = Alert.firing(AlertType.RunFailed, Severity.Page, Map.of(), Map.of("summary", "run bad-1 failed",
                Alert.INCIDENT, "inc-1234"), T);
        Alert resolving = Alert.firing(AlertType.RunFailed, Severity.Page, Map.of(), Map.of(), T.plusSeconds(60))
                .resolve(T.plusSeconds(60));

        Alert merged = firing.mergedWith(resolving);

        assertThat(merged.annotations()).containsEntry(Alert.INCIDENT, "inc-1234").doesNotContainKey("summary");
        assertThat(merged.resolvedAt(T.plusSeconds(60))).isTrue();
        Alert firingAgain = Alert.firing(AlertType.RunFailed, Severity.Page, Map.of(), Map.of(), T.plusSeconds(30));
        assertThat(firing.mergedWith(firingAgain).annotations()).as("a firing report without an incident: the incident is over")
                .doesNotContainKey(Alert.INCIDENT);
        Alert reassigned = Alert.firing(AlertType.RunFailed, Severity.Page, Map.of(), Map.of(Alert.INCIDENT, "inc-5678"), T.plusSeconds(90));
        assertThat(merged.mergedWith(reassigned).annotations()).as("a newer incident wins").containsEntry(Alert.INCIDENT, "inc-5678");
    }
}
