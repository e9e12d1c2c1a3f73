package dev.proctor.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SuiteHistoryCodecTest {

    @Test
    void encodesWithSortedKeys() {
        Map<String, Long> durations = new HashMap<>(Map.of("z.Test", 3L, "a.Test", 1L));
        SuiteHistory history = new SuiteHistory("v1", "shop", durations, Map.of("a.Test#x", 2), List.of("u1", "u2"), 7);

        assertThat(SuiteHistoryCodec.encode(history)).isEqualTo("{\"durations\":{\"a.Test\":1,\"z.Test\":3},"
                + "\"flaky\":{\"a.Test#x\":2},\"foldedRuns\":[\"u1\",\"u2\"],\"runs\":7,\"schema\":\"v1\",\"suite\":\"shop\"}");
    }

    @Test
    void roundTrips() {
        SuiteHistory history = new SuiteHistory("v1", "shop", Map.of("a", 1L), Map.of("a#x", 2), List.of("u1"), 1);

        assertThat(SuiteHistoryCodec.decode("shop", SuiteHistoryCodec.encode(history))).isEqualTo(history);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "not json", "[]", "{\"schema\":\"v2\",\"durations\":{\"a\":1}}",
            "{\"durations\":{\"a\":1}}", "{\"schema\":\"v1\",\"durations\":{\"a\":\"slow\"}}",
            "{\"schema\":\"v1\",\"durations\":[1]}", "{\"schema\":\"v1\",\"suite\":\"other\",\"durations\":{\"a\":1}}",
            "{\"schema\":\"v1\",\"runs\":1} trailing"})
    void unreadableHistoryIsEmpty(String json) {
        assertThat(SuiteHistoryCodec.decode("shop", json)).isEqualTo(SuiteHistory.empty("shop"));
    }

    @Test
    void deepNestingIsEmptyNotAStackOverflow() {
        String deep = "{\"schema\":\"v1\",\"x\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}";

        assertThat(SuiteHistoryCodec.decode("shop", deep)).isEqualTo(SuiteHistory.empty("shop"));
    }

    @Test
    void badEntriesAreDroppedAndAbsentPartsAreEmpty() {
        SuiteHistory history = SuiteHistoryCodec.decode("shop",
                "{\"schema\":\"v1\",\"durations\":{\"a\":5,\"b\":-1,\"c\":null},\"foldedRuns\":[\"u\",null],\"future\":1}");

        assertThat(history).isEqualTo(new SuiteHistory("v1", "shop", Map.of("a", 5L), Map.of(), List.of("u"), 0));
    }
}
