package dev.proctor.sdk.recovery;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedRunnable;
import dev.failsafe.function.CheckedSupplier;
import java.time.Duration;
import java.util.List;

/**
 * Retrying a browser action the way a careful human would: only on errors that may go away (a timeout, a dropped
 * connection, a gateway error page), with exponential backoff and jitter so many shards do not retry in lockstep,
 * and a bounded number of tries. An assertion failure is never retried here — that is a finding, and retrying it
 * would hide it; the runner's test-level retries, which report such a test as flaky, are the place for that.
 *
 * <p>Built on Failsafe (kept and small), not on a hand-written sleep loop.
 */
public final class Recovery {
    private static final List<String> TRANSIENT_NETWORK_ERRORS = List.of("net::ERR_CONNECTION_RESET",
            "net::ERR_CONNECTION_REFUSED", "net::ERR_CONNECTION_CLOSED", "net::ERR_EMPTY_RESPONSE",
            "net::ERR_NETWORK_CHANGED", "net::ERR_TIMED_OUT");

    private Recovery() {}

    /** 4 tries, 200 ms doubling to 2 s between them, ±25% jitter. */
    public static <T> RetryPolicy<T> defaultPolicy() {
        return policy(4, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    public static <T> RetryPolicy<T> policy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
        return RetryPolicy.<T>builder()
                .handleIf(Recovery::isRetryable)
                .withBackoff(firstDelay, maxDelay)
                .withJitter(0.25)
                .withMaxAttempts(maxAttempts)
                .build();
    }

    /** Whether an error may go away on its own: timeouts, transient network errors, gateway error pages. */
    public static boolean isRetryable(Throwable error) {
        if (error instanceof TransientPageException || error instanceof TimeoutError) return true;
        if (error instanceof PlaywrightException && error.getMessage() != null) {
            return TRANSIENT_NETWORK_ERRORS.stream().anyMatch(error.getMessage()::contains);
        }
        return false;
    }

    public static <T> T retry(CheckedSupplier<T> action) {
        return retry(defaultPolicy(), action);
    }

    /** {@link #retry(CheckedSupplier)} for actions without a result. */
    public static void run(CheckedRunnable action) {
        retry(defaultPolicy(), () -> {
            action.run();
            return null;
        });
    }

    public static <T> T retry(RetryPolicy<T> policy, CheckedSupplier<T> action) {
        try {
            return Failsafe.with(policy).get(action);
        } catch (FailsafeException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /**
     * Runs an action on a page and, when it fails transiently, reloads the page before the next try: a known
     * transient failure (an error page, a half-loaded document) is usually fixed by loading the page again.
     */
    public static <T> T reloadOnTransient(Page page, CheckedSupplier<T> action) {
        RetryPolicy<T> policy = RetryPolicy.<T>builder()
                .handleIf(Recovery::isRetryable)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .withJitter(0.25)
                .withMaxAttempts(4)
                .onRetry(event -> page.reload())
                .build();
        return retry(policy, action);
    }
}
