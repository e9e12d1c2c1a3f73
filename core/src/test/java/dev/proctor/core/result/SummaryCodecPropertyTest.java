package dev.proctor.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.plan.UnitHash;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SummaryCodecPropertyTest {

    /** Test names as runners produce them: ASCII mostly, some accents, CJK and emoji (surrogate pairs). */
    private static Arbitrary<String> names(int maxLength) {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars(".#_$").ofMinLength(1).ofMaxLength(maxLength),
                Arbitraries.strings().withChars("äöüßéñ名前テスト\"\\\n\t").alpha().ofMinLength(1).ofMaxLength(maxLength),
                Arbitraries.of("\uD83D\uDE00", "\uD834\uDD1E", "名", "a", "é", "#", ".").list()
                        .ofMinSize(1).ofMaxSize(Math.max(1, maxLength / 2)).map(parts -> String.join("", parts)),
                Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMinLength(1).ofMaxLength(maxLength)
                        .map(Utf8::wellFormed));
    }

    private static Arbitrary<ShardSummary> summaries(int maxNames, int maxNameLength) {
        Arbitrary<int[]> counts = Arbitraries.integers().between(0, 100_000).array(int[].class).ofSize(4);
        Arbitrary<List<String>> lists = names(maxNameLength).list().ofMaxSize(maxNames);
        Arbitrary<Map<String, Long>> durations = Arbitraries.maps(names(maxNameLength),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).ofMaxSize(maxNames);
        Arbitrary<String> errors = names(6_000).injectNull(0.5);
        return Combinators.combine(Arbitraries.of(Verdict.class), counts, lists, lists, durations, errors,
                        Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.of(true, false))
                .as((verdict, c, failed, flaky, classDurations, error, millis, truncated) -> {
                    int total = c[0] + c[1] + c[2] + c[3];
                    return new ShardSummary(verdict, total, c[0], c[1], c[2], Math.min(c[3], c[0]), millis, failed,
                            flaky, classDurations, error, truncated);
                });
    }

    @Provide
    Arbitrary<ShardSummary> typical() {
        return summaries(60, 80);
    }

    /** Built straight from a Random: jqwik's shrinkable strings are too slow for megabytes of names. */
    @Provide
    Arbitrary<ShardSummary> large() {
        String[] alphabet = {"a", "Z", ".", "#", "_", "ü", "名", "テ", "\uD83D\uDE00", "\"", "\\"};
        return Arbitraries.randomValue(random -> {
            List<String> failed = new java.util.ArrayList<>();
            Map<String, Long> durations = new java.util.HashMap<>();
            int count = 1 + random.nextInt(5_000);
            for (int i = 0; i < count; i++) {
                StringBuilder name = new StringBuilder("com.example.Suite" + i + "#");
                int length = random.nextInt(300);
                for (int c = 0; c < length; c++) name.append(alphabet[random.nextInt(alphabet.length)]);
                failed.add(name.toString());
                if (random.nextInt(4) == 0) durations.put(name.toString(), (long) random.nextInt(1_000_000));
            }
            List<String> flaky = failed.subList(0, random.nextInt(failed.size()));
            String error = random.nextBoolean() ? null : "e".repeat(random.nextInt(50_000));
            return new ShardSummary(Verdict.FAILED, count * 2, count - flaky.size(), count, 0, flaky.size(),
                    random.nextInt(Integer.MAX_VALUE), failed, flaky, durations, error, false);
        });
    }

    @Provide
    Arbitrary<ShardSummary> anyText() {
        Arbitrary<String> raw = Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMaxLength(200);
        return Combinators.combine(raw.list().ofMaxSize(40), raw.injectNull(0.3))
                .as((names, error) -> new ShardSummary(Verdict.FAILED, names.size(), 0, names.size(), 0, 0, 1,
                        names, names, Map.of(), error, false));
    }

    @Property(tries = 300)
    void fitsAndRoundTripsWhenNothingWasDropped(@ForAll("typical") ShardSummary summary) {
        byte[] bytes = SummaryCodec.encode(summary);

        assertThat(bytes.length).isLessThanOrEqualTo(SummaryCodec.MAX_BYTES);
        assertThat(strictUtf8(bytes)).isTrue();
        DecodeResult result = SummaryCodec.decode(bytes);
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        ShardSummary decoded = ((DecodeResult.Decoded) result).summary();
        if (!decoded.truncated() && !packed(decoded)) {
            assertThat(decoded).isEqualTo(summary);
        } else {
            assertKeptCountsAndPrefixes(summary, decoded);
        }
    }

    @Property(tries = 30)
    void fiveThousandLongNamesAlwaysFit(@ForAll("large") ShardSummary summary) {
        byte[] bytes = SummaryCodec.encode(summary);

        assertThat(bytes.length).isLessThanOrEqualTo(SummaryCodec.MAX_BYTES);
        assertThat(SummaryCodec.decode(bytes)).isInstanceOf(DecodeResult.Decoded.class);
        assertKeptCountsAndPrefixes(summary, ((DecodeResult.Decoded) SummaryCodec.decode(bytes)).summary());
    }

    @Property(tries = 200)
    void anyJavaStringStillEncodesToValidUtf8(@ForAll("anyText") ShardSummary summary) {
        byte[] bytes = SummaryCodec.encode(summary);

        assertThat(bytes.length).isLessThanOrEqualTo(SummaryCodec.MAX_BYTES);
        assertThat(strictUtf8(bytes)).isTrue();
        assertThat(SummaryCodec.decode(bytes)).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Property(tries = 500)
    void decodeIsTotalOnRandomBytes(@ForAll @Size(max = 300) byte[] bytes) {
        assertThat(SummaryCodec.decode(bytes)).isNotNull();
    }

    @Property(tries = 300)
    void decodeIsTotalOnCutOffEncodings(@ForAll("typical") ShardSummary summary, @ForAll @IntRange(min = 0, max = 4096) int cut) {
        byte[] bytes = SummaryCodec.encode(summary);
        byte[] prefix = java.util.Arrays.copyOf(bytes, Math.min(cut, bytes.length));

        DecodeResult result = SummaryCodec.decode(prefix);

        if (prefix.length < bytes.length) assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
    }

    @Property(tries = 300)
    void decodeIsTotalOnHostileJson(@ForAll("hostile") String json) {
        DecodeResult result = SummaryCodec.decode(json);

        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Malformed malformed) assertNoLongEcho(json, malformed.reason());
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 5_000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(1, 5_000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(2_000),
                Arbitraries.of("NaN", "-Infinity", "1e999999", "-0", "0.0000001", "true", "null", "\"\"", "[]", "{}",
                        "-1", "2147483648", "9223372036854775808", "\"\\ud800\"", "\"\\u0000\""),
                Arbitraries.strings().ofMaxLength(300).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        Arbitrary<String> field = Arbitraries.of("v", "verdict", "total", "passed", "failed", "skipped", "flaky", "millis",
                "failedTests", "flakyTests", "durations", "error", "truncated", "other");
        return Combinators.combine(field, value, Arbitraries.of(true, false))
                .as((name, v, duplicate) -> "{\"v\":\"v1\",\"verdict\":\"failed\",\"total\":5,\"failed\":1,"
                        + (duplicate ? "\"" + name + "\":" + v + "," : "")
                        + "\"" + name + "\":" + v + "}");
    }

    @Property(tries = 300)
    void reasonsNeverRepeatMoreThanFortyCharactersOfTheInput(@ForAll("hostile") String json) {
        if (SummaryCodec.decode(json) instanceof DecodeResult.Malformed malformed) {
            assertNoLongEcho(json, malformed.reason());
        }
    }

    private static void assertNoLongEcho(String input, String reason) {
        assertThat(reason.length()).isLessThanOrEqualTo(160);
        for (int i = 0; i + 41 <= input.length(); i += 7) {
            String window = input.substring(i, i + 41);
            // Our own fixed wording may coincide with structural input; only user-controlled text matters here.
            if (window.chars().distinct().count() > 3) assertThat(reason).doesNotContain(window);
        }
    }

    private static void assertKeptCountsAndPrefixes(ShardSummary original, ShardSummary decoded) {
        assertThat(decoded.verdict()).isEqualTo(original.verdict());
        assertThat(List.of(decoded.total(), decoded.passed(), decoded.failed(), decoded.skipped(), decoded.flaky()))
                .isEqualTo(List.of(original.total(), original.passed(), original.failed(), original.skipped(), original.flaky()));
        assertThat(decoded.durationMillis()).isEqualTo(original.durationMillis());
        assertThat(decoded.failedTests()).isEqualTo(original.failedTests().subList(0, decoded.failedTests().size()));
        assertThat(decoded.flakyTests()).isEqualTo(original.flakyTests().subList(0, decoded.flakyTests().size()));
        Map<String, Long> originalDurations = new TreeMap<>();
        original.classDurations().forEach((k, v) -> originalDurations.merge(Utf8.wellFormed(k), v, Math::max));
        Map<String, Long> packedDurations = new TreeMap<>();
        originalDurations.forEach((k, v) -> packedDurations.merge(UnitHash.hashedKey(k), CompactDurations.quantized(v), Math::max));
        boolean packed = packed(decoded);
        assertThat(packed ? packedDurations : originalDurations).containsAllEntriesOf(decoded.classDurations());
        if (decoded.error() != null) assertThat(original.error()).startsWith(decoded.error());
        // Fixed order: durations are packed first (all kept); then flaky names go, failed names down to 10, packed
        // durations, the remaining failed names, the error.
        if (!packed && !decoded.classDurations().isEmpty()) assertThat(decoded.classDurations()).hasSameSizeAs(originalDurations);
        if (decoded.classDurations().size() < packedDurations.size()) {
            assertThat(decoded.flakyTests()).isEmpty();
            assertThat(decoded.failedTests().size()).isLessThanOrEqualTo(SummaryWriter.FAILED_NAMES_BEFORE_DURATIONS);
        }
        if (decoded.failedTests().size() < original.failedTests().size()) assertThat(decoded.flakyTests()).isEmpty();
        if (original.error() != null && !original.error().equals(decoded.error())) {
            assertThat(decoded.failedTests()).isEmpty();
            assertThat(decoded.classDurations()).isEmpty();
        }
    }

    private static boolean packed(ShardSummary decoded) {
        return !decoded.classDurations().isEmpty() && decoded.classDurations().keySet().stream().allMatch(UnitHash::isHashed);
    }

    private static boolean strictUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
