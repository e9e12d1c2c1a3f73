package dev.proctor.core.result;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Versioned JSON for the termination message. {@link #encode} always returns at most {@link #MAX_BYTES}
 * bytes of valid JSON; {@link #decode} never throws.
 *
 * <p>The form, in this field order (empty lists, a null error and {@code truncated: false} are left out):
 * <pre>{@code
 * {"v":"v1", "verdict":"passed"|"failed"|"error",
 *  "total":N, "passed":N, "failed":N, "skipped":N, "flaky":N, "millis":N,
 *  "failedTests":["class#method", ...], "flakyTests":[...], "durations":{"unit":millis, ...},
 *  "error":"runner error text", "truncated":true}
 * }</pre>
 *
 * <p><b>Fitting.</b> Kubelet keeps only the first 4096 bytes of a termination message, which would cut the JSON
 * in half; so when the full form is larger, detail is dropped in a fixed order, and {@code truncated} is set:
 * first {@code durations} (the largest entries are kept longest, since they matter most for balancing), then
 * {@code flakyTests} from the tail, then {@code failedTests} from the tail, then the end of {@code error}
 * (cut between characters, never inside a surrogate pair). Counts and verdict are never dropped. Unpaired
 * surrogates, which cannot be written as UTF-8, become U+FFFD.
 *
 * <p><b>Reading.</b> Absent counts read as zero; unknown fields are ignored (a newer runner may add some).
 * Messages over 4096 bytes are still read: kubelet never delivers one, but the local test executor and other
 * tooling may, and refusing a readable summary would only lose information. Over {@link #MAX_ACCEPTED_BYTES}
 * the input is refused unread as {@link DecodeResult.Kind#TOO_LARGE}.
 */
public final class SummaryCodec {
    public static final int MAX_BYTES = 4096;
    public static final String SCHEMA = "v1";
    /** Larger inputs are not parsed at all. */
    public static final int MAX_ACCEPTED_BYTES = 64 * 1024;

    private SummaryCodec() {}

    public static byte[] encode(ShardSummary summary) {
        return SummaryWriter.write(Objects.requireNonNull(summary, "summary"));
    }

    public static DecodeResult decode(byte[] bytes) {
        return SummaryReader.read(bytes);
    }

    public static DecodeResult decode(String message) {
        return decode(message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8));
    }
}
