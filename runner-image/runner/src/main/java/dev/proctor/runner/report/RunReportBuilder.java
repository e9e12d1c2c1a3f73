package dev.proctor.runner.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proctor.core.mask.Masker;
import dev.proctor.core.report.ArtifactFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Builds the run's merged JUnit XML ({@link JUnitXmlMerger}) and the {@link RunReport} the HTML shows, from what every
 * shard attempt left in the store: its JUnit XML, its event log (the timeline's times) and its files (each test's
 * screenshots, traces and videos, found by the names {@link ArtifactFiles} gives them). Pure but for {@code fetch},
 * which reads a screenshot to show inline. Every text from the tests is masked here.
 */
public final class RunReportBuilder {
    /** A screenshot larger than this is linked, not shown inline. */
    static final int MAX_INLINE_BYTES = 1024 * 1024;
    /** Inline screenshots of the whole report, at most (the rest are linked). */
    static final long MAX_INLINE_TOTAL = 8L * 1024 * 1024;
    static final int MAX_INLINE_PER_TEST = 3;
    /** Timeline bars, at most: a picture of 100,000 rectangles helps no one and weighs megabytes. */
    static final int MAX_SPANS = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one shard attempt left in the store.
     *
     * @param junitXml null when the attempt stored none
     * @param keys     every file of the attempt, relative to its folder ({@code tests/…/screenshot.png})
     */
    public record AttemptFiles(int shard, int attempt, byte[] junitXml, List<String> eventLines, List<String> keys) {
        String folder() {
            return "shard-" + shard + "/attempt-" + attempt + "/";
        }
    }

    /** The run as the operator describes it to the reporter. */
    public record RunFacts(String run, String suite, String verdict, Instant started, Instant finished) {}

    public record Built(RunReport report, byte[] junitXml) {}

    private RunReportBuilder() {}

