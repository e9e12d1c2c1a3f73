package dev.proctor.techshop.suite.pages;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.proctor.sdk.config.ProctorEnvironment;

public final class ProductPage extends ShopPage {
    public ProductPage(Page page, ProctorEnvironment environment) {
        super(page, environment);
    }

    public Response show(String productId) {
        return open("/product/" + productId);
    }

    public String name() {
        return byTest("product-name").textContent();
    }

    public String price() {
        return byTest("price").textContent();
    }

    public CartPage addToCart() {
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Add to cart")).click();
        page.waitForURL("**/cart");
        return new CartPage(page, environment);
    }
}
