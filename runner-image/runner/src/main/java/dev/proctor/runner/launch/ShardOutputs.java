package dev.proctor.runner.launch;

import dev.proctor.core.plan.Granularity;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.runner.report.EventLog;
import dev.proctor.runner.report.JUnitXmlWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes what a finished shard leaves behind: JUnit XML in the artifacts directory and the summary in the
 * termination log. A write that fails is logged and does not change the exit code: the summary is the operator's
 * source of truth and is written last, and its own failure can only be logged.
 */
final class ShardOutputs {
    private final RunnerSettings settings;
    private final EventLog log;

    ShardOutputs(RunnerSettings settings, EventLog log) {
        this.settings = settings;
        this.log = log;
    }

    /** {@code junit-shard-<i>.xml}; a later pod attempt k writes {@code junit-shard-<i>-a<k>.xml} beside it. */
    static String junitFileName(int shardIndex, int attempt) {
        return "junit-shard-" + shardIndex + (attempt > 0 ? "-a" + attempt : "") + ".xml";
    }

    ShardSummary write(ShardRunner.Outcome outcome, Instant startedAt) {
        Granularity granularity = outcome.plan() == null ? Granularity.CLASS : outcome.plan().granularity();
        ShardSummary summary = outcome.report().toSummary(granularity, outcome.masker());
        Path xml = settings.artifactsDir().resolve(junitFileName(settings.shardIndex(), settings.attempt()));
        String suite = outcome.plan() == null ? "proctor" : outcome.plan().suite();
        try {
            new JUnitXmlWriter(outcome.masker()).write(xml, suite + " shard " + settings.shardIndex(),
                    outcome.report(), properties(outcome), startedAt);
        } catch (IOException | RuntimeException e) {
            log.event("runner.warning", "message", "cannot write JUnit XML " + xml + ": " + e);
        }
        byte[] encoded = SummaryCodec.encode(summary);
        try {
            Path parent = settings.terminationLog().toAbsolutePath().getParent();
            if (parent != null && !Files.exists(parent)) Files.createDirectories(parent);
            Files.write(settings.terminationLog(), encoded);
        } catch (IOException | RuntimeException e) {
            log.event("runner.warning", "message", "cannot write the summary to " + settings.terminationLog() + ": " + e);
        }
        return summary;
    }

    private Map<String, String> properties(ShardRunner.Outcome outcome) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("proctor.run", settings.run());
        properties.put("proctor.shard", String.valueOf(settings.shardIndex()));
        properties.put("proctor.attempt", String.valueOf(settings.attempt()));
        if (outcome.plan() != null) {
            properties.put("proctor.shards", String.valueOf(outcome.plan().shards()));
            properties.put("proctor.strategy", outcome.plan().strategy().name());
            properties.put("proctor.granularity", outcome.plan().granularity().name());
            if (outcome.plan().tagExpression() != null) properties.put("proctor.tags", outcome.plan().tagExpression());
        }
        return properties;
    }
}
