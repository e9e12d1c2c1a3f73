package dev.proctor.runner.launch;

import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.result.DecodeResult;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.run.HistoryFold;
import dev.proctor.core.run.SuiteHistory;
import dev.proctor.core.run.SuiteHistoryCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The plan of a run by hand, built from the command line ({@link RunnerSettings.LocalPlan}) exactly as the operator
 * would write it: every shard started with the same options computes the same plan, so {@code --shards 4 --index i}
 * for i = 0..3 covers the selection once.
 */
final class LocalPlans {
    private LocalPlans() {}

    static RunPlan build(RunnerSettings settings) {
        RunnerSettings.LocalPlan local = settings.local();
        RunPlan plan = new RunPlan(RunPlan.SCHEMA, settings.run() == null ? "local" : settings.run(), "local",
                settings.shardCount() == null ? local.shards() : settings.shardCount(), local.strategy(),
                local.granularity(), local.packages(), local.classes(), local.tags(), Set.of(), local.retries(),
                local.timeout(), durations(local.history()), null, Set.of(), local.includes(), local.excludes(),
                local.collect());
        try {
            // the same rules as a plan file: a bad pattern or glob is refused naming it
            return dev.proctor.core.plan.RunPlanCodec.decode(dev.proctor.core.plan.RunPlanCodec.encode(plan));
        } catch (IllegalArgumentException e) {
            throw new RunnerError("the options do not make a valid plan: " + e.getMessage(), e);
        }
    }

    /**
     * Durations from {@code --history}: a history.json (the operator's form), one summary.json, or a folder holding
     * {@code shard-<i>/summary.json} files of an earlier run by hand, folded as the operator folds a run.
     */
    static Map<String, Long> durations(Path history) {
        if (history == null) return Map.of();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(history)) {
            try (Stream<Path> found = Files.walk(history, 2)) {
                found.filter(f -> f.getFileName().toString().equals("summary.json")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new RunnerError("cannot read --history " + history + ": " + e.getMessage(), e);
            }
        } else {
            files.add(history);
        }
        List<ShardSummary> summaries = new ArrayList<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new RunnerError("cannot read --history " + file + ": " + e.getMessage(), e);
            }
            if (SummaryCodec.decode(text.strip()) instanceof DecodeResult.Decoded decoded) {
                summaries.add(decoded.summary());
            } else if (files.size() == 1) {
                SuiteHistory read = SuiteHistoryCodec.decode(suiteOf(text), text);
                if (read.durations().isEmpty()) {
                    throw new RunnerError("--history " + file + " is neither a summary.json nor a history.json with durations");
                }
                return read.durations();
            }
        }
        return HistoryFold.fold(SuiteHistory.empty(null), "local", summaries).durations();
    }

    private static String suiteOf(String json) {
        try {
            return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(json).path("suite").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
