package dev.proctor.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.proctor.core.plan.UnitHash;
import dev.proctor.core.result.DecodeResult.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummaryCodecTest {

    private static ShardSummary summary(List<String> failed, List<String> flaky, Map<String, Long> durations, String error) {
        return new ShardSummary(Verdict.FAILED, 1000, 1000 - failed.size() - 19, failed.size(), 19, flaky.size(), 65_000,
                failed, flaky, durations, error, false);
    }

    private static ShardSummary decoded(byte[] bytes) {
        DecodeResult result = SummaryCodec.decode(bytes);
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) result).summary();
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s%04d", prefix, i)).toList();
    }

    @Test
    void encodesCompactlyInAFixedFieldOrder() {
        ShardSummary summary = summary(List.of("shop.CartTest#total"), List.of(), Map.of("shop.CartTest", 1500L), null);

        String json = new String(SummaryCodec.encode(summary), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"v\":\"v1\",\"verdict\":\"failed\",\"total\":1000,\"passed\":980,\"failed\":1,"
                + "\"skipped\":19,\"flaky\":0,\"millis\":65000,\"failedTests\":[\"shop.CartTest#total\"],"
                + "\"durations\":{\"shop.CartTest\":1500}}");
        assertThat(decoded(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(summary);
    }

    @Test
    void errorSummaryRoundTrips() {
        ShardSummary error = ShardSummary.error("no test matched tag expression 'smoke & eu'");

        assertThat(decoded(SummaryCodec.encode(error))).isEqualTo(error);
    }

    @Test
    void packsDurationsThatDoNotFitByNameLosingNone() {
        Map<String, Long> durations = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) durations.put(String.format("shop.pkg.Class%03d", i), (long) i * 37);
        ShardSummary summary = summary(List.of("a#b"), List.of("c#d"), durations, null);

        byte[] bytes = SummaryCodec.encode(summary);
        ShardSummary fitted = decoded(bytes);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"units\":\"").doesNotContain("\"durations\"");
        assertThat(fitted.truncated()).isFalse();
        assertThat(fitted.failedTests()).containsExactly("a#b");
        assertThat(fitted.flakyTests()).containsExactly("c#d");
        assertThat(fitted.classDurations()).hasSize(400);
        durations.forEach((unit, millis) -> assertThat(fitted.classDurations().get(UnitHash.hashedKey(unit)))
                .as(unit).isCloseTo(millis, org.assertj.core.data.Offset.offset(millis / 90 + 1)));
    }

    @Test
    void fiveHundredMethodsOfAShardFitWithRoomForFailures() {
        Map<String, Long> durations = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            durations.put(String.format("com.example.shop.checkout.Checkout%02dTest#scenario%03d", i / 20, i), 200L + i * 97L);
        }
        ShardSummary summary = summary(names("com.example.shop.checkout.Checkout01Test#scenario", 20), List.of(),
                durations, null);

        byte[] bytes = SummaryCodec.encode(summary);
        ShardSummary fitted = decoded(bytes);

        assertThat(fitted.truncated()).isFalse();
        assertThat(fitted.failedTests()).hasSize(20);
        assertThat(fitted.classDurations()).hasSize(500);
        System.out.printf("500 method durations + 20 failed names: %d bytes of %d%n", bytes.length, SummaryCodec.MAX_BYTES);
    }

    @Test
    void thenDropsFlakyThenFailedFromTheTail() {
        ShardSummary summary = summary(names("shop.FailingTest#case", 150), names("shop.FlakyTest#case", 150),
                Map.of("shop.FailingTest", 5L), null);

        ShardSummary fitted = decoded(SummaryCodec.encode(summary));

        assertThat(fitted.classDurations()).containsOnlyKeys(UnitHash.hashedKey("shop.FailingTest"));
        assertThat(fitted.flakyTests()).isEmpty();
        assertThat(fitted.failedTests()).hasSizeGreaterThan(SummaryWriter.FAILED_NAMES_BEFORE_DURATIONS)
                .isEqualTo(summary.failedTests().subList(0, fitted.failedTests().size()));
        assertThat(fitted.failed()).isEqualTo(150);
        assertThat(fitted.truncated()).isTrue();
    }

    @Test
    void durationsGoShortestFirstOnceOnlyTenFailedNamesAreLeft() {
        Map<String, Long> durations = new LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) durations.put("shop.Unit" + i + "#m", 1000L + i);
        ShardSummary summary = summary(names("shop.VeryLongFailingTestNameForTheSakeOfSize#case", 300), List.of(),
                durations, null);

        ShardSummary fitted = decoded(SummaryCodec.encode(summary));

        assertThat(fitted.truncated()).isTrue();
        assertThat(fitted.failedTests()).hasSize(SummaryWriter.FAILED_NAMES_BEFORE_DURATIONS);
        assertThat(fitted.classDurations()).isNotEmpty().hasSizeLessThan(3000)
                .containsKey(UnitHash.hashedKey("shop.Unit2999#m"));
    }

    @Test
    void keepsAsMuchAsFitsOfTheSecondStage() {
        ShardSummary summary = summary(names("f#", 10), names("shop.FlakyTest#case", 300), Map.of(), null);

        byte[] bytes = SummaryCodec.encode(summary);
        ShardSummary fitted = decoded(bytes);

        assertThat(fitted.failedTests()).hasSize(10);
        assertThat(fitted.flakyTests()).isEqualTo(summary.flakyTests().subList(0, fitted.flakyTests().size()));
        // One more flaky name (23 characters, quotes and a comma) would not have fitted.
        assertThat(bytes.length + 26).isGreaterThan(SummaryCodec.MAX_BYTES);
    }

    @Test
    void cutsTheErrorLastAndNeverInsideASurrogatePair() {
        String error = "\uD83D\uDE00".repeat(3000);
        ShardSummary summary = new ShardSummary(Verdict.ERROR, 0, 0, 0, 0, 0, 10, List.of("x#y"), List.of(),
                Map.of(), error, false);

        byte[] bytes = SummaryCodec.encode(summary);
        ShardSummary fitted = decoded(bytes);

        assertThat(bytes.length).isLessThanOrEqualTo(SummaryCodec.MAX_BYTES);
        assertThat(fitted.failedTests()).isEmpty();
        assertThat(fitted.error()).isNotEmpty();
        assertThat(fitted.error().length() % 2).isZero();
        assertThat(error).startsWith(fitted.error());
        assertThat(fitted.verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void replacesUnpairedSurrogates() {
        ShardSummary summary = summary(List.of("a#b\uD800", "\uDC00c#d"), List.of(), Map.of(), null);

        ShardSummary read = decoded(SummaryCodec.encode(summary));

        assertThat(read.failedTests()).containsExactly("a#b\uFFFD", "\uFFFDc#d");
    }

    @Test
    void fiveThousandLongFailuresFitQuickly() {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) failed.add("com.example.shop.checkout.PaymentFlowTest#" + "ünïcödé名前".repeat(20) + i);
        Map<String, Long> durations = new LinkedHashMap<>();
        for (int i = 0; i < 2_000; i++) durations.put("com.example.Class" + i, (long) i);
        ShardSummary summary = new ShardSummary(Verdict.FAILED, 9_000, 4_000, 5_000, 0, 0, 1, failed, failed,
                durations, "x".repeat(100_000), false);

        byte[] bytes = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> SummaryCodec.encode(summary));

        assertThat(bytes.length).isLessThanOrEqualTo(SummaryCodec.MAX_BYTES);
        ShardSummary fitted = decoded(bytes);
        assertThat(fitted.failed()).isEqualTo(5_000);
        assertThat(fitted.truncated()).isTrue();
    }

    @Test
    void keepsTheRunnersOwnTruncationMark() {
        ShardSummary summary = new ShardSummary(Verdict.PASSED, 1, 1, 0, 0, 0, 1, null, null, null, null, true);

        assertThat(decoded(SummaryCodec.encode(summary)).truncated()).isTrue();
    }

    @Test
    void readsAMinimalHandWrittenErrorSummary() {
        ShardSummary read = decoded("{\"v\":\"v1\",\"verdict\":\"error\",\"error\":\"bad plan\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(ShardSummary.error("bad plan"));
    }

    @Test
    void readsMoreThanKubeletWouldDeliverButNotWithoutLimit() {
        String padding = "p".repeat(10_000);
        String big = "{\"v\":\"v1\",\"verdict\":\"passed\",\"future\":\"" + padding + "\"}";
        assertThat(SummaryCodec.decode(big)).isInstanceOf(DecodeResult.Decoded.class);

        String huge = "{\"v\":\"v1\",\"verdict\":\"passed\",\"future\":\"" + "p".repeat(70_000) + "\"}";
        assertThat(SummaryCodec.decode(huge)).isEqualTo(
                new DecodeResult.Malformed(Kind.TOO_LARGE, "summary has 70041 bytes, more than 65536"));
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "''                                              | EMPTY         | summary is empty",
            "'  \n '                                         | EMPTY         | summary is blank",
            "'exit status 137'                               | NOT_JSON      | summary is not valid JSON at line 1, column 6",
            "'[1,2,3]'                                       | NOT_JSON      | summary is not a JSON object",
            "'\"v1\"'                                        | NOT_JSON      | summary is not a JSON object",
            "'{\"v\":\"v1\",\"verdict\":\"passed\"'          | NOT_JSON      | summary is not valid JSON at line 1, column 29",
            "'{\"v\":\"v1\",\"verdict\":\"passed\"} {}'      | NOT_JSON      | summary has a duplicate field or data after the object at line 1, column 31",
            "'{\"v\":\"v1\",\"v\":\"v1\",\"verdict\":\"passed\"}' | NOT_JSON  | summary has a duplicate field or data after the object at line 1, column 15",
            "'{\"v\":\"v1\",\"verdict\":\"passed\",\"total\":NaN}' | NOT_JSON | summary is not valid JSON at line 1, column 41",
            "'{\"verdict\":\"passed\"}'                      | WRONG_SCHEMA  | summary has no schema version \"v\"",
            "'{\"v\":\"v2\",\"verdict\":\"passed\"}'          | WRONG_SCHEMA  | summary schema must be \"v1\", was \"v2\"",
            "'{\"v\":1,\"verdict\":\"passed\"}'              | WRONG_SCHEMA  | summary schema must be \"v1\", was 1",
            "'{\"v\":\"v1\"}'                                | INVALID_FIELD | verdict must be passed, failed or error, was missing",
            "'{\"v\":\"v1\",\"verdict\":\"PASSED\"}'          | INVALID_FIELD | verdict must be passed, failed or error, was \"PASSED\"",
            "'{\"v\":\"v1\",\"verdict\":{}}'                 | INVALID_FIELD | verdict must be passed, failed or error, was an object",
            "'{\"v\":\"v1\",\"verdict\":\"passed\",\"total\":-1}' | INVALID_FIELD | total must be a non-negative integer, was -1",
            "'{\"v\":\"v1\",\"verdict\":\"passed\",\"total\":\"3\"}' | INVALID_FIELD | total must be a non-negative integer, was \"3\"",
            "'{\"v\":\"v1\",\"verdict\":\"passed\",\"total\":1.5}' | INVALID_FIELD | total must be a non-negative integer, was 1.5",
            "'{\"v\":\"v1\",\"verdict\":\"passed\",\"total\":1e400}' | INVALID_FIELD | total must be a non-negative integer, was Infinity",
            "'{\"v\":\"v1\",\"verdict\":\"passed\",\"failed\":99999999999999999999}' | INVALID_FIELD | failed must be a non-negative integer, was 99999999999999999999",
            "'{\"v\":\"v1\",\"verdict\":\"passed\",\"millis\":-5}' | INVALID_FIELD | millis must be a non-negative integer, was -5",
            "'{\"v\":\"v1\",\"verdict\":\"failed\",\"total\":3,\"passed\":2,\"failed\":2}' | INVALID_FIELD | passed + failed + skipped (4) exceeds total (3)",
            "'{\"v\":\"v1\",\"verdict\":\"passed\",\"total\":1,\"passed\":1,\"flaky\":2}' | INVALID_FIELD | flaky (2) exceeds total (1)",
            "'{\"v\":\"v1\",\"verdict\":\"failed\",\"failedTests\":\"a#b\"}' | INVALID_FIELD | failedTests must be an array of strings",
            "'{\"v\":\"v1\",\"verdict\":\"failed\",\"failedTests\":[1]}' | INVALID_FIELD | failedTests must be an array of strings",
            "'{\"v\":\"v1\",\"verdict\":\"failed\",\"flakyTests\":[null]}' | INVALID_FIELD | flakyTests must be an array of strings",
            "'{\"v\":\"v1\",\"verdict\":\"failed\",\"durations\":[]}' | INVALID_FIELD | durations must be an object of milliseconds",
            "'{\"v\":\"v1\",\"verdict\":\"failed\",\"durations\":{\"a\":-1}}' | INVALID_FIELD | durations values must be non-negative integers",
            "'{\"v\":\"v1\",\"verdict\":\"error\",\"error\":42}' | INVALID_FIELD | error must be a string",
            "'{\"v\":\"v1\",\"verdict\":\"error\",\"truncated\":\"yes\"}' | INVALID_FIELD | truncated must be true or false",
    })
    void rejectsWithAKindAndAReason(String input, Kind kind, String reason) {
        assertThat(SummaryCodec.decode(input)).isEqualTo(new DecodeResult.Malformed(kind, reason));
    }

    @Test
    void rejectsNullAndInvalidUtf8() {
        assertThat(SummaryCodec.decode((byte[]) null)).isEqualTo(new DecodeResult.Malformed(Kind.EMPTY, "summary is empty"));
        assertThat(SummaryCodec.decode((String) null)).isEqualTo(new DecodeResult.Malformed(Kind.EMPTY, "summary is empty"));
        byte[] invalid = {'{', '"', 'v', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(SummaryCodec.decode(invalid)).isInstanceOf(DecodeResult.Malformed.class)
                .extracting(r -> ((DecodeResult.Malformed) r).kind()).isEqualTo(Kind.NOT_JSON);
    }

    @Test
    void rejectsDeepNestingWithoutOverflowingTheStack() {
        String deep = "{\"v\":\"v1\",\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";

        assertThat(SummaryCodec.decode(deep)).isEqualTo(new DecodeResult.Malformed(Kind.NOT_JSON,
                "summary exceeds the JSON reader's limits (nesting depth 20, number length 40)"));
    }

    @Test
    void reasonsDoNotEchoLongInput() {
        String secret = "s3cr3t-".repeat(50);

        DecodeResult result = SummaryCodec.decode("{\"v\":\"" + secret + "\"}");

        assertThat(((DecodeResult.Malformed) result).reason())
                .isEqualTo("summary schema must be \"v1\", was \"s3cr3t-s3cr3t-s3cr3...");
    }

    @Test
    void theStoreUploadTravelsAndIsKeptWhenDetailIsDropped() {
        StoreUpload upload = new StoreUpload(3, 2, "NoSuchBucket: The specified bucket does not exist " + "x".repeat(400));
        ShardSummary small = summary(List.of("shop.CartTest#total"), List.of(), Map.of(), null).withStore(upload);
        ShardSummary back = decoded(SummaryCodec.encode(small));
        assertThat(back.store()).isEqualTo(upload);
        assertThat(back.store().reason()).hasSize(StoreUpload.MAX_REASON_CHARS).startsWith("NoSuchBucket: ");

        ShardSummary huge = summary(names("shop.VeryLongClassNameForATest#method", 900), List.of(), Map.of(), "e".repeat(5000))
                .withStore(upload);
        byte[] bytes = SummaryCodec.encode(huge);
        assertThat(bytes.length).isLessThanOrEqualTo(SummaryCodec.MAX_BYTES);
        assertThat(decoded(bytes).store()).isEqualTo(upload);
        assertThat(decoded(SummaryCodec.encode(summary(List.of(), List.of(), Map.of(), null))).store()).isNull();
    }

    @Test
    void aStoreThatIsNotAnObjectIsMalformedAndSaysSo() {
        DecodeResult result = SummaryCodec.decode("{\"v\":\"v1\",\"verdict\":\"passed\",\"store\":[]}");
        assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(((DecodeResult.Malformed) result).reason()).isEqualTo("store must be an object");
    }
}
