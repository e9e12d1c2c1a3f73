package dev.proctor.runner.launch;

import java.util.IdentityHashMap;
import java.util.Map;

/** A throwable and its causes as one line, so that a runner error says what really went wrong. */
final class Causes {
    private static final int MAX_CHARS = 1500;

    private Causes() {}

    /** E.g. "JUnitException: TestEngine with ID 'junit-jupiter' failed to discover tests; caused by: NoSuchMethodError: ..." */
    static String describe(Throwable throwable) {
        if (throwable == null) return "no exception";
        StringBuilder text = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = throwable; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (text.length() > 0) text.append("; caused by: ");
            text.append(t.getClass().getName());
            if (t.getMessage() != null) text.append(": ").append(t.getMessage().strip());
        }
        return text.length() <= MAX_CHARS ? text.toString() : text.substring(0, MAX_CHARS) + "...";
    }
}
