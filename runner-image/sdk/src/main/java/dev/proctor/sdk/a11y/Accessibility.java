package dev.proctor.sdk.a11y;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Accessibility scans with axe-core, in one call. The axe script ships inside the jar and is injected into the
 * page, so scans need no network. By default only the WCAG 2.x A and AA rules run: those are the legal baseline,
 * while axe's "best-practice" rules are advice a team opts into with {@link #scan(Page, List)}.
 */
public final class Accessibility {
    public static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private Accessibility() {}

    public static A11yReport scan(Page page) {
        return scan(page, WCAG_AA);
    }

    public static A11yReport scan(Page page, List<String> tags) {
        AxeResults results = new AxeBuilder(page).withTags(tags).analyze();
        List<A11yViolation> violations = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            List<String> targets = new ArrayList<>();
            for (CheckedNode node : rule.getNodes()) targets.add(target(node.getTarget()));
            violations.add(new A11yViolation(rule.getId(), rule.getImpact(), rule.getHelp(), rule.getHelpUrl(), targets));
        }
        return new A11yReport(page.url(), violations);
    }

    /** Scans and fails on any violation. */
    public static A11yReport assertAccessible(Page page) {
        return scan(page).assertNoViolations();
    }

    private static String target(Object target) {
        if (target instanceof Collection<?> parts) {
            return String.join(" >>> ", parts.stream().map(String::valueOf).toList());
        }
        return String.valueOf(target);
    }
}
