package dev.proctor.techshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The app's contract with the example suite: pages, regional behaviour, headers and the fault switches. */
class TechShopAppTest {
    private static TechShopApp app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = TechShopApp.start(AppOptions.defaults().withSlowPageMillis(10));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void reset() {
        app.switches().reset();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersUp() throws Exception {
        HttpResponse<String> response = get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }

    @Test
    void pagesCarrySecurityHeadersAndHttpOnlySessionCookie() throws Exception {
        HttpResponse<String> response = get("/");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith(Sessions.COOKIE).contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void euPricesAreInEurosBehindAConsentBanner() throws Exception {
        String body = get("/product/earbuds?region=eu").body();
        assertThat(body).contains("€137.08").contains("cookie-consent");
        assertThat(get("/product/earbuds?region=us").body()).contains("$149.00").doesNotContain("cookie-consent");
    }

    @Test
    void searchFiltersTheCatalog() throws Exception {
        assertThat(get("/catalog?q=laptop").body()).contains("2 products");
        app.switches().brokenSearch(true);
        assertThat(get("/catalog?q=laptop").body()).contains("0 products");
    }

    @Test
    void flakyDealsFailEveryOtherRequest() throws Exception {
        app.switches().flakyDeals(true);
        assertThat(get("/deals").statusCode()).isEqualTo(503);
        assertThat(get("/deals").statusCode()).isEqualTo(200);
        assertThat(get("/deals").statusCode()).isEqualTo(503);
    }

    @Test
    void plantedFaultsChangeHeadersAndMarkup() throws Exception {
        app.switches().missingCsp(true).a11yViolation(true);
        HttpResponse<String> response = get("/");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(response.body()).contains("name=\"newsletter\"");
    }

    @Test
    void checkoutIsHiddenWhenTheFlagIsOff() throws Exception {
        try (TechShopApp off = TechShopApp.start(AppOptions.defaults().withCheckout(false))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(off.baseUrl() + "/checkout"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
        }
    }
}
