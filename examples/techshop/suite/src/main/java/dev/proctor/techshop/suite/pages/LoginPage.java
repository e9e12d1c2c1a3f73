package dev.proctor.techshop.suite.pages;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.config.ProctorEnvironment;

/** Sign-in. The password is a secret: it comes from the env var the run maps from a Secret, never from a file. */
public final class LoginPage extends ShopPage {
    public static final String PASSWORD_ENV = "TECHSHOP_PASSWORD";

    public LoginPage(Page page, ProctorEnvironment environment) {
        super(page, environment);
    }

    public LoginPage open() {
        open("/login");
        return this;
    }

    public void signIn(String username, String password) {
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForLoadState();
    }

    /** Signs in as the environment's shopper. */
    public void signInAsShopper() {
        open();
        signIn(environment.variable("username"), environment.secret(PASSWORD_ENV));
    }

    public String error() {
        return byTest("login-error").textContent();
    }
}
