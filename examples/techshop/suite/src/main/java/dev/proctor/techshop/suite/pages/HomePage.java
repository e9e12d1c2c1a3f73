package dev.proctor.techshop.suite.pages;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.proctor.sdk.config.ProctorEnvironment;

public final class HomePage extends ShopPage {
    public HomePage(Page page, ProctorEnvironment environment) {
        super(page, environment);
    }

    /** Enters the shop in the environment's region (the shop remembers it in a cookie). */
    public Response open() {
        return open("/?region=" + environment.region().orElse("us"));
    }

    public Response openIn(String region) {
        return open("/?region=" + region);
    }

    public int featuredCount() {
        return byTest("product").count();
    }
}
