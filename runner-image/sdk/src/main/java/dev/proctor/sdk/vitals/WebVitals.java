package dev.proctor.sdk.vitals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;

/**
 * Measures FCP, LCP, CLS and TBT with the browser's own PerformanceObserver API. Observers are installed before
 * any page script runs ({@link #install}), because layout shifts and long tasks are not all kept in the
 * browser's performance buffer and would otherwise be missed.
 */
public final class WebVitals {
    static final String INIT_SCRIPT = """
            (() => {
              if (window.__proctorVitals) return;
              const v = window.__proctorVitals = {fcp: null, lcp: null, cls: 0, longTasks: []};
              const observe = (type, onEntry) => {
                try { new PerformanceObserver(list => list.getEntries().forEach(onEntry))
                        .observe({type, buffered: true}); } catch (e) { /* not supported by this browser */ }
              };
              observe('paint', e => { if (e.name === 'first-contentful-paint') v.fcp = e.startTime; });
              observe('largest-contentful-paint', e => { v.lcp = e.renderTime || e.loadTime || e.startTime; });
              observe('layout-shift', e => { if (!e.hadRecentInput) v.cls += e.value; });
              observe('longtask', e => v.longTasks.push([e.startTime, e.duration]));
            })();
            """;

    /**
     * Waits until the observers have delivered the page's first and largest contentful paint (a frame at a time, at
     * most 5 s), then reads the totals. The browser reports a paint once its frame is presented, which a busy machine
     * can delay past the load event: reading after a single frame once found neither (a TechShop CI run).
     */
    private static final String COLLECT = """
            async () => {
              const v = window.__proctorVitals;
              if (!v) return null;
              const deadline = performance.now() + 5000;
              do {
                await new Promise(r => requestAnimationFrame(() => setTimeout(r, 30)));
              } while ((v.fcp === null || v.lcp === null) && performance.now() < deadline);
              const fcp = v.fcp;
              const tbt = v.longTasks
                  .filter(([start]) => fcp === null || start >= fcp)
                  .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
              return {fcp, lcp: v.lcp, cls: v.cls, tbt};
            }
            """;

    private WebVitals() {}

    /** Adds the observers to every page the context opens; the SDK's browser sessions call this for each test. */
    public static void install(BrowserContext context) {
        context.addInitScript(INIT_SCRIPT);
    }

    /** @throws IllegalStateException when the observers were not installed in the page's context */
    public static Vitals collect(Page page) {
        Object result = page.evaluate(COLLECT);
        if (!(result instanceof Map<?, ?> values)) {
            throw new IllegalStateException("web vitals observers are not installed on " + page.url()
                    + " (open the page through a BrowserSession or call WebVitals.install(context) first)");
        }
        return new Vitals(page.url(), number(values.get("fcp")), number(values.get("lcp")),
                orZero(values.get("cls")), orZero(values.get("tbt")));
    }

    /** Measures the page and fails with every metric over budget. */
    public static Vitals assertVitals(Page page, VitalsBudget budget) {
        Vitals vitals = collect(page);
        assertWithin(vitals, budget);
        return vitals;
    }

    public static void assertWithin(Vitals vitals, VitalsBudget budget) {
        List<String> problems = budget.violations(vitals);
        if (!problems.isEmpty()) {
            throw new AssertionError("web vitals over budget on " + vitals.url() + ": " + String.join("; ", problems));
        }
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static double orZero(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }
}
