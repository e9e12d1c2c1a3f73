package dev.proctor.core.alert.payload;

/**
 * Where a notification comes from, for the fields receivers show as its origin.
 *
 * @param source      e.g. {@code proctor/<namespace>/<policy>}; PagerDuty's payload.source
 * @param externalUrl link back to Proctor (a dashboard or the policy); may be null
 */
public record PayloadContext(String source, String externalUrl) {
    public PayloadContext {
        source = source == null || source.isBlank() ? "proctor" : source;
        externalUrl = externalUrl == null || externalUrl.isBlank() ? null : externalUrl;
    }
}
