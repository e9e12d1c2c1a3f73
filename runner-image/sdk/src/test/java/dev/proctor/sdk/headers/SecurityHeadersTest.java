package dev.proctor.sdk.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
    private static final Map<String, String> GOOD = Map.of(
            "Content-Security-Policy", "default-src 'self'", "Strict-Transport-Security", "max-age=31536000",
            "X-Frame-Options", "DENY");

    @Test
    void httpsRequiresHstsAndSecureCookies() {
        HeaderReport report = SecurityHeaders.check("https://shop.test/", Map.of("Content-Security-Policy",
                "default-src 'self'; frame-ancestors 'none'"), List.of("sid=1; HttpOnly; SameSite=Lax"));
        assertThat(report.findings()).extracting(HeaderFinding::kind).containsExactlyInAnyOrder(
                HeaderFinding.Kind.MISSING_HSTS, HeaderFinding.Kind.COOKIE_WITHOUT_SECURE);
    }

    @Test
    void cookieFlagsAreCheckedOneByOne() {
        HeaderReport report = SecurityHeaders.check("http://shop.test/", GOOD, List.of("a=1; Secure", "b=2; HttpOnly; SameSite=Strict"));
        assertThat(report.findings()).containsExactlyInAnyOrder(
                new HeaderFinding(HeaderFinding.Kind.COOKIE_WITHOUT_HTTPONLY, "cookie a"),
                new HeaderFinding(HeaderFinding.Kind.COOKIE_WITHOUT_SAMESITE, "cookie a"));
    }

    @Test
    void aWellConfiguredResponseHasNoFindings() {
        assertThat(SecurityHeaders.check("https://shop.test/", GOOD, List.of("sid=1; Secure; HttpOnly; SameSite=Lax"))
                .findings()).isEmpty();
    }
}
