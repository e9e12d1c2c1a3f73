package dev.proctor.techshop.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.browser.BrowserTest;
import dev.proctor.sdk.config.ProctorEnvironment;
import dev.proctor.sdk.recovery.Recovery;
import dev.proctor.techshop.suite.pages.DealsPage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@BrowserTest
class DealsTest {

    /** Opens the page once: when the shop fails intermittently, this is the test the runner's retry reports flaky. */
    @Test
    @Tag("smoke")
    void dealsShowTheAudioOffer(Page page, ProctorEnvironment env) {
        DealsPage deals = new DealsPage(page, env);
        deals.open();
        assertEquals("20% off audio", deals.banner());
    }

    /** The same page opened through the recovery helper: a gateway error is retried with backoff and passes. */
    @Test
    void dealsRecoverFromGatewayErrors(Page page, ProctorEnvironment env) {
        DealsPage deals = new DealsPage(page, env);
        Recovery.retry(deals::open);
        assertEquals("20% off audio", deals.banner());
    }
}
