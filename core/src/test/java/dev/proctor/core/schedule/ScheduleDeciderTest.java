package dev.proctor.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Missed-slot and concurrency tables: what a schedule does, on a fixed clock. */
class ScheduleDeciderTest {
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    static final CronSchedule EVERY_5 = CronSchedule.parse("*/5 * * * *", "UTC");

    static ScheduleSettings settings(ConcurrencyPolicy policy, Duration deadline, boolean suspend) {
        return new ScheduleSettings(EVERY_5, policy, deadline, suspend, 2, 1);
    }

    static ScheduledRun active(String name, Instant at) {
        return new ScheduledRun(name, at, false, false, false);
    }

    static ScheduledRun done(String name, Instant at, boolean ok) {
        return new ScheduledRun(name, at, true, ok, false);
    }

    /**
     * since = the last slot handled; now = when the operator looks. Missed slots are those that passed without a run;
     * at most the latest runs, and only within the starting deadline.
     */
    @ParameterizedTest(name = "last {0}, now {1}, deadline {2}s -> runs {3}, missed {4}")
    @CsvSource(delimiter = '|', textBlock = """
            10:00:00 | 10:04:59 |      | -        | 0 | 10:05:00
            10:00:00 | 10:05:00 |      | 10:05:00 | 0 | 10:10:00
            10:00:00 | 10:05:01 | 60   | 10:05:00 | 0 | 10:10:00
            10:00:00 | 10:06:01 | 60   | -        | 1 | 10:10:00
            10:00:00 | 10:31:00 |      | 10:30:00 | 5 | 10:35:00
            10:00:00 | 10:31:00 | 120  | 10:30:00 | 5 | 10:35:00
            10:00:00 | 10:33:00 | 120  | -        | 6 | 10:35:00
            09:00:00 | 21:00:00 | 3600 | 21:00:00 | 143 | 21:05:00
            """)
    void missedSlots(String last, String now, String deadline, String runs, long missed, String next) {
        Instant since = at(last);
        Duration d = deadline == null ? null : Duration.ofSeconds(Long.parseLong(deadline.strip()));
        ScheduleDecision decision = ScheduleDecider.decide(settings(ConcurrencyPolicy.Allow, d, false), "smoke", since, List.of(),
                false, at(now));
        assertThat(decision.create().stream().map(r -> r.scheduledAt().toString()).toList())
                .isEqualTo(runs.strip().equals("-") ? List.of() : List.of(at(runs).toString()));
        assertThat(decision.missed()).isEqualTo(missed);
        assertThat(decision.nextScheduleTime()).isEqualTo(at(next));
        assertThat(decision.wakeUpAt()).as("no polling: one timer at the next slot").isEqualTo(at(next));
    }

    /** A slot at 10:05 comes while run smoke-29939640 (10:00) is still going. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Allow   | smoke-29939645 | -              | -
            Forbid  | -              | -              | smoke-29939640
            Replace | smoke-29939645 | smoke-29939640 | -
            """)
    void concurrency(ConcurrencyPolicy policy, String created, String stopped, String blockedBy) {
        ScheduleDecision d = ScheduleDecider.decide(settings(policy, null, false), "smoke", at("10:00:00"),
                List.of(active("smoke-29939640", at("10:00:00"))), false, at("10:05:00"));
        assertThat(d.create().stream().map(ScheduleDecision.NewRun::name).toList()).isEqualTo(list(created));
        assertThat(d.stop()).isEqualTo(list(stopped));
        assertThat(d.blockedBy()).isEqualTo(list(blockedBy));
        assertThat(d.skipped()).isEqualTo(policy == ConcurrencyPolicy.Forbid ? at("10:05:00") : null);
        assertThat(d.lastScheduleTime()).as("the slot is handled either way").isEqualTo(at("10:05:00"));
        // with nothing running, every policy runs the slot
        assertThat(ScheduleDecider.decide(settings(policy, null, false), "smoke", at("10:00:00"),
                List.of(done("smoke-29939640", at("10:00:00"), true)), false, at("10:05:00")).create()).hasSize(1);
    }

    @Test
    void aSlotWhoseRunExistsIsNotRunAgainSoARestartOrAFailoverMakesNoSecondRun() {
        Instant slot = at("10:05:00");
        String name = ScheduleDecider.runName("smoke", slot);
        assertThat(name).isEqualTo("smoke-29939645");
        ScheduleDecision again = ScheduleDecider.decide(settings(ConcurrencyPolicy.Allow, null, false), "smoke", at("10:00:00"),
                List.of(active(name, slot)), false, at("10:05:30"));
        assertThat(again.create()).isEmpty();
        assertThat(again.lastScheduleTime()).isEqualTo(slot);
    }

    @Test
    void suspendedRunsNothingAndResumingCatchesUpOnceAtMost() {
        ScheduleDecision suspended = ScheduleDecider.decide(settings(ConcurrencyPolicy.Allow, null, true), "smoke", at("10:00:00"),
                List.of(), false, at("11:00:00"));
        assertThat(suspended.create()).isEmpty();
        assertThat(suspended.nextScheduleTime()).isNull();
        assertThat(suspended.lastScheduleTime()).isEqualTo(at("10:00:00"));
        ScheduleDecision resumed = ScheduleDecider.decide(settings(ConcurrencyPolicy.Allow, Duration.ofSeconds(30), false), "smoke",
                at("10:00:00"), List.of(), false, at("11:00:10"));
        assertThat(resumed.create()).extracting(ScheduleDecision.NewRun::scheduledAt).containsExactly(at("11:00:00"));
        assertThat(resumed.missed()).isEqualTo(11);
    }

    @Test
    void runNowMakesOneManualRunWhateverTheConcurrencyPolicy() {
        ScheduleDecision d = ScheduleDecider.decide(settings(ConcurrencyPolicy.Forbid, null, true), "smoke", at("10:00:00"),
                List.of(active("smoke-29939640", at("10:00:00"))), true, at("10:02:03"));
        assertThat(d.create()).singleElement().satisfies(r -> {
            assertThat(r.manual()).isTrue();
            assertThat(r.name()).isEqualTo("smoke-m" + Long.toString(at("10:02:03").getEpochSecond(), 36));
            assertThat(r.name().length()).isLessThanOrEqualTo(ScheduleDecider.MAX_NAME_LENGTH + 9);
        });
    }

    @Test
    void historyLimitsPruneTheOldestFinishedRunsAndNeverARunningOne() {
        List<ScheduledRun> runs = List.of(done("s-1", at("10:00:00"), true), done("s-2", at("10:05:00"), true),
                done("s-3", at("10:10:00"), true), done("s-4", at("10:15:00"), false), done("s-5", at("10:20:00"), false),
                active("s-6", at("10:25:00")));
        ScheduleDecision d = ScheduleDecider.decide(settings(ConcurrencyPolicy.Allow, null, false), "s", at("10:25:00"), runs, false,
                at("10:26:00"));
        assertThat(d.prune()).containsExactly("s-1", "s-4");
    }

    @Test
    void aScheduleNameFitsARunNameForCenturies() {
        String longest = "x".repeat(ScheduleDecider.MAX_NAME_LENGTH);
        assertThat(ScheduleDecider.runName(longest, Instant.parse("2150-01-01T00:00:00Z"))).hasSizeLessThanOrEqualTo(49);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-12-04T" + time.strip() + "Z");
    }

    private static List<String> list(String value) {
        return value.strip().equals("-") ? List.of() : List.of(value.strip());
    }
}
