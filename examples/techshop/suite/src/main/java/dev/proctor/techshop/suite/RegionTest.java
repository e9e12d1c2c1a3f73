package dev.proctor.techshop.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.browser.BrowserTest;
import dev.proctor.sdk.config.ProctorEnvironment;
import dev.proctor.techshop.suite.pages.HomePage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@BrowserTest
class RegionTest {

    /** The expected currency comes from the suite's regional config overrides (proctor-suite.properties). */
    @Test
    @Tag("production")
    void pricesAreInTheRegionsCurrency(Page page, ProctorEnvironment env) {
        HomePage home = new HomePage(page, env);
        home.open();
        assertEquals(env.variable("currency"), home.currency());
    }

    @Test
    @Tag("critical")
    void euVisitorsSeeTheConsentBannerUntilTheyAccept(Page page, ProctorEnvironment env) {
        HomePage home = new HomePage(page, env);
        home.openIn("eu");
        assertTrue(home.consentBannerShown());
        home.acceptCookies();
        assertFalse(home.consentBannerShown());
    }

    @Test
    void usVisitorsSeeNoBanner(Page page, ProctorEnvironment env) {
        HomePage home = new HomePage(page, env);
        home.openIn("us");
        assertFalse(home.consentBannerShown());
    }
}
