package dev.proctor.techshop.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.proctor.sdk.a11y.Accessibility;
import dev.proctor.sdk.browser.BrowserSession;
import dev.proctor.sdk.browser.BrowserTest;
import dev.proctor.sdk.config.ProctorEnvironment;
import dev.proctor.sdk.headers.SecurityHeaders;
import dev.proctor.sdk.vitals.VitalsBudget;
import dev.proctor.techshop.suite.pages.HomePage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@BrowserTest
class HomeTest {

    @Test
    @Tag("smoke")
    @Tag("production")
    void homeShowsFeaturedProducts(Page page, ProctorEnvironment env) {
        HomePage home = new HomePage(page, env);
        home.open();
        assertEquals(3, home.featuredCount());
    }

    @Test
    @Tag("critical")
    void homeIsAccessible(Page page, ProctorEnvironment env) {
        new HomePage(page, env).open();
        Accessibility.assertAccessible(page);
    }

    @Test
    @Tag("critical")
    @Tag("production")
    void homeSendsSecurityHeaders(Page page, ProctorEnvironment env) {
        Response response = new HomePage(page, env).open();
        SecurityHeaders.check(response).assertSecure();
    }

    @Test
    @Tag("smoke")
    void homeMeetsWebVitalsBudget(BrowserSession session, ProctorEnvironment env) {
        new HomePage(session.page(), env).open();
        session.assertVitals(VitalsBudget.goodCoreWebVitals());
    }
}
