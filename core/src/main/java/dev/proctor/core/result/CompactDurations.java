package dev.proctor.core.result;

import dev.proctor.core.plan.UnitHash;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Unit durations packed for the termination message: every unit of a shard in about 3.4 bytes (27 bits for 500
 * units), so a 500-method shard's durations take about 2,250 of the summary's 4,096 bytes.
 *
 * <p>Each unit is its 24-bit {@link UnitHash} and a 10-bit duration code. The hashes are sorted and written as gaps
 * in Golomb–Rice code (parameter k chosen per message for the smallest result), so they cost about
 * {@code 24 - log2(n) + 2} bits each. The duration code is logarithmic: code 0 is 0 ms, code c ≥ 1 is
 * {@code 2^((c-1)/32)} ms, up to about 48 days; a duration read back is within 1.1 % (and a rounding to whole milliseconds) of the one written, far inside
 * run-to-run noise. The bits go out as URL-safe base64 without padding, which JSON carries as a plain string.
 *
 * <pre>
 * version (3 bits, = 1) | k (5 bits) | n + 1 (Elias gamma) | n × ( gap (Rice k) | code (10 bits) )
 * </pre>
 */
public final class CompactDurations {
    static final int VERSION = 1;
    static final int CODE_BITS = 10;
    private static final int MAX_CODE = (1 << CODE_BITS) - 1;
    private static final double STEPS_PER_DOUBLING = 32.0;

    private CompactDurations() {}

    /** @param durations milliseconds by unit key (names or hashed keys); units sharing a hash keep the longer time */
    public static String encode(Collection<Map.Entry<String, Long>> durations) {
        long[] units = units(durations);
        return encode(units, units.length);
    }

    /** Each unit as one long, hash in the high bits, duration code in the low 10: what {@link #encode(long[], int)} takes. */
    static long[] units(Collection<Map.Entry<String, Long>> durations) {
        long[] units = new long[durations.size()];
        int i = 0;
        for (Map.Entry<String, Long> entry : durations) {
            units[i++] = (long) UnitHash.of(entry.getKey()) << CODE_BITS | code(entry.getValue());
        }
        return units;
    }

    /**
     * The first {@code count} of the units; cheap enough to call a dozen times while the writer searches for how many
     * fit (no hashing, no boxing).
     */
    static String encode(long[] units, int count) {
        long[] sorted = java.util.Arrays.copyOf(units, count);
        java.util.Arrays.sort(sorted);
        int[] hashes = new int[count];
        int[] codes = new int[count];
        int n = 0;
        for (long unit : sorted) {
            int hash = (int) (unit >>> CODE_BITS);
            int code = (int) (unit & MAX_CODE);
            if (n > 0 && hashes[n - 1] == hash) {
                codes[n - 1] = Math.max(codes[n - 1], code); // units sharing a hash keep the longer time
            } else {
                hashes[n] = hash;
                codes[n++] = code;
            }
        }
        int k = bestRiceParameter(hashes, n);
        BitWriter bits = new BitWriter();
        bits.write(VERSION, 3);
        bits.write(k, 5);
        bits.gamma(n + 1L);
        int previous = 0;
        for (int i = 0; i < n; i++) {
            bits.rice(hashes[i] - previous, k);
            bits.write(codes[i], CODE_BITS);
            previous = hashes[i];
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits.toByteArray());
    }

    /**
     * @return milliseconds by hashed unit key
     * @throws IllegalArgumentException when the text is not a packed duration list
     */
    public static Map<String, Long> decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not base64url");
        }
        BitReader bits = new BitReader(bytes);
        int version = (int) bits.read(3);
        if (version != VERSION) throw new IllegalArgumentException("has unknown version " + version);
        int k = (int) bits.read(5);
        long count = bits.gamma() - 1;
        if (count < 0 || count > (long) bytes.length * 8) throw new IllegalArgumentException("has a bad count");
        Map<String, Long> durations = new TreeMap<>();
        long hash = 0;
        for (long i = 0; i < count; i++) {
            hash += bits.rice(k);
            if (hash >= 1L << UnitHash.BITS || i > 0 && durations.containsKey(UnitHash.key((int) hash))) {
                throw new IllegalArgumentException("has a hash out of order");
            }
            durations.put(UnitHash.key((int) hash), millis((int) bits.read(CODE_BITS)));
        }
        return durations;
    }

    /** The duration a value becomes after a round trip (what the history will see). */
    public static long quantized(long millis) {
        return millis(code(millis));
    }

    static int code(long millis) {
        if (millis <= 0) return 0;
        long c = 1 + Math.round(STEPS_PER_DOUBLING * Math.log(millis) / Math.log(2));
        return (int) Math.min(MAX_CODE, c);
    }

    static long millis(int code) {
        if (code <= 0) return 0;
        return Math.round(Math.pow(2, (code - 1) / STEPS_PER_DOUBLING));
    }

    private static int bestRiceParameter(int[] sortedHashes, int count) {
        int best = 0;
        long bestBits = Long.MAX_VALUE;
        for (int k = 0; k < UnitHash.BITS; k++) {
            long total = 0;
            int previous = 0;
            for (int i = 0; i < count; i++) {
                total += ((long) (sortedHashes[i] - previous) >>> k) + 1 + k;
                previous = sortedHashes[i];
            }
            if (total < bestBits) {
                bestBits = total;
                best = k;
            }
        }
        return best;
    }

    private static final class BitWriter {
        private byte[] buffer = new byte[64];
        private long length;

        void write(long value, int count) {
            for (int i = count - 1; i >= 0; i--) bit((value >>> i & 1) == 1);
        }

        void rice(long value, int k) {
            for (long q = value >>> k; q > 0; q--) bit(true);
            bit(false);
            write(value & ((1L << k) - 1), k);
        }

        /** Elias gamma of a value ≥ 1: as many zeros as it has bits after the first, then its bits. */
        void gamma(long value) {
            int width = 64 - Long.numberOfLeadingZeros(value);
            for (int i = 1; i < width; i++) bit(false);
            write(value, width);
        }

        private void bit(boolean one) {
            int index = (int) (length >>> 3);
            if (index == buffer.length) buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            if (one) buffer[index] |= (byte) (0x80 >>> (length & 7));
            length++;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buffer, (int) ((length + 7) >>> 3));
        }
    }

    private static final class BitReader {
        private final byte[] bytes;
        private long position;

        BitReader(byte[] bytes) {
            this.bytes = bytes;
        }

        long read(int count) {
            long value = 0;
            for (int i = 0; i < count; i++) value = value << 1 | (bit() ? 1 : 0);
            return value;
        }

        long rice(int k) {
            long q = 0;
            while (bit()) {
                if (++q > 1L << UnitHash.BITS) throw new IllegalArgumentException("has a runaway gap");
            }
            return q << k | read(k);
        }

        long gamma() {
            int zeros = 0;
            while (!bit()) {
                if (++zeros > 40) throw new IllegalArgumentException("has a bad count");
            }
            return 1L << zeros | read(zeros);
        }

        private boolean bit() {
            int index = (int) (position >>> 3);
            if (index >= bytes.length) throw new IllegalArgumentException("ends early");
            boolean one = (bytes[index] & (0x80 >>> (position & 7))) != 0;
            position++;
            return one;
        }
    }
}
