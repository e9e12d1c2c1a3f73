package dev.proctor.runner.launch;

import dev.proctor.core.plan.Granularity;
import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.plan.TestId;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import dev.proctor.core.mask.Masker;
import dev.proctor.runner.report.EventLog;
import dev.proctor.runner.report.JUnitXmlWriter;
import dev.proctor.runner.report.ResultJournal;
import dev.proctor.runner.report.ShardReport;
import dev.proctor.runner.report.TestAttempt;
import dev.proctor.core.result.StoreUpload;
import dev.proctor.runner.store.ArtifactUploader;
import dev.proctor.runner.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a shard leaves behind: the summary in the termination log (checkpointed while tests run, final at the end),
 * a journal line per finished test and the JUnit XML in the artifacts directory, and, when an artifact store is set,
 * the whole artifacts directory in the store (the summary then says how that went). A write that fails is logged and
 * does not change the exit code: the summary is the operator's source of truth and is written last, and its own
 * failure can only be logged.
 */
public final class ShardOutputs {
    private final RunnerSettings settings;
    private final EventLog log;
    private final Instant startedAt;
    private Checkpoint checkpoint;
    private ResultJournal journal;
    private RunPlan plan;
    private Masker masker = Masker.patternsOnly();
    private boolean warned;

    public ShardOutputs(RunnerSettings settings, EventLog log, Instant startedAt) {
        this.settings = settings;
        this.log = log;
        this.startedAt = startedAt;
    }

    /** {@code junit-shard-<i>.xml}; a later pod attempt k writes {@code junit-shard-<i>-a<k>.xml} beside it. */
    static String junitFileName(int shardIndex, int attempt) {
        return "junit-shard-" + shardIndex + (attempt > 0 ? "-a" + attempt : "") + ".xml";
    }

    /** {@code results-shard-<i>.jsonl}, per pod attempt like the XML. */
    static String journalFileName(int shardIndex, int attempt) {
        return "results-shard-" + shardIndex + (attempt > 0 ? "-a" + attempt : "") + ".jsonl";
    }

    /** Tests are about to run: from now on each one is journaled and checkpointed. */
    synchronized void startResults(RunPlan plan, Masker masker) {
        this.plan = plan;
        this.masker = masker;
        try {
            journal = new ResultJournal(settings.artifactsDir().resolve(journalFileName(settings.shardIndex(), settings.attempt())), masker);
        } catch (IOException | RuntimeException e) {
            warn("cannot open the result journal: " + e);
        }
    }

    synchronized void journal(TestId test, int tryNumber, TestAttempt attempt, Instant started) {
        if (journal == null) return;
        try {
            journal.append(test, tryNumber, attempt, started);
        } catch (RuntimeException e) {
            warn("cannot append to the result journal: " + e);
        }
    }

    /**
     * A summary that stays true if the JVM dies right now: the tests that completed, and the one running (or none),
     * as a runner error. Replaced by the final summary when the runner ends normally.
     */
    synchronized void checkpoint(LiveResults live, long millis) {
        TestId running = live.running();
        String what = running == null ? "between tests" : "while " + running.methodKey() + " was running";
        ShardReport report = live.report(millis, "the runner ended " + what + " (killed by a signal or the OOM killer,"
                + " or halted) after " + live.completed() + " tests had completed");
        writeSummary(summary(report, running == null ? "" : running.methodKey()));
    }

