package dev.proctor.core.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The short, name-free form of a unit key, for when a shard's durations do not fit its 4096-byte summary by name.
 *
 * <p>A hashed key is {@code "#"} and six hex digits: the first 24 bits of the SHA-256 of the unit key's UTF-8.
 * Nothing else starts with {@code #} (a unit key starts with a class name or a feature URI), so the history can hold
 * both forms side by side. The runner knows every unit's name and looks each one up by name, then by hashed key;
 * the operator never needs the names. Two units of one suite share a hashed key with a chance of about
 * n²/2<sup>25</sup> (0.7 pairs among 5,000 units); they then share one estimate, which only blurs balancing a little.
 */
public final class UnitHash {
    public static final String PREFIX = "#";
    public static final int BITS = 24;
    private static final int HEX_DIGITS = BITS / 4;

    private UnitHash() {}

    /** Whether the key already is a hashed key. */
    public static boolean isHashed(String key) {
        if (key.length() != 1 + HEX_DIGITS || !key.startsWith(PREFIX)) return false;
        for (int i = 1; i < key.length(); i++) {
            if (Character.digit(key.charAt(i), 16) < 0) return false;
        }
        return true;
    }

    /** The 24-bit hash of a unit key; a hashed key stands for itself. */
    public static int of(String key) {
        if (isHashed(key)) return Integer.parseInt(key.substring(1), 16);
        Integer known = MEMO.get(key);
        if (known != null) return known;
        byte[] digest = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
        int hash = (digest[0] & 0xff) << 16 | (digest[1] & 0xff) << 8 | (digest[2] & 0xff);
        if (MEMO.size() < MEMO_MAX_ENTRIES) MEMO.put(key, hash);
        return hash;
    }

    /** A runner hashes the same unit keys at every checkpoint; the planner once per key. */
    private static final java.util.Map<String, Integer> MEMO = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MEMO_MAX_ENTRIES = 200_000;

    /** The hashed key of a 24-bit hash. */
    public static String key(int hash) {
        if (hash < 0 || hash >= 1 << BITS) throw new IllegalArgumentException("hash out of range: " + hash);
        return PREFIX + HexFormat.of().toHexDigits(hash).substring(8 - HEX_DIGITS);
    }

    /** The hashed key of a unit key (a hashed key maps to itself). */
    public static String hashedKey(String key) {
        return key(of(key));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
