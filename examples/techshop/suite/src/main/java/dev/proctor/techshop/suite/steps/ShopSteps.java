package dev.proctor.techshop.suite.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proctor.sdk.config.ProctorEnvironment;
import dev.proctor.techshop.suite.pages.CartPage;
import dev.proctor.techshop.suite.pages.CatalogPage;
import dev.proctor.techshop.suite.pages.HomePage;
import dev.proctor.techshop.suite.pages.LoginPage;
import dev.proctor.techshop.suite.pages.ProductPage;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

/** Steps of the shopping features, written against the same page objects as the JUnit tests. */
public final class ShopSteps {
    private final ProctorEnvironment env = ProctorEnvironment.current();
    private CatalogPage catalog;
    private CartPage cart;
    private HomePage home;

    @Given("I am on the catalog")
    public void onTheCatalog() {
        catalog = new CatalogPage(BrowserHooks.session().page(), env).open();
    }

    @When("I search for {string}")
    public void searchFor(String query) {
        catalog.search(query);
    }

    @Then("I see {int} products")
    public void seeProducts(int count) {
        assertEquals(count, catalog.productNames().size());
    }

    @When("I add {string} to the cart")
    public void addToCart(String productId) {
        ProductPage product = new ProductPage(BrowserHooks.session().page(), env);
        product.show(productId);
        cart = product.addToCart();
    }

    @Then("the cart holds {int} item(s)")
    public void cartHolds(int count) {
        assertEquals(count, cart.items().size());
    }

    @Given("I visit the shop from region {string}")
    public void visitFrom(String region) {
        home = new HomePage(BrowserHooks.session().page(), env);
        home.openIn(region);
    }

    @Then("prices are in {string}")
    public void pricesIn(String currency) {
        assertEquals(currency, home.currency());
    }

    @When("I sign in as the shopper")
    public void signIn() {
        new LoginPage(BrowserHooks.session().page(), env).signInAsShopper();
    }

    @Then("I am signed in")
    public void signedIn() {
        assertTrue(new HomePage(BrowserHooks.session().page(), env).signedIn());
    }
}
