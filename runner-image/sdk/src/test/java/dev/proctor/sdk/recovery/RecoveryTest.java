package dev.proctor.sdk.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.PlaywrightException;
import dev.failsafe.RetryPolicy;
import dev.proctor.sdk.browser.BrowserSession;
import dev.proctor.sdk.browser.BrowserSettings;
import dev.proctor.sdk.support.LocalSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    private final RetryPolicy<String> fast = Recovery.policy(3, Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void retriesTransientErrorsUntilTheActionSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = Recovery.retry(fast, () -> {
            if (calls.incrementAndGet() < 3) throw new PlaywrightException("net::ERR_CONNECTION_RESET at /deals");
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void neverRetriesAFinding() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Recovery.retry(fast, () -> {
            calls.incrementAndGet();
            throw new AssertionError("price is wrong");
        })).isInstanceOf(AssertionError.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void givesUpAfterTheLastTryWithTheOriginalError() {
        assertThatThrownBy(() -> Recovery.retry(fast, () -> {
            throw new TransientPageException("503 from /deals");
        })).isInstanceOf(TransientPageException.class).hasMessage("503 from /deals");
    }

    @Test
    void reloadsThePageOnATransientFailure(@TempDir Path artifacts) throws Exception {
        try (LocalSite site = new LocalSite()) {
            BrowserSession session = BrowserSession.open("recovery",
                    new BrowserSettings("/usr/bin/chromium", artifacts, false, true, 10_000));
            session.page().navigate(site.url("/flaky"));
            String title = Recovery.reloadOnTransient(session.page(), () -> {
                if (session.page().title().isEmpty()) throw new TransientPageException("error page");
                return session.page().title();
            });
            assertThat(title).isEqualTo("Clean");
            assertThat(site.flakyRequests()).isEqualTo(2);
            session.finish(false);
        }
    }
}
