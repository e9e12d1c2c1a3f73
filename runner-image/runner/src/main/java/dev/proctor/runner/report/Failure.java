package dev.proctor.runner.report;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A failure as text, taken from the throwable as soon as the test ends (so no live exception outlives the test).
 *
 * @param assertion true for assertion failures (JUnit XML {@code <failure>}), false for errors ({@code <error>})
 */
public record Failure(String type, String message, String stackTrace, boolean assertion) {

    /** Longer traces (a stack overflow has thousands of identical frames) are cut: the top says what happened. */
    static final int MAX_TRACE_CHARS = 32 * 1024;

    public static Failure of(Throwable throwable) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        if (text.length() > MAX_TRACE_CHARS) {
            text = text.substring(0, MAX_TRACE_CHARS) + "\n\t... (" + (text.length() - MAX_TRACE_CHARS) + " more characters)";
        }
        return new Failure(throwable.getClass().getName(), String.valueOf(throwable.getMessage()), text,
                throwable instanceof AssertionError);
    }

    public static Failure timeout(long limitMillis, long tookMillis) {
        String message = "test took " + tookMillis + " ms, over the per-test timeout of " + limitMillis + " ms";
        return new Failure("java.util.concurrent.TimeoutException", message, message, false);
    }

    public static Failure of(String type, String message) {
        return new Failure(type, message, message, false);
    }

    /** Same failure, with a context line in front of the message (e.g. which class lifecycle failed). */
    public Failure prefixed(String context) {
        return new Failure(type, context + ": " + message, stackTrace, assertion);
    }
}
