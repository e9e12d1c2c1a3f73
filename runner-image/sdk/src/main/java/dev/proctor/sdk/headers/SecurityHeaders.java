package dev.proctor.sdk.headers;

import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.HttpHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a response for the headers that keep a page from being framed, injected into or downgraded:
 * Content-Security-Policy (present, and not just {@code unsafe-inline} scripts everywhere),
 * Strict-Transport-Security, X-Frame-Options (or CSP {@code frame-ancestors}), and HttpOnly, Secure and SameSite on
 * every cookie it sets.
 *
 * <p>Over plain http, browsers ignore HSTS and cannot send Secure cookies, so those two are only required for
 * https responses — a test against a local http server checks everything else.
 */
public final class SecurityHeaders {
    private SecurityHeaders() {}

    public static HeaderReport check(Response response) {
        List<String> cookies = new ArrayList<>();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeader header : response.headersArray()) {
            if (header.name.equalsIgnoreCase("set-cookie")) {
                cookies.addAll(List.of(header.value.split("\n")));
            } else {
                headers.put(header.name, header.value);
            }
        }
        return check(response.url(), headers, cookies);
    }

    /** The same rules over plain values, for responses that did not come through a browser. */
    public static HeaderReport check(String url, Map<String, String> headers, List<String> setCookies) {
        boolean https = url.toLowerCase(Locale.ROOT).startsWith("https:");
        List<HeaderFinding> findings = new ArrayList<>();
        String csp = headers.get("Content-Security-Policy");
        if (csp == null || csp.isBlank()) {
            findings.add(new HeaderFinding(HeaderFinding.Kind.MISSING_CSP, "no Content-Security-Policy header"));
        } else if (!csp.contains("default-src") && !csp.contains("script-src")) {
            findings.add(new HeaderFinding(HeaderFinding.Kind.WEAK_CSP, "policy restricts neither default-src nor script-src"));
        }
        if (https && headers.get("Strict-Transport-Security") == null) {
            findings.add(new HeaderFinding(HeaderFinding.Kind.MISSING_HSTS, "no Strict-Transport-Security header"));
        }
        if (headers.get("X-Frame-Options") == null && (csp == null || !csp.contains("frame-ancestors"))) {
            findings.add(new HeaderFinding(HeaderFinding.Kind.MISSING_FRAME_OPTIONS,
                    "neither X-Frame-Options nor CSP frame-ancestors"));
        }
        for (String cookie : setCookies) {
            String name = cookie.split("=", 2)[0].trim();
            String flags = cookie.toLowerCase(Locale.ROOT);
            if (!flags.contains("httponly")) {
                findings.add(new HeaderFinding(HeaderFinding.Kind.COOKIE_WITHOUT_HTTPONLY, "cookie " + name));
            }
            if (https && !flags.contains("secure")) {
                findings.add(new HeaderFinding(HeaderFinding.Kind.COOKIE_WITHOUT_SECURE, "cookie " + name));
            }
            if (!flags.contains("samesite")) {
                findings.add(new HeaderFinding(HeaderFinding.Kind.COOKIE_WITHOUT_SAMESITE, "cookie " + name));
            }
        }
        return new HeaderReport(url, findings);
    }
}
