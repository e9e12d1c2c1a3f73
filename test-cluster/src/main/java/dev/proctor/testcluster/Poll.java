package dev.proctor.testcluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a start-up condition. Library code cannot lean on a test library such as Awaitility, and the
 * conditions here (a port answering, a lease held) have no event to wait on.
 */
public final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {}

    /**
     * Polls {@code ready} until it holds; fails early when {@code stillWorthWaiting} turns false (the process
     * died), and after {@code timeout}.
     */
    public static void until(String what, Duration timeout, BooleanSupplier stillWorthWaiting, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (safely(ready)) return;
            if (!stillWorthWaiting.getAsBoolean()) throw new IllegalStateException(what + ": the process exited");
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
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
