package dev.proctor.core.result;

/**
 * Versioned JSON for the termination message. {@link #encode} always returns at most {@link #MAX_BYTES}
 * bytes of valid JSON; {@link #decode} never throws.
 */
public final class SummaryCodec {
    public static final int MAX_BYTES = 4096;
    public static final String SCHEMA = "v1";

    private SummaryCodec() {}

    public static byte[] encode(ShardSummary summary) {
        throw new UnsupportedOperationException("contract: implemented in core");
    }

    public static DecodeResult decode(byte[] bytes) {
        throw new UnsupportedOperationException("contract: implemented in core");
    }

    public static DecodeResult decode(String message) {
        return decode(message == null ? new byte[0] : message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
