package dev.proctor.techshop.suite.pages;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.proctor.sdk.config.ProctorEnvironment;

public final class CheckoutPage extends ShopPage {
    public CheckoutPage(Page page, ProctorEnvironment environment) {
        super(page, environment);
    }

    public Response open() {
        return open("/checkout");
    }

    public String placeOrder() {
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Place order")).click();
        return byTest("order-confirmation").textContent();
    }

    public boolean unavailable() {
        return byTest("checkout-unavailable").isVisible();
    }
}
