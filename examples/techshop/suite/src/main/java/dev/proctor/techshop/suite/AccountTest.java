package dev.proctor.techshop.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.browser.BrowserTest;
import dev.proctor.sdk.config.ProctorEnvironment;
import dev.proctor.techshop.suite.pages.LoginPage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@BrowserTest
class AccountTest {

    @Test
    @Tag("smoke")
    @Tag("critical")
    @Tag("production")
    void shopperCanSignIn(Page page, ProctorEnvironment env) {
        LoginPage login = new LoginPage(page, env);
        login.signInAsShopper();
        assertTrue(login.signedIn());
    }

    @Test
    void aWrongPasswordIsRefused(Page page, ProctorEnvironment env) {
        LoginPage login = new LoginPage(page, env).open();
        login.signIn(env.variable("username"), "not-the-password");
        assertEquals("Invalid username or password", login.error());
        assertFalse(login.signedIn());
    }
}
