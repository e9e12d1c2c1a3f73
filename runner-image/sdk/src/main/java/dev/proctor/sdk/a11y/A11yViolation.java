package dev.proctor.sdk.a11y;

import java.util.List;

/**
 * One axe rule the page breaks.
 *
 * @param impact  minor, moderate, serious or critical
 * @param targets CSS selectors of the offending elements
 */
public record A11yViolation(String rule, String impact, String help, String helpUrl, List<String> targets) {
    public A11yViolation {
        targets = List.copyOf(targets);
    }

    @Override
    public String toString() {
        return rule + " (" + impact + "): " + help + " " + targets;
    }
}
