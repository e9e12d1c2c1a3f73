package dev.proctor.techshop.suite.pages;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.proctor.sdk.config.ProctorEnvironment;

public final class DealsPage extends ShopPage {
    public DealsPage(Page page, ProctorEnvironment environment) {
        super(page, environment);
    }

    /** @throws dev.proctor.sdk.recovery.TransientPageException when the shop answers with a gateway error */
    public Response open() {
        return open("/deals");
    }

    public String banner() {
        return byTest("deals-banner").textContent();
    }
}
