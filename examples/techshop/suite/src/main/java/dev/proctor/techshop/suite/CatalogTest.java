package dev.proctor.techshop.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.browser.BrowserTest;
import dev.proctor.sdk.config.ProctorEnvironment;
import dev.proctor.techshop.suite.pages.CatalogPage;
import dev.proctor.techshop.suite.pages.ProductPage;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@BrowserTest
class CatalogTest {

    @Test
    @Tag("smoke")
    @Tag("critical")
    void searchFindsLaptops(Page page, ProctorEnvironment env) {
        List<String> found = new CatalogPage(page, env).open().search("laptop").productNames();
        assertEquals(List.of("Laptop Pro 14", "Laptop Air 13"), found);
    }

    @Test
    void searchIgnoresCase(Page page, ProctorEnvironment env) {
        assertEquals(2, new CatalogPage(page, env).open().search("LAPTOP").productNames().size());
    }

    @Test
    void catalogListsEveryProduct(Page page, ProctorEnvironment env) {
        assertEquals(8, new CatalogPage(page, env).open().productNames().size());
    }

    @Test
    @Tag("production")
    void productPageShowsNameAndPrice(Page page, ProctorEnvironment env) {
        ProductPage product = new CatalogPage(page, env).open().openProduct("Mechanical Keyboard");
        assertEquals("Mechanical Keyboard", product.name());
        assertTrue(product.price().matches(".*\\d+\\.\\d{2}"), product.price());
    }
}
