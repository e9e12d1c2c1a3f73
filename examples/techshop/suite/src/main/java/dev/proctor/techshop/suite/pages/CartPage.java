package dev.proctor.techshop.suite.pages;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.config.ProctorEnvironment;
import java.util.List;

public final class CartPage extends ShopPage {
    public CartPage(Page page, ProctorEnvironment environment) {
        super(page, environment);
    }

    public CartPage open() {
        open("/cart");
        return this;
    }

    public List<String> items() {
        return byTest("cart-item").allTextContents();
    }

    public boolean empty() {
        return byTest("cart-empty").isVisible();
    }

    public String total() {
        return byTest("cart-total").textContent();
    }

    public CartPage remove(String productName) {
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Remove " + productName)).click();
        page.waitForURL("**/cart");
        return this;
    }
}
