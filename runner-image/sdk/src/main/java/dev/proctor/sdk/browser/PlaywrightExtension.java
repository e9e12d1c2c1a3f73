package dev.proctor.sdk.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.proctor.sdk.config.ProctorEnvironment;
import dev.proctor.sdk.vitals.Vitals;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The Playwright lifecycle as a JUnit 5 extension: a {@link BrowserSession} per test, named by the test id the
 * runner uses ({@code class#method}), and injectable {@link Page}, {@link BrowserContext}, {@link BrowserSession}
 * and {@link ProctorEnvironment} parameters. After the test it publishes the recorded web vitals as report entries
 * (which the runner writes into the JUnit XML) and keeps the failure artifacts.
 */
public final class PlaywrightExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PlaywrightExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        String testId = context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName();
        context.getStore(NAMESPACE).put(BrowserSession.class, BrowserSession.open(testId));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        BrowserSession session = context.getStore(NAMESPACE).remove(BrowserSession.class, BrowserSession.class);
        if (session == null) return;
        for (Vitals vitals : session.recordedVitals()) {
            context.publishReportEntry(vitals.asReportEntry());
        }
        session.finish(context.getExecutionException().isPresent());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Page.class || type == BrowserContext.class || type == BrowserSession.class
                || type == ProctorEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == ProctorEnvironment.class) return ProctorEnvironment.current();
        BrowserSession session = context.getStore(NAMESPACE).get(BrowserSession.class, BrowserSession.class);
        if (session == null) {
            throw new org.junit.jupiter.api.extension.ParameterResolutionException(
                    "no browser session: Page, BrowserContext and BrowserSession are available in tests and @BeforeEach "
                            + "methods only");
        }
        if (type == Page.class) return session.page();
        if (type == BrowserContext.class) return session.context();
        return session;
    }
}
