package dev.proctor.core.result;

/**
 * What a shard's upload to the artifact store came to, carried in its summary so that the operator can say
 * which shard's artifacts are missing without ever talking to the store.
 *
 * @param uploaded files stored
 * @param missing  files that were not stored after every retry
 * @param reason   why the first missing file was not stored (the store's error code and message), else null
 */
public record StoreUpload(int uploaded, int missing, String reason) {
    /** The reason is cut to this many characters: it travels in the 4096-byte termination message. */
    public static final int MAX_REASON_CHARS = 300;

    public StoreUpload {
        if (uploaded < 0 || missing < 0) throw new IllegalArgumentException("counts must not be negative");
        if (reason != null) reason = Utf8.prefix(Utf8.wellFormed(reason), MAX_REASON_CHARS);
    }

    public boolean complete() {
        return missing == 0;
    }
}