    /** @param fetch a file's bytes by its path relative to the run's folder (for inline screenshots) */
    public static Built build(RunFacts facts, List<AttemptFiles> attempts, List<SuiteTrend.Point> trend, Masker masker,
                              Function<String, Optional<byte[]>> fetch) throws IOException {
        List<String> notes = new ArrayList<>();
        List<JUnitXmlMerger.ShardXml> xmls = new ArrayList<>();
        for (AttemptFiles a : attempts) {
            if (a.junitXml() == null) notes.add("shard " + a.shard() + " attempt " + a.attempt() + " stored no JUnit XML");
            else xmls.add(new JUnitXmlMerger.ShardXml(a.shard(), a.attempt(), a.junitXml()));
        }
        byte[] merged = JUnitXmlMerger.merge(facts.suite(), xmls, masker);
        Map<String, List<AttemptFiles>> ranIn = ranIn(attempts);
        Inline inline = new Inline(fetch);
        List<RunReport.Case> cases = new ArrayList<>();
        Document doc = parse(merged);
        NodeList found = doc.getElementsByTagName("testcase");
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) elements.add((Element) found.item(i));
        for (Element testcase : elements) {
            String className = testcase.getAttribute("classname");
            String name = testcase.getAttribute("name");
            List<AttemptFiles> ran = ranIn.getOrDefault(key(className, name), List.of());
            RunReport.Status status = status(testcase);
            List<RunReport.Problem> earlier = new ArrayList<>();
            RunReport.Problem problem = null;
            for (Node child = testcase.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (!(child instanceof Element e)) continue;
                switch (e.getTagName()) {
                    case "failure", "error" -> problem = problem(e, false);
                    case "rerunFailure", "rerunError", "flakyFailure", "flakyError" -> earlier.add(problem(e, true));
                    default -> { }
                }
            }
            boolean showImages = status == RunReport.Status.FAILED || status == RunReport.Status.ERROR || status == RunReport.Status.FLAKY;
            List<RunReport.Artifact> artifacts = artifacts(className, name, ran, attempts, showImages ? inline : null);
            cases.add(new RunReport.Case(className, name, status, JUnitXmlMerger.parseSeconds(testcase.getAttribute("time")),
                    ran.isEmpty() ? -1 : ran.get(0).shard(), ran.stream().map(AttemptFiles::attempt).toList(), problem,
                    earlier, artifacts));
        }
        JUnitXmlMerger.Totals totals = JUnitXmlMerger.totals(elements);
        List<RunReport.Span> all = spans(attempts, masker);
        List<RunReport.Span> spans = bounded(all);
        if (spans.size() < all.size()) {
            notes.add("the timeline shows " + spans.size() + " of " + all.size() + " test attempts: every one that did not pass, and"
                    + " passing ones evenly spread");
        }
        if (inline.skipped > 0) notes.add(inline.skipped + " screenshot(s) linked rather than shown: over the report's size budget");
        return new Built(new RunReport(facts.run(), facts.suite(), facts.verdict(), facts.started(), facts.finished(), totals,
                cases, spans, notes, trend), merged);
    }

    private static String key(String className, String name) {
        return className + "\u0000" + name;
    }

    /** For each test case, the shard attempts whose XML has it, in attempt order. */
    private static Map<String, List<AttemptFiles>> ranIn(List<AttemptFiles> attempts) throws IOException {
        Map<String, List<AttemptFiles>> ran = new HashMap<>();
        List<AttemptFiles> ordered = new ArrayList<>(attempts);
        ordered.sort(Comparator.comparingInt(AttemptFiles::shard).thenComparingInt(AttemptFiles::attempt));
        for (AttemptFiles a : ordered) {
            if (a.junitXml() == null) continue;
            NodeList found = parse(a.junitXml()).getElementsByTagName("testcase");
            for (int i = 0; i < found.getLength(); i++) {
                Element e = (Element) found.item(i);
                ran.computeIfAbsent(key(e.getAttribute("classname"), e.getAttribute("name")), k -> new ArrayList<>()).add(a);
            }
        }
        return ran;
    }

    private static RunReport.Status status(Element testcase) {
        if (JUnitXmlMerger.first(testcase, "failure") != null) return RunReport.Status.FAILED;
        if (JUnitXmlMerger.first(testcase, "error") != null) return RunReport.Status.ERROR;
        if (JUnitXmlMerger.first(testcase, "skipped") != null) return RunReport.Status.SKIPPED;
        if (JUnitXmlMerger.first(testcase, "flakyFailure") != null || JUnitXmlMerger.first(testcase, "flakyError") != null) {
            return RunReport.Status.FLAKY;
        }
        return RunReport.Status.PASSED;
    }

    private static RunReport.Problem problem(Element e, boolean nested) {
        Element trace = nested ? JUnitXmlMerger.first(e, "stackTrace") : null;
        return new RunReport.Problem(e.getTagName(), e.getAttribute("type"), e.getAttribute("message"),
                trace != null ? trace.getTextContent() : e.getTextContent());
    }

    /**
     * The test's files in every attempt of its shard: the SDK's {@code <stem>-<kind>} at the folder's top, and the
     * runner's {@code tests/<class>/<test>/try-<n>/…}.
     */
    private static List<RunReport.Artifact> artifacts(String className, String name, List<AttemptFiles> ran,
                                                      List<AttemptFiles> all, Inline inline) {
        if (ran.isEmpty()) return List.of();
        int shard = ran.get(0).shard();
        String method = name.contains(" ") ? name.substring(0, name.indexOf(' ')) : name;
        String sdkPrefix = ArtifactFiles.stem(className + "#" + method) + "-";
        String collected = "tests/" + ArtifactFiles.safe(className) + "/" + ArtifactFiles.safe(method);
        List<RunReport.Artifact> out = new ArrayList<>();
        int shown = 0;
        for (AttemptFiles a : all) {
            if (a.shard() != shard) continue;
            for (String key : a.keys()) {
                boolean sdk = !key.contains("/") && key.startsWith(sdkPrefix);
                boolean mine = key.startsWith(collected + "/") || key.startsWith(collected + " ");
                if (!sdk && !mine) continue;
                ArtifactFiles.Kind kind = ArtifactFiles.kind(key);
                String path = a.folder() + key;
                String data = null;
                if (kind == ArtifactFiles.Kind.SCREENSHOT && inline != null && shown < MAX_INLINE_PER_TEST) {
                    data = inline.dataUri(path);
                    if (data != null) shown++;
                }
                out.add(new RunReport.Artifact(path, kind, a.attempt(), data));
            }
        }
        return out;
    }

    /** Screenshots shown inline, within the report's budget. */
    private static final class Inline {
        private final Function<String, Optional<byte[]>> fetch;
        private long total;
        private int skipped;

        Inline(Function<String, Optional<byte[]>> fetch) {
            this.fetch = fetch;
        }

        String dataUri(String path) {
            if (total >= MAX_INLINE_TOTAL) { // the budget is spent: not even downloaded
                skipped++;
                return null;
            }
            Optional<byte[]> bytes = fetch.apply(path);
            if (bytes.isEmpty()) return null;
            byte[] image = bytes.get();
            if (image.length > MAX_INLINE_BYTES || total + image.length > MAX_INLINE_TOTAL) {
                skipped++;
                return null;
            }
            total += image.length;
            String type = path.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? "image/png" : "image/jpeg";
            return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(image);
        }
    }

    /**
     * Each test attempt's bar on the timeline, from the event log's {@code test.started}/{@code test.finished}; an
     * attempt without an event log is drawn from its XML (the suite's timestamp and each case's time, in order).
     */
    static List<RunReport.Span> spans(List<AttemptFiles> attempts, Masker masker) throws IOException {
        List<RunReport.Span> spans = new ArrayList<>();
        for (AttemptFiles a : attempts) {
            List<RunReport.Span> mine = fromEvents(a, masker);
            if (mine.isEmpty() && a.junitXml() != null) mine = fromXml(a, masker);
            spans.addAll(mine);
        }
        spans.sort(Comparator.comparing(RunReport.Span::start));
        return spans;
    }

    /**
     * At most {@link #MAX_SPANS} bars: every test attempt that did not pass, and passing ones evenly spread over the
     * run, so that each shard's row still spans its time.
     */
    static List<RunReport.Span> bounded(List<RunReport.Span> spans) {
        if (spans.size() <= MAX_SPANS) return spans;
        List<RunReport.Span> kept = new ArrayList<>();
        List<RunReport.Span> passed = new ArrayList<>();
        for (RunReport.Span span : spans) {
            if (passed(span.status()) || kept.size() >= MAX_SPANS) passed.add(span);
            else kept.add(span);
        }
        int room = MAX_SPANS - kept.size();
        for (int i = 0; i < room && !passed.isEmpty(); i++) kept.add(passed.get((int) ((long) i * passed.size() / room)));
        kept.sort(Comparator.comparing(RunReport.Span::start));
        return kept;
    }

    static boolean passed(String status) {
        return "PASSED".equalsIgnoreCase(status) || "SUCCESSFUL".equalsIgnoreCase(status) || "FLAKY".equalsIgnoreCase(status);
    }

    private static List<RunReport.Span> fromEvents(AttemptFiles a, Masker masker) {
        Map<String, Instant> started = new LinkedHashMap<>();
        List<RunReport.Span> spans = new ArrayList<>();
        for (String line : a.eventLines()) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                continue; // a line cut by a killed pod
            }
            if (node == null || !node.isObject()) continue;
            String event = node.path("event").asText();
            String id = node.path("uniqueId").asText(node.path("test").asText()) + "\u0000" + node.path("try").asText();
            Instant ts = instant(node.path("ts").asText(null));
            if (ts == null) continue;
            if ("test.started".equals(event)) {
                started.put(id, ts);
            } else if ("test.finished".equals(event)) {
                Instant start = started.getOrDefault(id, ts.minusMillis(node.path("millis").asLong(0)));
                spans.add(new RunReport.Span(a.shard(), a.attempt(), masker.mask(node.path("test").asText()), start, ts,
                        node.path("status").asText("UNKNOWN")));
            }
        }
        return spans;
    }

    private static List<RunReport.Span> fromXml(AttemptFiles a, Masker masker) throws IOException {
        Document doc = parse(a.junitXml());
        Instant at = instant(doc.getDocumentElement().getAttribute("timestamp"));
        if (at == null) return List.of();
        List<RunReport.Span> spans = new ArrayList<>();
        NodeList found = doc.getElementsByTagName("testcase");
        for (int i = 0; i < found.getLength(); i++) {
            Element e = (Element) found.item(i);
            Instant end = at.plusMillis(Math.round(JUnitXmlMerger.parseSeconds(e.getAttribute("time")) * 1000));
            spans.add(new RunReport.Span(a.shard(), a.attempt(), masker.mask(e.getAttribute("classname") + "#" + e.getAttribute("name")),
                    at, end, status(e).name()));
            at = end;
        }
        return spans;
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Document parse(byte[] xml) throws IOException {
        DocumentBuilder builder = JUnitXmlMerger.builder();
        try {
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new IOException("not JUnit XML: " + e.getMessage(), e);
        }
    }
}
