package dev.proctor.core.sla;

import dev.proctor.core.run.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Run sequences on a fake clock, shared by the SLA, alert and incident tests. */
public final class TestRuns {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestRuns() {}

    public static RunRecord run(int i, Instant finishedAt, RunPhase phase) {
        return new RunRecord("smoke-" + i, "shop", finishedAt, phase,
                phase == RunPhase.Succeeded ? "AllTestsPassed" : phase == RunPhase.Failed ? "TestsFailed" : "OOMKilled",
                40, phase == RunPhase.Failed ? 38 : 40, phase == RunPhase.Failed ? 2 : 0, 0, 60,
                phase == RunPhase.Failed ? List.of("shop.CheckoutTest#pay", "shop.LoginTest#login") : List.of(), 0, List.of());
    }

    /** Runs 1..count, run i finishing at T0 + i × every; the runs in {@code failed} Failed, the rest Succeeded. */
    public static List<RunRecord> every(Duration every, int count, Set<Integer> failed) {
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            runs.add(run(i, at(every, i), failed.contains(i) ? RunPhase.Failed : RunPhase.Succeeded));
        }
        return runs;
    }

    public static Instant at(Duration every, int i) {
        return T0.plus(every.multipliedBy(i));
    }
}
