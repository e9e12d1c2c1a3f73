package dev.proctor.sdk.headers;

/** One missing or weak security header or cookie flag. */
public record HeaderFinding(Kind kind, String detail) {

    public enum Kind {
        MISSING_CSP,
        WEAK_CSP,
        MISSING_HSTS,
        MISSING_FRAME_OPTIONS,
        COOKIE_WITHOUT_HTTPONLY,
        COOKIE_WITHOUT_SECURE,
        COOKIE_WITHOUT_SAMESITE
    }

    @Override
    public String toString() {
        return kind + ": " + detail;
    }
}