    /** @param running the test running when the runner stopped, when the summary must stay a checkpoint; else null */
    synchronized ShardSummary write(ShardRunner.Outcome outcome, TestId running) {
        if (outcome.plan() != null) plan = outcome.plan();
        masker = outcome.masker();
        Path xml = settings.artifactsDir().resolve(junitFileName(settings.shardIndex(), settings.attempt()));
        String suite = plan == null ? "proctor" : plan.suite();
        try {
            new JUnitXmlWriter(masker).write(xml, suite + " shard " + settings.shardIndex(), outcome.report(),
                    properties(), startedAt);
        } catch (IOException | RuntimeException e) {
            log.event("runner.warning", "message", "cannot write JUnit XML " + xml + ": " + e);
        }
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                warn("cannot close the result journal: " + e);
            }
        }
        ShardSummary summary = summary(outcome.report(), running == null ? null : running.methodKey());
        // The verdict first: a shard killed while uploading (its deadline, an eviction) still reports its tests.
        writeSummary(summary);
        Optional<StoreSettings> store = storeSettings();
        if (store.isPresent()) {
            summary = summary.withStore(upload(store.get()));
            writeSummary(summary);
        }
        return summary;
    }

    private Optional<StoreSettings> storeSettings() {
        try {
            return StoreSettings.from(settings.env());
        } catch (RuntimeException e) {
            log.event("runner.warning", "message", "artifact store settings: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Uploads the artifacts directory; the outcome goes into the summary, the figures into the event log. */
    private StoreUpload upload(StoreSettings store) {
        log.event("artifacts.uploading", "location", store.location(),
                "endpoint", store.endpoint() == null ? null : store.endpoint().toString());
        try (ArtifactUploader uploader = new ArtifactUploader(store, masker)) {
            ArtifactUploader.Result result = uploader.upload(settings.artifactsDir());
            StoreUpload upload = result.upload();
            double megabytesPerSecond = result.millis() == 0 ? 0 : result.bytes() / 1e6 / (result.millis() / 1e3);
            log.event(upload.complete() ? "artifacts.uploaded" : "artifacts.incomplete", "location", store.location(),
                    "uploaded", upload.uploaded(), "missing", upload.missing(), "bytes", result.bytes(),
                    "millis", result.millis(), "megabytesPerSecond", Math.round(megabytesPerSecond * 10) / 10.0,
                    "reason", upload.reason());
            return upload;
        } catch (RuntimeException e) {
            // the SDK refuses settings it cannot use (an endpoint without a scheme): the artifacts are all missing
            String reason = masker.mask("artifact store client: " + e.getMessage());
            log.event("artifacts.incomplete", "location", store.location(), "reason", reason);
            return new StoreUpload(0, 1, reason);
        }
    }

    private ShardSummary summary(ShardReport report, String running) {
        Granularity granularity = plan == null ? Granularity.CLASS : plan.granularity();
        ShardSummary summary = report.toSummary(granularity, masker);
        if (running == null) return summary;
        return new ShardSummary(Verdict.ERROR, summary.total(), summary.passed(), summary.failed(), summary.skipped(),
                summary.flaky(), summary.durationMillis(), summary.failedTests(), summary.flakyTests(),
                summary.classDurations(), summary.error(), summary.truncated(),
                running.isEmpty() ? "(between tests)" : masker.mask(running));
    }

    private void writeSummary(ShardSummary summary) {
        byte[] encoded = SummaryCodec.encode(summary);
        try {
            if (checkpoint == null) checkpoint = new Checkpoint(settings.terminationLog());
            checkpoint.write(encoded);
        } catch (IOException | UncheckedIOException e) {
            warn("cannot write the summary to " + settings.terminationLog() + ": " + e);
        }
    }

    private void warn(String message) {
        if (warned) return;
        warned = true;
        log.event("runner.warning", "message", message);
    }

    private Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        String run = settings.run() != null ? settings.run() : plan != null ? plan.run() : null;
        if (run != null) properties.put("proctor.run", run);
        properties.put("proctor.shard", String.valueOf(settings.shardIndex()));
        properties.put("proctor.attempt", String.valueOf(settings.attempt()));
        if (plan != null) {
            properties.put("proctor.shards", String.valueOf(plan.shards()));
            properties.put("proctor.strategy", PlanNames.of(plan.strategy()));
            properties.put("proctor.granularity", PlanNames.of(plan.granularity()));
            if (plan.tagExpression() != null) properties.put("proctor.tags", plan.tagExpression());
        }
        return properties;
    }
}
