package dev.proctor.testcluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way the test tooling and the tests built on it wait for something that has no event to wait on (a port
 * answering, a lease held, a metric reaching a value): poll a condition until it holds, fail with what was last seen.
 * Library code cannot lean on a test library such as Awaitility; tests of the operator itself use Awaitility's
 * {@code await()} on conditions.
 */
public final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {}

    /**
     * Polls {@code ready} until it holds; fails early when {@code stillWorthWaiting} turns false (the process
     * died), and after {@code timeout}.
     */
    public static void until(String what, Duration timeout, BooleanSupplier stillWorthWaiting, BooleanSupplier ready) {
        until(what, timeout, stillWorthWaiting, () -> safely(ready), Boolean::booleanValue);
    }

    /** Polls {@code value} until {@code done} holds and returns that value; a value that throws counts as not yet. */
    public static <T> T until(String what, Duration timeout, Supplier<T> value, Predicate<T> done) {
        return until(what, timeout, () -> true, value, done);
    }

    private static <T> T until(String what, Duration timeout, BooleanSupplier stillWorthWaiting, Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (true) {
            try {
                last = value.get();
                if (done.test(last)) return last;
            } catch (RuntimeException e) {
                last = null;
            }
            if (!stillWorthWaiting.getAsBoolean()) throw new IllegalStateException(what + ": the process exited");
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + (last == null || last instanceof Boolean ? "" : "; last seen: " + last));
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    private static boolean safely(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
