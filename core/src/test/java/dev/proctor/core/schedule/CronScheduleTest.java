package dev.proctor.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Next-time tables, the daylight-saving days of Europe/Berlin and America/New_York included. */
class CronScheduleTest {

    /** The next {@code n} slots after a local time, written as local time with offset. */
    private static List<String> next(String expression, String zone, String afterLocal, int n) {
        CronSchedule schedule = CronSchedule.parse(expression, zone);
        Instant t = LocalDateTime.parse(afterLocal).atZone(ZoneId.of(zone)).toInstant();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t = schedule.next(t).orElseThrow();
            out.add(t.atZone(ZoneId.of(zone)).toOffsetDateTime().toString());
        }
        return out;
    }

    @ParameterizedTest(name = "{0} in {1} after {2}")
    @CsvSource(delimiter = '|', textBlock = """
            */5 * * * *    | UTC           | 2026-12-04T10:02 | 2026-12-04T10:05Z, 2026-12-04T10:10Z, 2026-12-04T10:15Z
            @hourly        | UTC           | 2026-12-04T10:00 | 2026-12-04T11:00Z, 2026-12-04T12:00Z, 2026-12-04T13:00Z
            @daily         | Europe/Berlin | 2026-12-04T10:00 | 2026-12-05T00:00+01:00, 2026-12-06T00:00+01:00, 2026-12-07T00:00+01:00
            @weekly        | UTC           | 2026-12-04T10:00 | 2026-12-06T00:00Z, 2026-12-13T00:00Z, 2026-12-20T00:00Z
            @monthly       | UTC           | 2026-12-04T10:00 | 2027-01-01T00:00Z, 2027-02-01T00:00Z, 2027-03-01T00:00Z
            @yearly        | UTC           | 2026-12-04T10:00 | 2027-01-01T00:00Z, 2028-01-01T00:00Z, 2029-01-01T00:00Z
            0 9 * * MON-FRI | America/New_York | 2026-12-04T10:00 | 2026-12-07T09:00-05:00, 2026-12-08T09:00-05:00, 2026-12-09T09:00-05:00
            0 0 29 2 *     | UTC           | 2026-12-04T10:00 | 2028-02-29T00:00Z, 2032-02-29T00:00Z, 2036-02-29T00:00Z
            0 12 * * 7     | UTC           | 2026-12-04T10:00 | 2026-12-06T12:00Z, 2026-12-13T12:00Z, 2026-12-20T12:00Z
            """)
    void nextSlots(String expression, String zone, String after, String expected) {
        assertThat(String.join(", ", next(expression.strip(), zone.strip(), after.strip(), 3))).isEqualTo(expected.strip());
    }

    @ParameterizedTest(name = "{0} in {1} after {2}")
    @CsvSource(delimiter = '|', textBlock = """
            30 2 * * *     | Europe/Berlin    | 2026-03-28T12:00 | 2026-03-29T03:00+02:00, 2026-03-30T02:30+02:00
            0 2 * * *      | Europe/Berlin    | 2026-03-28T12:00 | 2026-03-29T03:00+02:00, 2026-03-30T02:00+02:00
            */30 * * * *   | Europe/Berlin    | 2026-03-29T01:00 | 2026-03-29T01:30+01:00, 2026-03-29T03:00+02:00, 2026-03-29T03:30+02:00
            0 * * * *      | Europe/Berlin    | 2026-03-29T00:30 | 2026-03-29T01:00+01:00, 2026-03-29T03:00+02:00, 2026-03-29T04:00+02:00
            30 2 * * *     | America/New_York | 2026-03-07T12:00 | 2026-03-08T03:00-04:00, 2026-03-09T02:30-04:00
            """)
    void theSkippedHourFiresOnceWhenTheClocksJump(String expression, String zone, String after, String expected) {
        String[] want = expected.strip().split(",\\s*");
        assertThat(next(expression.strip(), zone.strip(), after.strip(), want.length)).containsExactly(want);
    }

    @ParameterizedTest(name = "{0} in {1} after {2}")
    @CsvSource(delimiter = '|', textBlock = """
            30 2 * * *     | Europe/Berlin    | 2026-10-24T12:00 | 2026-10-25T02:30+02:00, 2026-10-26T02:30+01:00
            */30 * * * *   | Europe/Berlin    | 2026-10-25T01:00 | 2026-10-25T01:30+02:00, 2026-10-25T02:00+02:00, 2026-10-25T02:30+02:00, 2026-10-25T02:00+01:00, 2026-10-25T02:30+01:00, 2026-10-25T03:00+01:00
            0 * * * *      | America/New_York | 2026-11-01T00:30 | 2026-11-01T01:00-04:00, 2026-11-01T01:00-05:00, 2026-11-01T02:00-05:00
            30 1 * * *     | America/New_York | 2026-10-31T12:00 | 2026-11-01T01:30-04:00, 2026-11-02T01:30-05:00
            """)
    void theRepeatedHourFiresAFixedTimeOnceAndKeepsACadence(String expression, String zone, String after, String expected) {
        String[] want = expected.strip().split(",\\s*");
        assertThat(next(expression.strip(), zone.strip(), after.strip(), want.length)).containsExactly(want);
    }

    @Test
    void badExpressionsAndZonesAreRefusedWithWhy() {
        assertThatThrownBy(() -> CronSchedule.parse("* * * *", "UTC")).hasMessageContaining("has 4 fields");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", "UTC")).hasMessageContaining("not a valid schedule");
        assertThatThrownBy(() -> CronSchedule.parse("@fortnightly", "UTC")).hasMessageContaining("not a valid schedule");
        assertThatThrownBy(() -> CronSchedule.parse("0 * * * *", "Mars/Olympus")).hasMessageContaining("unknown time zone");
        assertThat(CronSchedule.parse("0 * * * *", null).zone()).isEqualTo(java.time.ZoneOffset.UTC);
    }
}
