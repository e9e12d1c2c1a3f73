package dev.proctor.techshop.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.proctor.sdk.browser.BrowserTest;
import dev.proctor.sdk.config.ProctorEnvironment;
import dev.proctor.techshop.suite.pages.CheckoutPage;
import dev.proctor.techshop.suite.pages.LoginPage;
import dev.proctor.techshop.suite.pages.ProductPage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Checkout is behind the "checkout" feature flag: the test follows the flag the environment says is set. */
@BrowserTest
class CheckoutTest {

    @Test
    @Tag("critical")
    void checkoutFollowsTheFeatureFlag(Page page, ProctorEnvironment env) {
        CheckoutPage checkout = new CheckoutPage(page, env);
        if (!env.flag("checkout")) {
            checkout.open();
            assertTrue(checkout.unavailable(), "checkout should be hidden while the flag is off");
            return;
        }
        new LoginPage(page, env).signInAsShopper();
        ProductPage product = new ProductPage(page, env);
        product.show("phone-mini");
        product.addToCart();
        checkout.open();
        String confirmation = checkout.placeOrder();
        assertTrue(confirmation.matches("Order TS-\\d+ confirmed, .*"), confirmation);
    }
}
