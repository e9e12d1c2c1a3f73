package dev.proctor.techshop.suite.pages;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.browser.PageObject;
import dev.proctor.sdk.config.ProctorEnvironment;

/** What every TechShop page has: the header with region, currency and the signed-in user. */
public abstract class ShopPage extends PageObject {
    protected ShopPage(Page page, ProctorEnvironment environment) {
        super(page, environment);
    }

    public String currency() {
        return byTest("currency").textContent();
    }

    public String region() {
        return byTest("region").textContent();
    }

    public boolean signedIn() {
        return byTest("signed-in").isVisible();
    }

    public boolean consentBannerShown() {
        return byTest("cookie-consent").isVisible();
    }

    public void acceptCookies() {
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Accept cookies")).click();
    }
}
