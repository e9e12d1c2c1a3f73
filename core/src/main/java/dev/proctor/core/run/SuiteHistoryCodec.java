package dev.proctor.core.run;

/** JSON form of {@link SuiteHistory}. Decoding is total: unreadable data gives an empty history. */
public final class SuiteHistoryCodec {
    private SuiteHistoryCodec() {}

    public static String encode(SuiteHistory history) {
        throw new UnsupportedOperationException("contract: implemented in core");
    }

    public static SuiteHistory decode(String suite, String json) {
        throw new UnsupportedOperationException("contract: implemented in core");
    }
}
