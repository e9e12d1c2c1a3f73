package dev.proctor.sdk.browser;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Tracing;
import dev.proctor.sdk.vitals.Vitals;
import dev.proctor.sdk.vitals.VitalsBudget;
import dev.proctor.sdk.vitals.WebVitals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's browser: a fresh context on the JVM's shared Chromium, a page, a Playwright trace and a HAR being
 * recorded, and the web vitals observers installed.
 *
 * <p>{@link #finish} decides what is kept. A failed test keeps its trace, a full-page screenshot and the HAR in the
 * artifacts directory, named after the test id; a passing test keeps nothing (unless
 * {@code PROCTOR_KEEP_ARTIFACTS=always}) except the vitals it recorded, which are results rather than debris.
 * JUnit tests get a session from {@link PlaywrightExtension}; Cucumber hooks open and finish one themselves.
 */
public final class BrowserSession {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String testId;
    private final BrowserSettings settings;
    private final BrowserContext context;
    private final Page page;
    private final Path har;
    private final List<Vitals> vitals = new ArrayList<>();

    private BrowserSession(String testId, BrowserSettings settings, BrowserContext context, Page page, Path har) {
        this.testId = testId;
        this.settings = settings;
        this.context = context;
        this.page = page;
        this.har = har;
    }

    /** @param testId {@code class#method} or {@code feature#scenario}: it names the artifacts */
    public static BrowserSession open(String testId) {
        return open(testId, BrowserSettings.fromProcess());
    }

    public static BrowserSession open(String testId, BrowserSettings settings) {
        Browser browser = SharedBrowser.get(settings);
        createDirectories(settings.artifactsDir());
        Path har = ArtifactNames.file(settings.artifactsDir(), testId, "network.har");
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 800)
                .setRecordHarPath(har));
        context.setDefaultTimeout(settings.timeoutMillis());
        context.setDefaultNavigationTimeout(settings.timeoutMillis());
        WebVitals.install(context);
        context.tracing().start(new Tracing.StartOptions().setScreenshots(true).setSnapshots(true).setSources(false));
        return new BrowserSession(testId, settings, context, context.newPage(), har);
    }

    public Page page() { return page; }

    public BrowserContext context() { return context; }

    public String testId() { return testId; }

    /** Measures the current page's web vitals and records them with this test's results. */
    public Vitals recordVitals() {
        Vitals measured = WebVitals.collect(page);
        vitals.add(measured);
        writeVitals();
        return measured;
    }

    /** Records the current page's vitals and fails when any is over budget. */
    public Vitals assertVitals(VitalsBudget budget) {
        Vitals measured = recordVitals();
        WebVitals.assertWithin(measured, budget);
        return measured;
    }

    public List<Vitals> recordedVitals() {
        return List.copyOf(vitals);
    }

    /**
     * Closes the context and keeps the artifacts a failed test needs.
     *
     * @return the artifact files kept (empty for a passing test by default)
     */
    public List<Path> finish(boolean failed) {
        boolean keep = failed || settings.keepArtifacts();
        List<Path> kept = new ArrayList<>();
        try {
            if (keep) {
                Path screenshot = ArtifactNames.file(settings.artifactsDir(), testId, "screenshot.png");
                if (!page.isClosed()) {
                    page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true));
                    kept.add(screenshot);
                }
                Path trace = ArtifactNames.file(settings.artifactsDir(), testId, "trace.zip");
                context.tracing().stop(new Tracing.StopOptions().setPath(trace));
                kept.add(trace);
            } else {
                context.tracing().stop();
            }
        } finally {
            context.close();
        }
        if (keep) {
            kept.add(har);
        } else {
            deleteQuietly(har);
        }
        return kept;
    }

    private void writeVitals() {
        Path file = ArtifactNames.file(settings.artifactsDir(), testId, "vitals.json");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), vitals);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the artifacts directory " + dir, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover HAR of a passing test wastes space but harms nothing; the run must not fail for it.
        }
    }
}
