package dev.proctor.runner.report;

import dev.proctor.core.mask.Masker;
import dev.proctor.core.plan.RunnerContract;
import dev.proctor.core.report.ReportSummary;
import dev.proctor.core.report.ReportSummaryCodec;
import dev.proctor.core.state.Decoded;
import dev.proctor.runner.launch.RunnerSettings;
import dev.proctor.runner.store.ArtifactUploader;
import dev.proctor.runner.store.ObjectStore;
import dev.proctor.runner.store.S3ObjectStore;
import dev.proctor.runner.store.StoreSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The runner in report mode ({@code PROCTOR_MODE=report}, the run's {@code <run>-report} Job): reads every attempt of
 * every shard from the store, writes {@code report/junit.xml} and {@code report/index.html} under the run's folder,
 * adds the run to the suite's trend, and ends with the counts in its termination message (exit 0), or why it wrote no
 * report (exit 2). Secrets are masked in everything it writes.
 */
public final class RunReporter {
    private static final Pattern JUNIT = Pattern.compile("junit-shard-\\d+(-a\\d+)?\\.xml");
    private static final Pattern EVENTS = Pattern.compile("events-shard-\\d+(-a\\d+)?\\.jsonl");

    /**
     * What the operator tells the reporter.
     *
     * @param runPrefix the run's folder in the bucket, ending in '/'
     * @param attempts  each shard's last attempt, by shard index
     */
    public record Settings(String run, String suite, String verdict, Instant started, Instant finished, String runPrefix,
                           Map<Integer, Integer> attempts, String trendKey) {

        public static Settings from(Map<String, String> env, StoreSettings store) {
            Map<Integer, Integer> attempts = new LinkedHashMap<>();
            String listed = env.getOrDefault(RunnerContract.REPORT_ATTEMPTS, "").strip();
            if (!listed.isEmpty()) {
                for (String pair : listed.split(",")) {
                    String[] parts = pair.strip().split(":");
                    try {
                        attempts.put(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(RunnerContract.REPORT_ATTEMPTS + " must list <shard>:<attempt> pairs");
                    }
                }
            }
            return new Settings(env.getOrDefault(RunnerContract.RUN, "run"), env.getOrDefault(RunnerContract.SUITE, "suite"),
                    env.get(RunnerContract.REPORT_VERDICT), instant(env.get(RunnerContract.REPORT_STARTED)),
                    instant(env.get(RunnerContract.REPORT_FINISHED)), store.keyPrefix(), attempts,
                    env.get(RunnerContract.REPORT_TREND_KEY));
        }
    }

    /** What a report came to, for the event log and tests. */
    public record Outcome(ReportSummary summary, int htmlBytes, int junitBytes) {}

    private RunReporter() {}

    public static boolean requested(Map<String, String> env) {
        return RunnerContract.MODE_REPORT.equals(env.get(RunnerContract.MODE));
    }

    /** The reporter as its pod runs it; returns the exit code. */
    public static int run(Map<String, String> env, PrintStream out) {
        long started = System.nanoTime();
        List<String> secretEnv = Arrays.stream(env.getOrDefault(RunnerContract.REPORT_SECRET_ENV, "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        Masker masker = Masker.from(env, secretEnv);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("run", env.getOrDefault(RunnerContract.RUN, ""));
        context.put("component", "report");
        EventLog log = new EventLog(out, masker, Clock.systemUTC(), context);
        log.event("report.started");
        ReportSummary summary;
        try {
            Optional<StoreSettings> store = StoreSettings.from(env);
            if (store.isEmpty()) {
                summary = ReportSummary.failed(ReportSummary.REPORTER_FAILED, "no artifact store: " + RunnerContract.STORE_BUCKET + " is not set", 0);
            } else {
                try (S3ObjectStore s3 = new S3ObjectStore(store.get(), masker)) {
                    Outcome outcome = report(Settings.from(env, store.get()), s3, masker, started);
                    summary = outcome.summary();
                    if (summary.ok()) {
                        log.event("report.finished", "tests", summary.tests(), "failures", summary.failures(), "errors", summary.errors(),
                                "skipped", summary.skipped(), "flaky", summary.flaky(), "millis", summary.millis(),
                                "htmlBytes", outcome.htmlBytes(), "junitBytes", outcome.junitBytes(),
                                "location", store.get().location() + RunnerContract.REPORT_HTML);
                    }
                }
            }
        } catch (RuntimeException e) {
            summary = ReportSummary.failed(ReportSummary.REPORTER_FAILED, masker.mask(String.valueOf(e)), millis(started));
        }
        if (!summary.ok()) log.event("report.failed", "reason", summary.reason(), "error", summary.error());
        Path terminationLog = RunnerSettings.terminationLog(env);
        try {
            Path parent = terminationLog.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(terminationLog, ReportSummaryCodec.encode(summary));
        } catch (IOException e) {
            log.event("runner.warning", "message", "cannot write the summary: " + e);
        }
        return summary.ok() ? 0 : 2;
    }

    /** Reads, builds and writes the report; never throws for what the store or the shards' files do. */
    public static Outcome report(Settings settings, ObjectStore store, Masker masker, long startedNanos) {
        try {
            List<RunReportBuilder.AttemptFiles> attempts = read(settings, store);
            byte[] stored = settings.trendKey() == null ? null : store.get(settings.trendKey()).orElse(null);
            Decoded<List<SuiteTrend.Point>> trend = SuiteTrend.read(stored);
            RunReportBuilder.RunFacts facts = new RunReportBuilder.RunFacts(settings.run(), settings.suite(), settings.verdict(),
                    settings.started(), settings.finished());
            // the trend shown includes this run, whose point comes from the merged counts
            RunReportBuilder.Built built = RunReportBuilder.build(facts, attempts, List.of(), masker,
                    path -> store.get(settings.runPrefix() + path));
            JUnitXmlMerger.Totals t = built.report().totals();
            long seconds = settings.started() == null || settings.finished() == null ? 0
                    : Duration.between(settings.started(), settings.finished()).toSeconds();
            List<SuiteTrend.Point> runs = SuiteTrend.add(trend.value(), new SuiteTrend.Point(settings.run(),
                    settings.finished() == null ? null : settings.finished().toString(), settings.verdict(), t.tests(),
                    t.failures(), t.errors(), t.skipped(), t.flakes(), seconds));
            List<String> notes = new ArrayList<>(built.report().notes());
            if (!trend.ok()) notes.add(trend.unreadable() + "; it starts again from this run");
            RunReport report = new RunReport(facts.run(), facts.suite(), facts.verdict(), facts.started(), facts.finished(), t,
                    built.report().cases(), built.report().spans(), notes, runs);
            byte[] html = HtmlReport.render(report).getBytes(StandardCharsets.UTF_8);
            store.put(settings.runPrefix() + RunnerContract.REPORT_JUNIT, built.junitXml(), ArtifactUploader.contentType("junit.xml"));
            store.put(settings.runPrefix() + RunnerContract.REPORT_HTML, html, ArtifactUploader.contentType("index.html"));
            if (settings.trendKey() != null) store.put(settings.trendKey(), SuiteTrend.write(runs), ArtifactUploader.contentType("trend.json"));
            return new Outcome(new ReportSummary(t.tests(), t.failures(), t.errors(), t.skipped(), t.flakes(), millis(startedNanos),
                    null, null), html.length, built.junitXml().length);
        } catch (ObjectStore.StoreException e) {
            return new Outcome(ReportSummary.failed(e.refused() ? ReportSummary.STORE_REFUSED : ReportSummary.STORE_UNREACHABLE,
                    e.getMessage(), millis(startedNanos)), 0, 0);
        } catch (IOException e) {
            return new Outcome(ReportSummary.failed(ReportSummary.REPORTER_FAILED, masker.mask(e.getMessage()), millis(startedNanos)), 0, 0);
        }
    }

    /** Every attempt the operator named, with its XML, its event log and the names of its files. */
    static List<RunReportBuilder.AttemptFiles> read(Settings settings, ObjectStore store) {
        List<RunReportBuilder.AttemptFiles> out = new ArrayList<>();
        for (Map.Entry<Integer, Integer> shard : settings.attempts().entrySet()) {
            for (int attempt = 0; attempt <= shard.getValue(); attempt++) {
                String folder = settings.runPrefix() + "shard-" + shard.getKey() + "/attempt-" + attempt + "/";
                List<String> keys = new ArrayList<>();
                for (String key : store.list(folder)) keys.add(key.substring(folder.length()));
                byte[] xml = null;
                List<String> events = new ArrayList<>();
                for (String key : keys) {
                    if (JUNIT.matcher(key).matches()) xml = store.get(folder + key).orElse(null);
                    else if (EVENTS.matcher(key).matches()) {
                        store.get(folder + key).ifPresent(b -> events.addAll(new String(b, StandardCharsets.UTF_8).lines().toList()));
                    }
                }
                out.add(new RunReportBuilder.AttemptFiles(shard.getKey(), attempt, xml, events, keys));
            }
        }
        return out;
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
