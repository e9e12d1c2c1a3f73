package dev.proctor.runner.report;

import dev.proctor.core.report.ArtifactFiles;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's report as one static HTML page: no script, no external resource (inline CSS, inline SVG, screenshots as
 * data URIs; a Content-Security-Policy that allows nothing else), so it opens from the store, a CI artifact or a
 * disk. Everything from the tests is HTML-escaped here; it was masked when the {@link RunReport} was built.
 * Links to traces and videos are relative to the report's folder ({@code ../shard-0/attempt-1/…}), so they work
 * wherever the run's folder is served or copied.
 */
public final class HtmlReport {
    static final int SLOWEST = 15;
    static final int MAX_ALL_TESTS = 2000;
    private static final int WIDTH = 960;

    private HtmlReport() {}

    public static String render(RunReport report) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = report.suite() + " · " + report.run();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" — Proctor report</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><p class=\"brand\">Proctor report</p><h1>").append(esc(report.suite())).append(" <span class=\"run\">")
                .append(esc(report.run())).append("</span></h1></header>\n<main>\n");
        summary(h, report);
        List<RunReport.Case> failed = report.cases().stream()
                .filter(c -> c.status() == RunReport.Status.FAILED || c.status() == RunReport.Status.ERROR).toList();
        List<RunReport.Case> flaky = report.cases().stream().filter(c -> c.status() == RunReport.Status.FLAKY).toList();
        failedTests(h, failed);
        flakyTests(h, flaky);
        timeline(h, report);
        slowest(h, report.cases());
        trend(h, report.trend());
        allTests(h, report.cases());
        if (!report.notes().isEmpty()) {
            h.append("<section aria-labelledby=\"notes\"><h2 id=\"notes\">Notes</h2><ul>");
            for (String note : report.notes()) h.append("<li>").append(esc(note)).append("</li>");
            h.append("</ul></section>\n");
        }
        h.append("</main>\n<footer><p>Merged JUnit XML: <a href=\"junit.xml\">junit.xml</a></p></footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, RunReport r) {
        JUnitXmlMerger.Totals t = r.totals();
        int passed = t.tests() - t.failures() - t.errors() - t.skipped() - t.flakes();
        String verdict = r.verdict() == null ? "Unknown" : r.verdict();
        h.append("<section aria-labelledby=\"summary\"><h2 id=\"summary\">Summary</h2>\n<p class=\"verdict ")
                .append(verdict.equals("Succeeded") ? "ok" : "bad").append("\">Verdict: <strong>").append(esc(verdict))
                .append("</strong></p>\n<dl class=\"counts\">");
        count(h, "Tests", t.tests(), "");
        count(h, "Passed", passed, "passed");
        count(h, "Failed", t.failures(), "failed");
        count(h, "Errors", t.errors(), "failed");
        count(h, "Flaky", t.flakes(), "flaky");
        count(h, "Skipped", t.skipped(), "skipped");
        h.append("<div><dt>Duration</dt><dd>").append(esc(duration(r.started(), r.finished()))).append("</dd></div>");
        h.append("</dl>\n<p class=\"when\">");
        if (r.started() != null) h.append("Started ").append(esc(r.started().toString()));
        if (r.finished() != null) h.append(" · finished ").append(esc(r.finished().toString()));
        h.append("</p></section>\n");
    }

    private static void count(StringBuilder h, String label, int value, String css) {
        h.append("<div class=\"").append(css).append("\"><dt>").append(label).append("</dt><dd>").append(value).append("</dd></div>");
    }

    private static void failedTests(StringBuilder h, List<RunReport.Case> failed) {
        h.append("<section aria-labelledby=\"failed\"><h2 id=\"failed\">Failed tests (").append(failed.size()).append(")</h2>\n");
        if (failed.isEmpty()) h.append("<p>None.</p>\n");
        for (RunReport.Case c : failed) {
            h.append("<article class=\"test failed\"><h3>").append(esc(c.id())).append("</h3>\n<p class=\"meta\">")
                    .append(c.status() == RunReport.Status.ERROR ? "Error" : "Failure").append(where(c))
                    .append(", ").append(seconds(c.seconds())).append("</p>\n");
            if (c.problem() != null) problem(h, c.problem(), "Stack trace");
            for (int i = 0; i < c.earlier().size(); i++) {
                RunReport.Problem earlier = c.earlier().get(i);
                h.append("<h4>Earlier attempt ").append(i + 1).append("</h4>\n");
                problem(h, earlier, "Stack trace of earlier attempt " + (i + 1));
            }
            artifacts(h, c);
            h.append("</article>\n");
        }
        h.append("</section>\n");
    }

    private static void flakyTests(StringBuilder h, List<RunReport.Case> flaky) {
        h.append("<section aria-labelledby=\"flaky\"><h2 id=\"flaky\">Flaky tests (").append(flaky.size()).append(")</h2>\n");
        if (flaky.isEmpty()) h.append("<p>None.</p>\n");
        for (RunReport.Case c : flaky) {
            h.append("<article class=\"test flaky\"><h3>").append(esc(c.id())).append("</h3>\n<p class=\"meta\">Passed after ")
                    .append(c.earlier().size()).append(" failed attempt(s)").append(where(c)).append("</p>\n");
            for (RunReport.Problem earlier : c.earlier()) problem(h, earlier, "Stack trace");
            artifacts(h, c);
            h.append("</article>\n");
        }
        h.append("</section>\n");
    }

    private static String where(RunReport.Case c) {
        if (c.shard() < 0) return "";
        return " in shard " + c.shard() + (c.attempts().isEmpty() ? "" : ", attempt" + (c.attempts().size() > 1 ? "s " : " ")
                + String.join(", ", c.attempts().stream().map(String::valueOf).toList()));
    }

    private static void problem(StringBuilder h, RunReport.Problem p, String traceLabel) {
        h.append("<p class=\"message\"><span class=\"type\">").append(esc(p.type())).append("</span> ")
                .append(esc(p.message())).append("</p>\n");
        if (p.trace() != null && !p.trace().isBlank()) {
            h.append("<details><summary>").append(esc(traceLabel)).append("</summary><pre>").append(esc(p.trace().strip()))
                    .append("</pre></details>\n");
        }
    }

    private static void artifacts(StringBuilder h, RunReport.Case c) {
        List<RunReport.Artifact> images = c.artifacts().stream().filter(a -> a.dataUri() != null).toList();
        if (!images.isEmpty()) h.append("<div class=\"shots\">");
        for (RunReport.Artifact a : images) {
            h.append("<figure><img src=\"").append(esc(a.dataUri())).append("\" alt=\"Screenshot of ").append(esc(c.id()))
                    .append(" in attempt ").append(a.attempt()).append("\"><figcaption>").append(esc(a.fileName()))
                    .append(" (attempt ").append(a.attempt()).append(")</figcaption></figure>\n");
        }
        if (!images.isEmpty()) h.append("</div>\n");
        if (c.artifacts().isEmpty()) return;
        h.append("<ul class=\"files\">");
        for (RunReport.Artifact a : c.artifacts()) {
            h.append("<li><a href=\"").append(esc(href(a.path()))).append("\">").append(label(a.kind())).append(": ")
                    .append(esc(a.fileName())).append("</a> <span class=\"meta\">attempt ").append(a.attempt()).append("</span></li>");
        }
        h.append("</ul>\n");
    }

    private static String label(ArtifactFiles.Kind kind) {
        return switch (kind) {
            case SCREENSHOT -> "Screenshot";
            case TRACE -> "Trace";
            case VIDEO -> "Video";
            case HAR -> "Network log";
            case OTHER -> "File";
        };
    }

    /** A link from {@code report/index.html} to a file of the run's folder, each path segment percent-encoded. */
    static String href(String path) {
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/", -1)) parts.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        return "../" + String.join("/", parts);
    }

    /** One row per shard attempt, one bar per test attempt, x from the run's first test start to its last end. */
    private static void timeline(StringBuilder h, RunReport r) {
        h.append("<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">Timeline</h2>\n");
        List<RunReport.Span> spans = r.spans();
        if (spans.isEmpty()) {
            h.append("<p>No test times were recorded.</p></section>\n");
            return;
        }
        Instant from = spans.stream().map(RunReport.Span::start).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = spans.stream().map(RunReport.Span::end).max(Comparator.naturalOrder()).orElseThrow();
        long total = Math.max(1, Duration.between(from, to).toMillis());
        Map<String, Integer> rows = new LinkedHashMap<>();
        spans.stream().map(s -> s.shard() + "/" + s.attempt()).sorted(Comparator.comparingInt((String k) -> Integer.parseInt(k.split("/")[0]))
                .thenComparingInt(k -> Integer.parseInt(k.split("/")[1]))).forEach(k -> rows.putIfAbsent(k, rows.size()));
        int label = 150;
        int row = 24;
        int height = rows.size() * row + 30;
        double scale = (WIDTH - label - 10) / (double) total;
        h.append("<svg role=\"img\" aria-labelledby=\"timeline-title\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"100%\" class=\"chart\"><title id=\"timeline-title\">Timeline of ").append(spans.size())
                .append(" test attempts on ").append(rows.size()).append(" shard attempts over ").append(esc(human(total)))
                .append("</title>\n");
        for (Map.Entry<String, Integer> e : rows.entrySet()) {
            String[] parts = e.getKey().split("/");
            int y = e.getValue() * row;
            h.append("<text x=\"0\" y=\"").append(y + 16).append("\" class=\"axis\">shard ").append(parts[0])
                    .append(" · attempt ").append(parts[1]).append("</text>");
        }
        for (RunReport.Span s : spans) {
            int y = rows.get(s.shard() + "/" + s.attempt()) * row + 3;
            double x = label + Duration.between(from, s.start()).toMillis() * scale;
            double w = Math.max(1.5, Duration.between(s.start(), s.end()).toMillis() * scale);
            h.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y).append("\" width=\"").append(fmt(w))
                    .append("\" height=\"18\" class=\"").append(spanClass(s.status())).append("\"><title>")
                    .append(esc(s.test())).append(" — ").append(esc(s.status())).append(", ")
                    .append(esc(human(Duration.between(s.start(), s.end()).toMillis()))).append("</title></rect>");
        }
        int axisY = rows.size() * row + 20;
        for (int i = 0; i <= 4; i++) {
            double x = label + (WIDTH - label - 10) * i / 4.0;
            h.append("<text x=\"").append(fmt(Math.min(x, WIDTH - 40))).append("\" y=\"").append(axisY)
                    .append("\" class=\"axis\">").append(esc(human(total * i / 4))).append("</text>");
        }
        h.append("</svg>\n<p class=\"legend\"><span class=\"key passed\"></span> passed <span class=\"key failed\"></span> failed"
                + " <span class=\"key skipped\"></span> skipped or aborted</p></section>\n");
    }

    private static String spanClass(String status) {
        if (RunReportBuilder.passed(status)) return "bar-passed";
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "FAILED", "ERROR" -> "bar-failed";
            default -> "bar-skipped";
        };
    }

    private static void slowest(StringBuilder h, List<RunReport.Case> cases) {
        h.append("<section aria-labelledby=\"slowest\"><h2 id=\"slowest\">Slowest tests</h2>\n");
        List<RunReport.Case> slow = cases.stream().sorted(Comparator.comparingDouble(RunReport.Case::seconds).reversed())
                .limit(SLOWEST).toList();
        table(h, "Slowest tests", slow);
        h.append("</section>\n");
    }

    private static void allTests(StringBuilder h, List<RunReport.Case> cases) {
        h.append("<section aria-labelledby=\"all\"><h2 id=\"all\">All tests</h2>\n<details><summary>")
                .append(cases.size()).append(" tests").append(cases.size() > MAX_ALL_TESTS ? " (the first " + MAX_ALL_TESTS + " listed)" : "")
                .append("</summary>\n");
        table(h, "All tests", cases.subList(0, Math.min(cases.size(), MAX_ALL_TESTS)));
        h.append("</details></section>\n");
    }

    private static void table(StringBuilder h, String caption, List<RunReport.Case> cases) {
        h.append("<table><caption class=\"sr\">").append(esc(caption)).append("</caption><thead><tr><th scope=\"col\">Test</th>"
                + "<th scope=\"col\">Status</th><th scope=\"col\">Shard</th><th scope=\"col\" class=\"num\">Time</th></tr></thead><tbody>\n");
        for (RunReport.Case c : cases) {
            h.append("<tr><td>").append(esc(c.id())).append("</td><td>").append(c.status().name().toLowerCase(Locale.ROOT))
                    .append("</td><td>").append(c.shard() < 0 ? "" : String.valueOf(c.shard())).append("</td><td class=\"num\">")
                    .append(seconds(c.seconds())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    /** The suite's last runs: one stacked bar each (passed, flaky, failed), and the same as a table. */
    private static void trend(StringBuilder h, List<SuiteTrend.Point> trend) {
        h.append("<section aria-labelledby=\"trend\"><h2 id=\"trend\">Trend of the last ").append(trend.size())
                .append(trend.size() == 1 ? " run" : " runs").append("</h2>\n");
        if (trend.isEmpty()) {
            h.append("<p>No earlier runs recorded.</p></section>\n");
            return;
        }
        int max = Math.max(1, trend.stream().mapToInt(SuiteTrend.Point::tests).max().orElse(1));
        int chart = 120;
        double slot = (WIDTH - 40) / (double) Math.max(trend.size(), 10);
        h.append("<svg role=\"img\" aria-labelledby=\"trend-title\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(chart + 20)
                .append("\" width=\"100%\" class=\"chart\"><title id=\"trend-title\">Passed, flaky and failed tests of the suite's last ")
                .append(trend.size()).append(" runs, oldest first</title>\n");
        for (int i = 0; i < trend.size(); i++) {
            SuiteTrend.Point p = trend.get(i);
            double x = 30 + i * slot;
            double w = Math.max(2, slot * 0.7);
            int failed = p.failures() + p.errors();
            int passed = Math.max(0, p.tests() - failed - p.skipped() - p.flaky());
            double y = chart;
            for (Object[] part : new Object[][] {{passed, "bar-passed"}, {p.flaky(), "bar-flaky"}, {failed, "bar-failed"}}) {
                double hgt = (int) part[0] * (chart - 10) / (double) max;
                if (hgt <= 0) continue;
                y -= hgt;
                h.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" width=\"").append(fmt(w))
                        .append("\" height=\"").append(fmt(hgt)).append("\" class=\"").append(part[1]).append("\"></rect>");
            }
            h.append("<rect x=\"").append(fmt(x)).append("\" y=\"0\" width=\"").append(fmt(w)).append("\" height=\"").append(chart)
                    .append("\" class=\"hit\"><title>").append(esc(p.run())).append(": ").append(esc(p.verdict())).append(", ")
                    .append(p.tests()).append(" tests, ").append(failed).append(" failed, ").append(p.flaky()).append(" flaky, ")
                    .append(esc(human(p.seconds() * 1000))).append("</title></rect>");
        }
        h.append("<line x1=\"25\" y1=\"").append(chart).append("\" x2=\"").append(WIDTH - 10).append("\" y2=\"").append(chart)
                .append("\" class=\"base\"></line></svg>\n");
        h.append("<details><summary>The runs as a table</summary><table><caption class=\"sr\">Trend</caption><thead><tr>"
                + "<th scope=\"col\">Run</th><th scope=\"col\">Finished</th><th scope=\"col\">Verdict</th><th scope=\"col\" class=\"num\">Tests</th>"
                + "<th scope=\"col\" class=\"num\">Failed</th><th scope=\"col\" class=\"num\">Flaky</th><th scope=\"col\" class=\"num\">Duration</th></tr></thead><tbody>\n");
        for (int i = trend.size() - 1; i >= 0; i--) {
            SuiteTrend.Point p = trend.get(i);
            h.append("<tr><td>").append(esc(p.run())).append("</td><td>").append(esc(p.finished())).append("</td><td>")
                    .append(esc(p.verdict())).append("</td><td class=\"num\">").append(p.tests()).append("</td><td class=\"num\">")
                    .append(p.failures() + p.errors()).append("</td><td class=\"num\">").append(p.flaky()).append("</td><td class=\"num\">")
                    .append(esc(human(p.seconds() * 1000))).append("</td></tr>\n");
        }
        h.append("</tbody></table></details></section>\n");
    }

    static String esc(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String duration(Instant from, Instant to) {
        if (from == null || to == null) return "unknown";
        return human(Duration.between(from, to).toMillis());
    }

    static String human(long millis) {
        if (millis < 1000) return millis + " ms";
        if (millis < 60_000) return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        long s = millis / 1000;
        return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f s", seconds);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static final String CSS = """
            :root{--ok:#1a7f37;--bad:#b3261e;--flaky:#8a5a00;--muted:#4b5563;--line:#d0d7de;--bg:#f6f8fa}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff}
            header{background:#1f2328;color:#fff;padding:16px 32px}
            header h1{margin:0;font-size:24px}.brand{margin:0;font-size:13px;color:#d0d7de;text-transform:uppercase;letter-spacing:.08em}
            .run{font-weight:400;color:#d0d7de}
            main{max-width:1040px;margin:0 auto;padding:8px 32px 32px}
            h2{font-size:19px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:32px}
            h3{font-size:16px;margin:0 0 4px;word-break:break-all}h4{font-size:14px;margin:12px 0 4px}
            .verdict{font-size:18px;margin:8px 0}.verdict.ok strong{color:var(--ok)}.verdict.bad strong{color:var(--bad)}
            .counts{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
            .counts div{border:1px solid var(--line);border-radius:6px;padding:8px 16px;min-width:96px;background:var(--bg)}
            .counts dt{font-size:13px;color:var(--muted)}.counts dd{margin:0;font-size:22px;font-weight:600}
            .counts .failed dd{color:var(--bad)}.counts .passed dd{color:var(--ok)}.counts .flaky dd{color:var(--flaky)}
            .when,.meta{color:var(--muted);font-size:13px;margin:0 0 8px}
            .test{border:1px solid var(--line);border-left:5px solid var(--bad);border-radius:6px;padding:12px 16px;margin:12px 0}
            .test.flaky{border-left-color:#bf8700}
            .message{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px;white-space:pre-wrap;word-break:break-word;
              background:#fff1f0;border-radius:4px;padding:8px;margin:8px 0}
            .type{font-weight:600}
            pre{font-size:12px;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:8px;overflow:auto;max-height:360px}
            summary{cursor:pointer;color:#0550ae}
            .shots{display:flex;flex-wrap:wrap;gap:16px;margin:12px 0}figure{margin:0;flex:1 1 300px;max-width:460px}
            figure img{width:100%;height:auto;border:1px solid var(--line);border-radius:4px}
            figcaption{font-size:13px;color:var(--muted);word-break:break-all}
            .files{padding-left:20px;margin:8px 0}
            a{color:#0550ae}
            table{border-collapse:collapse;width:100%;font-size:14px}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);word-break:break-all}
            th{background:var(--bg)}.num{text-align:right;white-space:nowrap}
            .chart{display:block;margin:8px 0}.axis{font-size:12px;fill:#4b5563}
            .bar-passed{fill:#2da44e}.bar-failed{fill:#cf222e}.bar-skipped{fill:#8c959f}.bar-flaky{fill:#d4a72c}
            .hit{fill:transparent}.base{stroke:#8c959f}
            .legend{font-size:13px;color:var(--muted)}.key{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:middle;margin-left:8px}
            .key.passed{background:#2da44e}.key.failed{background:#cf222e}.key.skipped{background:#8c959f}
            .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
            footer{max-width:1040px;margin:0 auto;padding:16px 32px;color:var(--muted);font-size:13px;border-top:1px solid var(--line)}
            """;
}
