package dev.proctor.core.result;

/** The total answer of {@link SummaryCodec#decode}: a summary, or why the bytes are not one. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Malformed {

    record Decoded(ShardSummary summary) implements DecodeResult {}

    /** @param reason short, safe to show in a status (never echoes the raw input at length) */
    record Malformed(Kind kind, String reason) implements DecodeResult {}

    enum Kind { EMPTY, NOT_JSON, WRONG_SCHEMA, INVALID_FIELD, TOO_LARGE }
}
