package dev.proctor.techshop.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.browser.BrowserTest;
import dev.proctor.sdk.config.ProctorEnvironment;
import dev.proctor.techshop.suite.pages.CartPage;
import dev.proctor.techshop.suite.pages.ProductPage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@BrowserTest
class CartTest {

    @Test
    @Tag("critical")
    void addedProductIsInTheCart(Page page, ProctorEnvironment env) {
        ProductPage product = new ProductPage(page, env);
        product.show("earbuds");
        CartPage cart = product.addToCart();
        assertEquals(1, cart.items().size());
        assertTrue(cart.items().get(0).startsWith("Wireless Earbuds"), cart.items().get(0));
    }

    @Test
    void removingTheLastProductEmptiesTheCart(Page page, ProctorEnvironment env) {
        ProductPage product = new ProductPage(page, env);
        product.show("keyboard");
        CartPage cart = product.addToCart().remove("Mechanical Keyboard");
        assertTrue(cart.empty());
    }

    @Test
    void theTotalSumsEveryItem(Page page, ProctorEnvironment env) {
        ProductPage product = new ProductPage(page, env);
        product.show("earbuds");
        product.addToCart();
        product.show("keyboard");
        CartPage cart = product.addToCart();
        assertEquals(2, cart.items().size());
        assertTrue(cart.total().endsWith("278.00") || cart.total().endsWith("255.76")
                || cart.total().endsWith("375.30"), cart.total());
    }
}
