package dev.proctor.sdk.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.Map;

/**
 * One Playwright driver and one Chromium per JVM, started on first use and closed at exit. Starting Chromium costs
 * far more than a browser context, so tests share the browser and each gets a fresh context (own cookies,
 * storage and cache) — isolation without the start-up cost.
 *
 * <p>Playwright objects must be used from the thread that created them; suites run their browser tests on one
 * thread (JUnit's default), which this class relies on.
 */
public final class SharedBrowser {
    private static Playwright playwright;
    private static Browser browser;

    private SharedBrowser() {}

    public static synchronized Browser get(BrowserSettings settings) {
        if (browser == null || !browser.isConnected()) {
            if (playwright == null) {
                // The image ships its own Chromium: never let Playwright try to download one.
                playwright = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Runtime.getRuntime().addShutdownHook(new Thread(SharedBrowser::close, "proctor-browser-close"));
            }
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of(settings.chromiumPath()))
                    .setHeadless(settings.headless())
                    .setArgs(BrowserSettings.CHROMIUM_ARGS));
        }
        return browser;
    }

    static synchronized void close() {
        if (playwright != null) {
            playwright.close();
            playwright = null;
            browser = null;
        }
    }
}
