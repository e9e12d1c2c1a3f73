package dev.proctor.techshop.app;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults a test can plant at run time, so the runner and SDK have real failures to work on. All off by default;
 * with all off every test of the example suite passes.
 */
public final class Switches {
    private final AtomicBoolean flakyDeals = new AtomicBoolean();
    private final AtomicBoolean brokenSearch = new AtomicBoolean();
    private final AtomicBoolean a11yViolation = new AtomicBoolean();
    private final AtomicBoolean missingCsp = new AtomicBoolean();
    private final AtomicLong dealsRequests = new AtomicLong();

    /** Every other request of {@code /deals} fails with 503 (the first one fails): a test passes on its retry. */
    public Switches flakyDeals(boolean on) {
        flakyDeals.set(on);
        dealsRequests.set(0);
        return this;
    }

    /** Search finds nothing: the catalog search tests fail deterministically. */
    public Switches brokenSearch(boolean on) {
        brokenSearch.set(on);
        return this;
    }

    /** The home page gets an image without alt text and an unlabeled input. */
    public Switches a11yViolation(boolean on) {
        a11yViolation.set(on);
        return this;
    }

    /** Pages are served without a Content-Security-Policy header. */
    public Switches missingCsp(boolean on) {
        missingCsp.set(on);
        return this;
    }

    public Switches reset() {
        return flakyDeals(false).brokenSearch(false).a11yViolation(false).missingCsp(false);
    }

    boolean failThisDealsRequest() {
        return flakyDeals.get() && dealsRequests.getAndIncrement() % 2 == 0;
    }

    boolean brokenSearch() { return brokenSearch.get(); }

    boolean a11yViolation() { return a11yViolation.get(); }

    boolean missingCsp() { return missingCsp.get(); }
}
