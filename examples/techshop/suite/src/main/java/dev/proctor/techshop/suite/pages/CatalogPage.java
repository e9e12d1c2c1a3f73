package dev.proctor.techshop.suite.pages;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.config.ProctorEnvironment;
import java.util.List;

public final class CatalogPage extends ShopPage {
    public CatalogPage(Page page, ProctorEnvironment environment) {
        super(page, environment);
    }

    public CatalogPage open() {
        open("/catalog");
        return this;
    }

    public CatalogPage search(String query) {
        page.getByLabel("Search products").fill(query);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Search")).click();
        page.waitForURL("**/catalog?q=*");
        return this;
    }

    public List<String> productNames() {
        return byTest("product").locator("a").allTextContents();
    }

    public ProductPage openProduct(String name) {
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName(name).setExact(true)).click();
        return new ProductPage(page, environment);
    }
}
