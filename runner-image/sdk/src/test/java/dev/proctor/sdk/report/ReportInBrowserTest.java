package dev.proctor.sdk.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Clip;
import dev.proctor.core.mask.Masker;
import dev.proctor.core.report.ReportSummary;
import dev.proctor.runner.report.RunReporter;
import dev.proctor.runner.store.DirectoryStore;
import dev.proctor.sdk.a11y.A11yReport;
import dev.proctor.sdk.a11y.A11yViolation;
import dev.proctor.sdk.a11y.Accessibility;
import dev.proctor.sdk.browser.BrowserSession;
import dev.proctor.sdk.browser.BrowserSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's HTML report as people see it: built by the reporter from a run's folder on disk and opened from
 * {@code file://} in real Chromium. It renders without console errors, the failed test's screenshot is shown and
 * decoded, its links reach the run's files, and axe finds no serious or critical violation. Saves a picture of the
 * page to {@code target/report.png} ({@code hack/report-picture.sh} copies it to docs/).
 */
class ReportInBrowserTest {
    private static final String SHOP_ERROR = "<!DOCTYPE html><html lang=\"en\"><head><title>TechShop checkout</title><style>"
            + "body{font:16px system-ui;margin:0}header{background:#0b3d91;color:#fff;padding:16px 24px;font-size:22px}"
            + "main{padding:24px}.error{background:#fde7e9;border:1px solid #c50f1f;color:#8a0010;padding:16px;border-radius:6px}"
            + "button{font-size:16px;padding:10px 18px;margin-top:16px}</style></head><body><header>TechShop</header><main>"
            + "<h1>Checkout</h1><p>2 items · 59.80 €</p><div class=\"error\">Payment service unavailable (503). Please try again later.</div>"
            + "<button>Place order</button></main></body></html>";

    @TempDir
    Path artifacts;

    @TempDir
    Path store;

    @Test
    void theReportRendersInChromiumWithTheFailedTestsScreenshotAndNoSeriousAxeViolations() throws Exception {
        BrowserSession session = BrowserSession.open("report", new BrowserSettings("/usr/bin/chromium", artifacts, false, true, 10_000));
        try {
            Page page = session.page();
            page.setContent(SHOP_ERROR);
            byte[] screenshot = page.screenshot();
            ReportSample.write(store, screenshot);

            long started = System.nanoTime();
            RunReporter.Outcome outcome = RunReporter.report(new RunReporter.Settings(ReportSample.RUN, "techshop-smoke", "Failed",
                    ReportSample.STARTED, ReportSample.FINISHED, ReportSample.FOLDER, Map.of(0, 0, 1, 1, 2, 1), ReportSample.TREND),
                    new DirectoryStore(store), Masker.patternsOnly(), started);
            ReportSummary summary = outcome.summary();
            System.out.printf("[figures] report of %d tests built in %d ms: index.html %d bytes (one screenshot of %d bytes inline twice), junit.xml %d bytes%n",
                    summary.tests(), summary.millis(), outcome.htmlBytes(), screenshot.length, outcome.junitBytes());
            assertThat(summary.ok()).isTrue();
            assertThat(List.of(summary.tests(), summary.failures(), summary.errors(), summary.skipped(), summary.flaky()))
                    .containsExactly(24, 1, 1, 1, 1);

            List<String> errors = new ArrayList<>();
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) errors.add(message.text());
            });
            page.onPageError(errors::add);
            Path html = store.resolve(ReportSample.FOLDER + "report/index.html");
            page.navigate(html.toUri().toString());

            assertThat(page.title()).contains(ReportSample.RUN);
            assertThat(page.locator("h2#failed").textContent()).isEqualTo("Failed tests (2)");
            Locator image = page.locator("img[alt^='Screenshot of " + ReportSample.FAILING + "']").first();
            image.scrollIntoViewIfNeeded();
            assertThat(image.isVisible()).isTrue();
            assertThat(image.evaluate("i => i.complete && i.naturalWidth")).isEqualTo(1280);
            String trace = page.locator("a", new Page.LocatorOptions().setHasText("Trace:")).first().getAttribute("href");
            assertThat(Path.of(URI.create(html.toUri().toString()).resolve(trace))).exists();
            assertThat(page.locator("svg[aria-labelledby='timeline-title'] rect").count()).isEqualTo(27);

            A11yReport a11y = Accessibility.scan(page);
            List<A11yViolation> serious = a11y.violations().stream()
                    .filter(v -> "serious".equals(v.impact()) || "critical".equals(v.impact())).toList();
            assertThat(serious).as("serious or critical axe violations").isEmpty();
            assertThat(errors).as("console errors").isEmpty();

            page.setViewportSize(1280, 900);
            page.navigate(html.toUri().toString());
            double height = ((Number) page.evaluate("document.documentElement.scrollHeight")).doubleValue();
            Path picture = Path.of("target", "report.png");
            Files.createDirectories(picture.getParent());
            page.screenshot(new Page.ScreenshotOptions().setPath(picture).setFullPage(true).setClip(new Clip(0, 0, 1280, Math.min(height, 3400))));
        } finally {
            session.finish(false);
        }
    }
}
