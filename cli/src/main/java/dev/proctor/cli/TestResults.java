package dev.proctor.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's failed and flaky tests: which ones from its status (authoritative, at most 50 failed), where and why from
 * the shards' JUnit XML in the store (shard, attempt, message) when it has them.
 */
final class TestResults {
    enum Verdict { FAILED, FLAKY }

    record Row(Verdict verdict, String test, Integer shard, Integer attempt, String type, String message) {}

    private TestResults() {}

    /** Every shard attempt's JUnit XML in the run's folder; files that are not JUnit XML are skipped. */
    static List<JUnitCases.Case> fromStore(ArtifactStore store) {
        List<JUnitCases.Case> cases = new ArrayList<>();
        for (ArtifactStore.StoredObject object : store.list("")) {
            Optional<JUnitCases.ShardAttempt> where = JUnitCases.shardAttempt(object.key());
            if (where.isEmpty()) continue;
            Optional<byte[]> xml = store.read(object.key());
            if (xml.isEmpty()) continue;
            try {
                cases.addAll(JUnitCases.parse(xml.get(), where.get().shard(), where.get().attempt()));
            } catch (IOException e) {
                // a half-written or foreign file: the status still names the tests
            }
        }
        return cases;
    }

    static List<Row> rows(Run run, List<JUnitCases.Case> cases) {
        Map<String, Row> fromXml = new LinkedHashMap<>();
        Map<String, List<JUnitCases.Case>> byShardAndTest = new LinkedHashMap<>();
        for (JUnitCases.Case c : cases) byShardAndTest.computeIfAbsent(c.shard() + "\u0000" + c.key(), k -> new ArrayList<>()).add(c);
        for (List<JUnitCases.Case> attempts : byShardAndTest.values()) {
            attempts.sort(Comparator.comparingInt(JUnitCases.Case::attempt));
            JUnitCases.Case last = attempts.get(attempts.size() - 1);
            Optional<JUnitCases.Case> failedBefore = attempts.stream().filter(c -> c.outcome() == JUnitCases.Outcome.FAILED).findFirst();
            Row row = switch (last.outcome()) {
                case FAILED -> row(Verdict.FAILED, last);
                case FLAKY -> row(Verdict.FLAKY, last);
                default -> failedBefore.map(c -> row(Verdict.FLAKY, c)).orElse(null);
            };
            if (row != null) fromXml.merge(row.test(), row, (a, b) -> a.verdict() == Verdict.FAILED ? a : b);
        }
        List<Row> rows = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String test : run.failedTests()) {
            rows.add(withVerdict(Verdict.FAILED, test, fromXml.get(test)));
            seen.add(test);
        }
        // beyond the 50 the status keeps
        fromXml.values().stream().filter(r -> r.verdict() == Verdict.FAILED && !seen.contains(r.test()))
                .forEach(r -> { rows.add(r); seen.add(r.test()); });
        for (String test : run.flakyTests()) {
            if (seen.contains(test)) continue;
            rows.add(withVerdict(Verdict.FLAKY, test, fromXml.get(test)));
            seen.add(test);
        }
        fromXml.values().stream().filter(r -> r.verdict() == Verdict.FLAKY && !seen.contains(r.test())).forEach(rows::add);
        return rows;
    }

    private static Row row(Verdict verdict, JUnitCases.Case c) {
        return new Row(verdict, c.key(), c.shard(), c.attempt(), c.type(), c.message());
    }

    private static Row withVerdict(Verdict verdict, String test, Row xml) {
        return xml == null ? new Row(verdict, test, null, null, null, null)
                : new Row(verdict, test, xml.shard(), xml.attempt(), xml.type(), xml.message());
    }
}
