package dev.proctor.sdk.a11y;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proctor.sdk.browser.BrowserSession;
import dev.proctor.sdk.browser.BrowserSettings;
import dev.proctor.sdk.headers.HeaderFinding;
import dev.proctor.sdk.headers.HeaderReport;
import dev.proctor.sdk.headers.SecurityHeaders;
import dev.proctor.sdk.support.LocalSite;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** axe and the header check against planted faults, in real Chromium. */
class AccessibilityTest {
    private static LocalSite site;

    @TempDir
    Path artifacts;

    private BrowserSession session;

    @BeforeAll
    static void start() throws Exception {
        site = new LocalSite();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @BeforeEach
    void open() {
        session = BrowserSession.open("a11y", new BrowserSettings("/usr/bin/chromium", artifacts, false, true, 10_000));
    }

    @AfterEach
    void close() {
        session.finish(false);
    }

    @Test
    void axeFindsAPlantedViolation() {
        session.page().navigate(site.url("/violation"));
        A11yReport report = Accessibility.scan(session.page());
        assertThat(report.hasViolation("image-alt")).isTrue();
        assertThatThrownBy(report::assertNoViolations).hasMessageContaining("image-alt");
    }

    @Test
    void aCleanPagePasses() {
        session.page().navigate(site.url("/clean"));
        Accessibility.assertAccessible(session.page());
    }

    @Test
    void theHeaderCheckFlagsAMissingCsp() {
        HeaderReport report = SecurityHeaders.check(session.page().navigate(site.url("/no-csp")));
        assertThat(report.has(HeaderFinding.Kind.MISSING_CSP)).isTrue();
        assertThatThrownBy(report::assertSecure).hasMessageContaining("MISSING_CSP");

        SecurityHeaders.check(session.page().navigate(site.url("/clean"))).assertSecure();
    }
}
