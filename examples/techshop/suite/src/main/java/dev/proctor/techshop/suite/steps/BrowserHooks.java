package dev.proctor.techshop.suite.steps;

import dev.proctor.sdk.browser.BrowserSession;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

/**
 * Gives each scenario its own browser session, as the JUnit extension does for JUnit tests. The session is named
 * like the runner names the scenario ({@code <feature uri>#<scenario name>}), so artifacts match the report.
 */
public final class BrowserHooks {
    private static final ThreadLocal<BrowserSession> CURRENT = new ThreadLocal<>();

    @Before
    public void open(Scenario scenario) {
        CURRENT.set(BrowserSession.open(scenario.getUri() + "#" + scenario.getName()));
    }

    @After
    public void finish(Scenario scenario) {
        BrowserSession session = CURRENT.get();
        CURRENT.remove();
        if (session != null) session.finish(scenario.isFailed());
    }

    static BrowserSession session() {
        BrowserSession session = CURRENT.get();
        if (session == null) throw new IllegalStateException("no browser session: BrowserHooks did not run");
        return session;
    }
}
