package dev.proctor.core.run;

import java.util.Locale;

/**
 * The API server's answer to a write the operator needed (a shard's Job, the plan ConfigMap), reduced to what
 * decides the run's fate: a <b>permanent</b> refusal ends the run {@code Error}, because asking again gets the same
 * answer (an invalid object, a missing permission, an exhausted quota, an admission policy's denial); a
 * <b>transient</b> failure (throttling, an unavailable or overloaded API server, a timeout, a dropped connection)
 * is retried with backoff while a condition says so.
 *
 * @param code    the HTTP status, or 0 when no answer arrived (connection refused or reset, timeout)
 * @param message the API server's message, quoted as it is into the run's condition and Event
 */
public record ApiFailure(int code, String message) {

    public ApiFailure {
        message = message == null || message.isBlank() ? "HTTP " + code : message.strip();
    }

    public boolean permanent() {
        return switch (code) {
            case 400, 403, 404, 405, 406, 410, 413, 415, 422 -> true;
            default -> false; // 0 (no answer), 401 (a credential being rotated), 408, 409 (raced), 429, 5xx
        };
    }

    /** A CamelCase reason for the condition and the Event. */
    public String reason() {
        String text = message.toLowerCase(Locale.ROOT);
        if (code == 403 && text.contains("exceeded quota")) return "QuotaExceeded";
        if (text.contains("admission webhook") || text.contains("validatingadmissionpolicy") || text.contains("denied request")
                || text.contains("denied the request")) {
            return "AdmissionDenied";
        }
        return switch (code) {
            case 0 -> "ApiServerUnreachable";
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 408, 504 -> "Timeout";
            case 409 -> "Conflict";
            case 422 -> "Invalid";
            case 429 -> "Throttled";
            case 500 -> "InternalError";
            case 502, 503 -> "ApiServerUnavailable";
            default -> "HttpError" + code;
        };
    }
}
