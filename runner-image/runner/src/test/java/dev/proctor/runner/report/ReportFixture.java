package dev.proctor.runner.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A finished run's folder as the shards leave it in the store: shard 0 ran twice (checkout failed both times,
 * wobbly failed then passed), shard 1 once (a skipped test and an error); screenshots in the SDK's and the
 * runner's layouts, a trace, event logs. A failure message carries markup and a secret.
 */
final class ReportFixture {
    static final String PREFIX = "ci/qa/nightly-1/";
    static final String SECRET = "s3cr3t-pass";
    static final Instant STARTED = Instant.parse("2026-12-04T12:00:00Z");
    static final Instant FINISHED = Instant.parse("2026-12-04T12:00:09Z");

    private ReportFixture() {}

    static RunReporter.Settings settings(String run) {
        return new RunReporter.Settings(run, "shop", "Failed", STARTED, FINISHED, "ci/qa/" + run + "/", Map.of(0, 1, 1, 0),
                "ci/qa/_suites/shop/trend.json");
    }

    /** Writes the run's shard folders under {@code root}; {@code screenshot} is the failing test's PNG. */
    static void write(Path root, String run, byte[] screenshot) throws IOException {
        Path folder = root.resolve("ci/qa/" + run);
        write(folder.resolve("shard-0/attempt-0/junit-shard-0.xml"), suite(STARTED,
                "<testcase name=\"checkout\" classname=\"shop.CheckoutTest\" time=\"1.500\"><failure message=\"expected total &lt;script&gt;alert(1)&lt;/script&gt; for "
                        + SECRET + "\" type=\"org.opentest4j.AssertionFailedError\">org.opentest4j.AssertionFailedError: expected total\n\tat shop.CheckoutTest.checkout(CheckoutTest.java:42)</failure></testcase>\n"
                        + "<testcase name=\"wobbly\" classname=\"shop.CartTest\" time=\"0.500\"><failure message=\"first try\" type=\"java.lang.AssertionError\">trace w</failure></testcase>\n"
                        + "<testcase name=\"browse\" classname=\"shop.CartTest\" time=\"1.000\"/>\n"));
        write(folder.resolve("shard-0/attempt-0/events-shard-0.jsonl"), String.join("\n",
                event("12:00:01.000", "test.started", "shop.CheckoutTest#checkout", null),
                event("12:00:02.500", "test.finished", "shop.CheckoutTest#checkout", "FAILED"),
                event("12:00:02.500", "test.started", "shop.CartTest#wobbly", null),
                event("12:00:03.000", "test.finished", "shop.CartTest#wobbly", "FAILED"),
                event("12:00:03.000", "test.started", "shop.CartTest#browse", null),
                event("12:00:04.000", "test.finished", "shop.CartTest#browse", "PASSED"),
                "{\"ts\":\"cut by a kill"));
        write(folder.resolve("shard-0/attempt-0/shop.CheckoutTest#checkout-screenshot.png"), screenshot);
        write(folder.resolve("shard-0/attempt-1/junit-shard-0-a1.xml"), suite(STARTED.plusSeconds(5),
                "<testcase name=\"checkout\" classname=\"shop.CheckoutTest\" time=\"1.200\"><failure message=\"expected total again\" type=\"org.opentest4j.AssertionFailedError\">trace c2</failure></testcase>\n"
                        + "<testcase name=\"wobbly\" classname=\"shop.CartTest\" time=\"0.400\"/>\n"));
        write(folder.resolve("shard-0/attempt-1/tests/shop.CheckoutTest/checkout/try-1/screenshot.png"), screenshot);
        write(folder.resolve("shard-0/attempt-1/shop.CheckoutTest#checkout-trace.zip"), new byte[] {'P', 'K', 3, 4});
        write(folder.resolve("shard-1/attempt-0/junit-shard-1.xml"), suite(STARTED.plusSeconds(1),
                "<testcase name=\"login\" classname=\"shop.LoginTest\" time=\"2.000\"/>\n"
                        + "<testcase name=\"search\" classname=\"shop.LoginTest\" time=\"0\"><skipped message=\"disabled\"/></testcase>\n"
                        + "<testcase name=\"api\" classname=\"shop.ApiTest\" time=\"0.300\"><error message=\"connection refused\" type=\"java.net.ConnectException\">trace e</error></testcase>\n"));
    }

    private static String suite(Instant at, String cases) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"shop\" tests=\"0\" timestamp=\"" + at + "\">\n" + cases + "</testsuite>\n";
    }

    private static String event(String time, String event, String test, String status) {
        return "{\"ts\":\"2026-12-04T" + time + "Z\",\"event\":\"" + event + "\",\"test\":\"" + test + "\",\"uniqueId\":\"[u]" + test
                + "\",\"try\":1" + (status == null ? "" : ",\"status\":\"" + status + "\"") + "}";
    }

    private static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
