package dev.proctor.sdk.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.proctor.sdk.config.ProctorEnvironment;
import dev.proctor.sdk.recovery.TransientPageException;
import java.util.Set;

/**
 * Base of a suite's page objects: navigation relative to the environment's base URL, elements by their
 * {@code data-test} attribute (stable under restyling), and one rule every page shares — a gateway error
 * (502/503/504) is reported as a {@link TransientPageException}, which the recovery helpers know to retry,
 * instead of surfacing later as a confusing "element not found".
 */
public abstract class PageObject {
    private static final Set<Integer> GATEWAY_ERRORS = Set.of(502, 503, 504);

    protected final Page page;
    protected final ProctorEnvironment environment;

    protected PageObject(Page page, ProctorEnvironment environment) {
        this.page = page;
        this.environment = environment;
    }

    /** Opens a path on the base URL and returns the main response. */
    protected Response open(String path) {
        Response response = page.navigate(environment.url(path));
        if (response != null && GATEWAY_ERRORS.contains(response.status())) {
            throw new TransientPageException(response.status() + " from " + response.url());
        }
        return response;
    }

    /** The element with {@code data-test="id"}. */
    protected Locator byTest(String id) {
        return page.locator("[data-test=\"" + id + "\"]");
    }

    public Page page() {
        return page;
    }
}
