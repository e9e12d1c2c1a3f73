package dev.proctor.core.sla;

import static dev.proctor.core.sla.TestRuns.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.RunPhase;
import dev.proctor.core.run.RunVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RunHistoryRingTest {

    @Test
    void dropsTheOldestBeyondItsCapacity() {
        RunHistoryRing ring = RunHistoryRing.empty(3);
        for (RunRecord r : TestRuns.every(Duration.ofMinutes(10), 5, Set.of())) ring = ring.add(r);

        assertThat(ring.records()).extracting(RunRecord::run).containsExactly("smoke-3", "smoke-4", "smoke-5");
        assertThat(ring.dropped()).isEqualTo(2);
    }

    @Test
    void addingTheSameRunTwiceChangesNothing() {
        RunRecord run = TestRuns.run(1, T0, RunPhase.Failed);
        RunHistoryRing once = RunHistoryRing.empty(10).add(run);

        assertThat(once.add(run)).isSameAs(once);
    }

    @Test
    void keepsRunsInFinishOrderWhateverTheArrivalOrder() {
        RunHistoryRing ring = RunHistoryRing.empty(10)
                .add(TestRuns.run(2, T0.plusSeconds(60), RunPhase.Succeeded))
                .add(TestRuns.run(1, T0, RunPhase.Succeeded));

        assertThat(ring.records()).extracting(RunRecord::run).containsExactly("smoke-1", "smoke-2");
        assertThat(ring.between(T0, T0.plusSeconds(60))).extracting(RunRecord::run).containsExactly("smoke-2");
        assertThat(ring.last(1, T0.plusSeconds(30))).extracting(RunRecord::run).containsExactly("smoke-1");
    }

    @Test
    void aRecordBoundsItsNames() {
        RunVerdict verdict = new RunVerdict(RunPhase.Failed, "TestsFailed", "m", new RunVerdict.Totals(9, 1, 8, 0, 0),
                IntStream.range(0, 8).mapToObj(i -> "t" + i).toList(), 3, List.of(), null);

        RunRecord record = RunRecord.of("r", "shop", T0, 90, verdict);

        assertThat(record.failedTests()).hasSize(RunRecord.MAX_NAMES);
        assertThat(record.failedTestsOmitted()).isEqualTo(3 + 8 - RunRecord.MAX_NAMES);
        assertThat(record.durationSeconds()).isEqualTo(90);
    }

    @Property(tries = 100)
    void neverExceedsItsCapacity(@ForAll @IntRange(min = 1, max = 20) int capacity,
                                 @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 1_000) Integer> finishSeconds) {
        RunHistoryRing ring = RunHistoryRing.empty(capacity);
        int i = 0;
        for (int seconds : finishSeconds) ring = ring.add(TestRuns.run(i++, T0.plusSeconds(seconds), RunPhase.Succeeded));

        assertThat(ring.records()).hasSizeLessThanOrEqualTo(capacity);
        assertThat(ring.records().size() + ring.dropped()).isEqualTo(finishSeconds.size());
        assertThat(ring.records()).isSortedAccordingTo(RunHistoryRing.ORDER);
    }

    @Test
    void codecRoundTrips() {
        RunHistoryRing ring = RunHistoryRing.empty(500);
        for (RunRecord r : TestRuns.every(Duration.ofMinutes(10), 5, Set.of(3))) ring = ring.add(r);
        ring = ring.add(new RunRecord("oom", "shop", T0.plusSeconds(7), RunPhase.Error, "OOMKilled", 0, 0, 0, 0, 3,
                null, 0, List.of("a.B#flaky")));

        String json = RunHistoryCodec.encode(ring);

        assertThat(RunHistoryCodec.decode(json, 500)).isEqualTo(ring);
        assertThat(json).contains("\"r\":\"smoke-3\"").contains("\"ft\":[\"shop.CheckoutTest#pay\"");
    }

    @Test
    void fiveHundredRunsStayCompact() {
        RunHistoryRing ring = RunHistoryRing.empty(500);
        for (RunRecord r : TestRuns.every(Duration.ofMinutes(10), 600, Set.of())) ring = ring.add(r);

        assertThat(RunHistoryCodec.encode(ring).length()).isLessThan(100 * 1024);
    }

    @Test
    void decodingRecutsToTheCapacityAskedFor() {
        RunHistoryRing ring = RunHistoryRing.empty(10);
        for (RunRecord r : TestRuns.every(Duration.ofMinutes(10), 10, Set.of())) ring = ring.add(r);

        RunHistoryRing smaller = RunHistoryCodec.decode(RunHistoryCodec.encode(ring), 4);

        assertThat(smaller.records()).hasSize(4);
        assertThat(smaller.dropped()).isEqualTo(6);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "nope", "[]", "{\"v\":2,\"runs\":[]}", "{\"runs\":[]}", "{\"v\":1,\"runs\":[1]} x"})
    void unreadableHistoryIsEmpty(String json) {
        assertThat(RunHistoryCodec.decode(json, 50)).isEqualTo(RunHistoryRing.empty(50));
    }

    @Test
    void badRecordsAreDroppedAlone() {
        String json = "{\"v\":1,\"runs\":[{\"r\":\"ok\",\"t\":1700000000,\"p\":\"Failed\",\"n\":3,\"f\":1},"
                + "{\"r\":\"running\",\"t\":1700000001,\"p\":\"Running\"},{\"r\":\"nophase\",\"t\":1},"
                + "{\"r\":\"farfuture\",\"t\":999999999999999999,\"p\":\"Failed\"},{\"r\":\"neg\",\"t\":1700000002,"
                + "\"p\":\"Succeeded\",\"n\":-5,\"d\":\"slow\"},{\"r\":\"ok\",\"t\":1700000000,\"p\":\"Succeeded\"}]}";

        RunHistoryRing ring = RunHistoryCodec.decode(json, 50);

        assertThat(ring.records()).extracting(RunRecord::run).containsExactly("ok", "neg");
        assertThat(ring.records().get(1).tests()).isZero();
        assertThat(ring.records().get(0).phase()).isEqualTo(RunPhase.Failed);
    }

    @Test
    void aRunRecreatedUnderTheSameNameIsANewRunAndTheSameUidIsNot() {
        RunRecord first = new RunRecord("ci-smoke", "uid-1", "shop", T0, RunPhase.Failed, "TestsFailed", 4, 3, 1, 0, 30,
                null, 0, null);
        RunRecord recreated = new RunRecord("ci-smoke", "uid-2", "shop", T0.plusSeconds(90), RunPhase.Succeeded,
                "AllTestsPassed", 4, 4, 0, 0, 30, null, 0, null);

        RunHistoryRing ring = RunHistoryRing.empty(10).add(first).add(recreated);

        assertThat(ring.records()).extracting(RunRecord::uid).containsExactly("uid-1", "uid-2");
        assertThat(ring.add(first)).isSameAs(ring);
        assertThat(ring.contains(recreated)).isTrue();
        assertThat(RunHistoryCodec.decode(RunHistoryCodec.encode(ring), 10)).isEqualTo(ring);
    }

    @Test
    void recordsKeptBeforeUidsAreMatchedByNameAndFinishTime() {
        RunRecord legacy = TestRuns.run(1, T0, RunPhase.Failed);
        RunHistoryRing old = RunHistoryCodec.decode(RunHistoryCodec.encode(RunHistoryRing.empty(10).add(legacy)), 10);
        RunRecord sameRunSeenAgain = new RunRecord("smoke-1", "uid-9", "shop", T0, RunPhase.Failed, "TestsFailed", 40, 38, 2,
                0, 60, null, 0, null);
        RunRecord recreatedLater = new RunRecord("smoke-1", "uid-10", "shop", T0.plusSeconds(600), RunPhase.Failed,
                "TestsFailed", 40, 38, 2, 0, 60, null, 0, null);

        assertThat(RunHistoryCodec.encode(old)).doesNotContain("\"u\"");
        assertThat(old.add(sameRunSeenAgain)).isSameAs(old);
        assertThat(old.add(recreatedLater).records()).hasSize(2);
    }
}
