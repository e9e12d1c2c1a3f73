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
 *  "failedTests":["class#method", ...], "flakyTests":[...],
 *  "durations":{"unit":millis, ...}  or  "units":"<packed durations, see CompactDurations>",
 *  "error":"runner error text", "running":"class#method",
 *  "store":{"uploaded":N, "missing":N, "reason":"why a file was not stored"}, "truncated":true}
 * }</pre>
 *
 * <p>{@code units} and {@code running} were added to schema v1 without a new version: readers ignore unknown fields,
 * so an older operator reads a newer runner's summary (it then folds no durations of a shard whose durations were
 * packed), and a newer operator reads an older runner's. {@code running} marks a checkpoint (see
 * {@link ShardSummary}). {@code store} (the artifact upload's outcome, its reason at most 300 characters) came
 * later in the same way; it is never dropped.
 *
 * <p><b>Fitting.</b> Kubelet keeps only the first 4096 bytes of a termination message, which would cut the JSON
 * in half; so when the full form is larger, detail is given up in a fixed order: first {@code durations} by name
 * become packed {@code units} (every unit kept, by hash, within 1.1 %; not marked truncated); then, with
 * {@code truncated} set, {@code flakyTests} from the tail, {@code failedTests} from the tail down to 10 names,
 * packed durations (the shortest first: the longest matter most for balancing), the remaining failed names, and
 * last the end of {@code error} (cut between characters, never inside a surrogate pair). Counts, verdict and
 * {@code running} are never dropped. Unpaired surrogates, which cannot be written as UTF-8, become U+FFFD.
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
