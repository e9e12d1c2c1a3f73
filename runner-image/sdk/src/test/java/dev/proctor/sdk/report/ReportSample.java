package dev.proctor.sdk.report;

import dev.proctor.runner.report.SuiteTrend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A finished TechShop-like run as its shards leave it in the store: 3 shards of 8 tests, shard 1 retried (its
 * checkout test failed in both attempts, its cart test failed and then passed), a skipped and an erroring test, event
 * logs with every test's times, the failing test's real screenshot, and the suite's 12 runs before this one.
 */
final class ReportSample {
    static final String RUN = "techshop-smoke-42";
    static final String FOLDER = "ci/qa/" + RUN + "/";
    static final String TREND = "ci/qa/_suites/techshop-smoke/trend.json";
    static final Instant STARTED = Instant.parse("2026-12-04T12:00:00Z");
    static final Instant FINISHED = Instant.parse("2026-12-04T12:01:12Z");
    static final String FAILING = "dev.techshop.CheckoutTest#placesAnOrder";
    private static final String[] CLASSES = {"dev.techshop.CatalogTest", "dev.techshop.CartTest", "dev.techshop.CheckoutTest"};
    private static final String[][] METHODS = {
            {"listsProducts", "filtersByCategory", "searchesByName", "showsProductDetails", "sortsByPrice", "pagesThroughResults",
                    "showsEmptySearch", "rendersOnMobile"},
            {"addsAnItem", "removesAnItem", "keepsCartAfterReload", "updatesQuantity", "appliesCoupon", "rejectsExpiredCoupon",
                    "showsTotals", "emptiesCart"},
            {"placesAnOrder", "signsInFirst", "validatesAddress", "choosesDelivery", "paysByCard", "showsConfirmation",
                    "sendsReceipt", "handlesDeclinedCard"}};

    private ReportSample() {}

    static void write(Path root, byte[] screenshot) throws IOException {
        Path run = root.resolve(FOLDER);
        for (int shard = 0; shard < 3; shard++) {
            Instant at = STARTED.plusSeconds(2 + shard);
            StringBuilder xml = new StringBuilder();
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String cls = CLASSES[shard];
                String method = METHODS[shard][i];
                long millis = 1200 + (i * 977L + shard * 613L) % 5200;
                String body = "";
                String status = "PASSED";
                if (shard == 2 && i == 0) {
                    body = failure("failure", "org.opentest4j.AssertionFailedError",
                            "expected: <Order placed> but was: <Payment service unavailable (503)>");
                    status = "FAILED";
                } else if (shard == 1 && i == 3) {
                    body = failure("failure", "org.opentest4j.AssertionFailedError", "expected quantity 2 but was 1");
                    status = "FAILED";
                } else if (shard == 0 && i == 7) {
                    body = "<skipped message=\"mobile layout is tested nightly\"/>";
                    status = "SKIPPED";
                    millis = 0;
                } else if (shard == 2 && i == 7) {
                    body = failure("error", "com.microsoft.playwright.TimeoutError", "Timeout 10000ms exceeded waiting for locator(\"#decline-message\")");
                    status = "FAILED";
                }
                xml.append(testcase(cls, method, millis, body));
                events.add(event(at, "test.started", cls + "#" + method, null));
                at = at.plusMillis(millis);
                events.add(event(at, "test.finished", cls + "#" + method, status));
                at = at.plusMillis(150);
            }
            file(run.resolve("shard-" + shard + "/attempt-0/junit-shard-" + shard + ".xml"), suite(STARTED, xml.toString()));
            file(run.resolve("shard-" + shard + "/attempt-0/events-shard-" + shard + ".jsonl"), String.join("\n", events));
        }
        file(run.resolve("shard-2/attempt-0/" + FAILING + "-screenshot.png"), screenshot);
        file(run.resolve("shard-2/attempt-0/" + FAILING + "-trace.zip"), new byte[] {'P', 'K', 5, 6});
        // the retry of shard 2's failed tests and of shard 1's
        Instant retry = STARTED.plusSeconds(48);
        file(run.resolve("shard-2/attempt-1/junit-shard-2-a1.xml"), suite(retry,
                testcase(CLASSES[2], "placesAnOrder", 4100, failure("failure", "org.opentest4j.AssertionFailedError",
                        "expected: <Order placed> but was: <Payment service unavailable (503)>"))
                        + testcase(CLASSES[2], "handlesDeclinedCard", 3000, failure("error", "com.microsoft.playwright.TimeoutError",
                        "Timeout 10000ms exceeded waiting for locator(\"#decline-message\")"))));
        file(run.resolve("shard-2/attempt-1/events-shard-2-a1.jsonl"), String.join("\n",
                event(retry, "test.started", FAILING, null), event(retry.plusMillis(4100), "test.finished", FAILING, "FAILED"),
                event(retry.plusMillis(4200), "test.started", CLASSES[2] + "#handlesDeclinedCard", null),
                event(retry.plusMillis(7200), "test.finished", CLASSES[2] + "#handlesDeclinedCard", "FAILED")));
        file(run.resolve("shard-2/attempt-1/" + FAILING + "-screenshot.png"), screenshot);
        file(run.resolve("shard-2/attempt-1/" + FAILING + "-video.webm"), new byte[] {26, 69, -33, -93});
        file(run.resolve("shard-1/attempt-1/junit-shard-1-a1.xml"), suite(retry, testcase(CLASSES[1], "updatesQuantity", 2100, "")));
        file(run.resolve("shard-1/attempt-1/events-shard-1-a1.jsonl"), String.join("\n",
                event(retry.plusSeconds(1), "test.started", CLASSES[1] + "#updatesQuantity", null),
                event(retry.plusMillis(3100), "test.finished", CLASSES[1] + "#updatesQuantity", "PASSED")));
        List<SuiteTrend.Point> earlier = new ArrayList<>();
        for (int i = 30; i < 42; i++) {
            int failed = i % 5 == 0 ? 2 : i % 7 == 0 ? 1 : 0;
            earlier.add(new SuiteTrend.Point("techshop-smoke-" + i, STARTED.minusSeconds(3600L * (42 - i)).toString(),
                    failed > 0 ? "Failed" : "Succeeded", 24, failed, 0, 1, i % 3 == 0 ? 1 : 0, 60 + (i * 7) % 25));
        }
        file(root.resolve(TREND), SuiteTrend.write(earlier));
    }

    private static String failure(String element, String type, String message) {
        return "<" + element + " message=\"" + esc(message) + "\" type=\"" + type + "\">" + type + ": " + esc(message)
                + "\n\tat dev.techshop.pages.CheckoutPage.placeOrder(CheckoutPage.java:57)\n\tat dev.techshop.CheckoutTest.placesAnOrder(CheckoutTest.java:31)</"
                + element + ">";
    }

    private static String testcase(String cls, String method, long millis, String body) {
        return "<testcase name=\"" + method + "\" classname=\"" + cls + "\" time=\"" + String.format(Locale.ROOT, "%.3f", millis / 1000.0)
                + "\">" + body + "</testcase>\n";
    }

    private static String suite(Instant at, String cases) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"techshop-smoke\" timestamp=\"" + at + "\">\n" + cases + "</testsuite>\n";
    }

    private static String event(Instant at, String event, String test, String status) {
        return "{\"ts\":\"" + at + "\",\"event\":\"" + event + "\",\"test\":\"" + test + "\",\"uniqueId\":\"" + test + "\",\"try\":1"
                + (status == null ? "" : ",\"status\":\"" + status + "\"") + "}";
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void file(Path file, String text) throws IOException {
        file(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void file(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
