package dev.proctor.sdk.a11y;

import java.util.List;
import java.util.stream.Collectors;

/** The result of one accessibility scan of one page. */
public record A11yReport(String url, List<A11yViolation> violations) {
    public A11yReport {
        violations = List.copyOf(violations);
    }

    public boolean hasViolation(String rule) {
        return violations.stream().anyMatch(v -> v.rule().equals(rule));
    }

    /** Fails listing every violation, so one run shows everything to fix. */
    public A11yReport assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " accessibility violation(s) on " + url + ":\n  "
                    + violations.stream().map(A11yViolation::toString).collect(Collectors.joining("\n  ")));
        }
        return this;
    }
}
