package dev.proctor.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunPlanCodecTest {

    static RunPlan plan(int shards, int testRetries) {
        return new RunPlan(RunPlan.SCHEMA, "checkout-7", "checkout", shards, Strategy.DURATION_BALANCED,
                Granularity.METHOD, List.of("shop.web", "shop.api"), List.of(), "smoke & !slow",
                Set.of("shop.web.CartTest#addsItem"), testRetries, "90s", Map.of("shop.web.CartTest", 1200L),
                new RunPlan.Environment("staging", "eu", "https://shop.example", Map.of("newCheckout", true),
                        Map.of("LOCALE", "de-DE")),
                Set.of("SHOP_PASSWORD"));
    }

    @Test
    void encodesWithSortedKeysAndEnumNames() {
        String json = RunPlanCodec.encode(plan(4, 2));

        assertThat(json).isEqualTo("{\"classes\":[],\"durations\":{\"shop.web.CartTest\":1200},"
                + "\"environment\":{\"baseUrl\":\"https://shop.example\",\"flags\":{\"newCheckout\":true},"
                + "\"name\":\"staging\",\"region\":\"eu\",\"variables\":{\"LOCALE\":\"de-DE\"}},"
                + "\"granularity\":\"Method\",\"include\":[\"shop.web.CartTest#addsItem\"],"
                + "\"packages\":[\"shop.web\",\"shop.api\"],\"run\":\"checkout-7\",\"schema\":\"v1\","
                + "\"secretEnv\":[\"SHOP_PASSWORD\"],\"shards\":4,\"strategy\":\"DurationBalanced\","
                + "\"suite\":\"checkout\",\"tagExpression\":\"smoke & !slow\",\"testRetries\":2,\"testTimeout\":\"90s\"}");
    }

    @Test
    void classPatternsAndCollectGlobsRoundTripAndAreLeftOutWhenEmpty() {
        RunPlan base = plan(2, 0);
        RunPlan withPatterns = new RunPlan(base.schema(), base.run(), base.suite(), base.shards(), base.strategy(),
                base.granularity(), base.packages(), base.classes(), base.tagExpression(), base.include(),
                base.testRetries(), base.testTimeout(), base.durations(), base.environment(), base.secretEnv(),
                List.of("**/*IT.java"), List.of("**/Slow*"), List.of("target/traces/**/*.zip"));

        String json = RunPlanCodec.encode(withPatterns);

        assertThat(RunPlanCodec.decode(json)).isEqualTo(withPatterns);
        assertThat(json).contains("\"includePatterns\":[\"**/*IT.java\"]").contains("\"collect\":[");
        assertThat(RunPlanCodec.encode(base)).doesNotContain("includePatterns").doesNotContain("collect");
    }

    @Test
    void roundTrips() {
        RunPlan plan = plan(4, 2);

        assertThat(RunPlanCodec.decode(RunPlanCodec.encode(plan))).isEqualTo(plan);
    }

    @Test
    void sameContentIsSameBytesWhateverTheCollectionOrder() {
        Set<String> include = new LinkedHashSet<>(List.of("b#x", "a#x", "c#x"));
        Set<String> reversedInclude = new LinkedHashSet<>(List.of("c#x", "a#x", "b#x"));
        Map<String, Long> durations = new HashMap<>(Map.of("z", 1L, "a", 2L, "m", 3L));
        RunPlan one = new RunPlan("v1", "r", "s", 2, Strategy.ROUND_ROBIN, Granularity.CLASS, null, null, null,
                include, 0, null, durations, null, null);
        RunPlan other = new RunPlan("v1", "r", "s", 2, Strategy.ROUND_ROBIN, Granularity.CLASS, null, null, null,
                reversedInclude, 0, null, new java.util.TreeMap<>(durations), null, null);

        assertThat(RunPlanCodec.encode(one)).isEqualTo(RunPlanCodec.encode(other)).contains("[\"a#x\",\"b#x\",\"c#x\"]");
    }

    @Test
    void absentCollectionsDecodeEmptyAndUnknownFieldsAreIgnored() {
        RunPlan plan = RunPlanCodec.decode("{\"schema\":\"v1\",\"shards\":3,\"strategy\":\"RoundRobin\","
                + "\"granularity\":\"Class\",\"addedInV2\":{\"x\":[1,2]},\"include\":null}");

        assertThat(plan.shards()).isEqualTo(3);
        assertThat(plan.packages()).isEmpty();
        assertThat(plan.classes()).isEmpty();
        assertThat(plan.include()).isEmpty();
        assertThat(plan.durations()).isEmpty();
        assertThat(plan.secretEnv()).isEmpty();
        assertThat(plan.testRetries()).isZero();
        assertThat(plan.environment()).isNull();
        assertThat(plan.planSpec()).isEqualTo(new PlanSpec(3, Strategy.ROUND_ROBIN, Granularity.CLASS, Set.of(), Map.of()));
    }

    @Test
    void environmentMapsDecodeEmpty() {
        RunPlan plan = RunPlanCodec.decode("{\"schema\":\"v1\",\"shards\":1,\"strategy\":\"RoundRobin\","
                + "\"granularity\":\"Class\",\"environment\":{\"name\":\"prod\"}}");

        assertThat(plan.environment().flags()).isEmpty();
        assertThat(plan.environment().variables()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "'{\"shards\":2,\"strategy\":\"RoundRobin\",\"granularity\":\"Class\"}' | schema is missing (expected \"v1\")",
            "'{\"schema\":\"v2\",\"shards\":2,\"strategy\":\"RoundRobin\",\"granularity\":\"Class\"}' | schema must be \"v1\", was \"v2\"",
            "'{\"schema\":\"v1\",\"strategy\":\"RoundRobin\",\"granularity\":\"Class\"}' | shards must be between 1 and 1000, was 0",
            "'{\"schema\":\"v1\",\"shards\":1001,\"strategy\":\"RoundRobin\",\"granularity\":\"Class\"}' | shards must be between 1 and 1000, was 1001",
            "'{\"schema\":\"v1\",\"shards\":\"ten\",\"strategy\":\"RoundRobin\",\"granularity\":\"Class\"}' | shards must be an integer",
            "'{\"schema\":\"v1\",\"shards\":2.5,\"strategy\":\"RoundRobin\",\"granularity\":\"Class\"}' | shards must be an integer",
            "'{\"schema\":\"v1\",\"shards\":2,\"granularity\":\"Class\"}' | strategy is missing (RoundRobin or DurationBalanced)",
            "'{\"schema\":\"v1\",\"shards\":2,\"strategy\":\"Fastest\",\"granularity\":\"Class\"}' | strategy must be one of RoundRobin, DurationBalanced, was \"Fastest\"",
            "'{\"schema\":\"v1\",\"shards\":2,\"strategy\":\"RoundRobin\"}' | granularity is missing (Class or Method)",
            "'{\"schema\":\"v1\",\"shards\":2,\"strategy\":\"RoundRobin\",\"granularity\":\"class\"}' | granularity must be one of Class, Method, was \"class\"",
            "'{\"schema\":\"v1\",\"shards\":2,\"strategy\":\"RoundRobin\",\"granularity\":\"Class\",\"testRetries\":11}' | testRetries must be between 0 and 10, was 11",
            "'{\"schema\":\"v1\",\"shards\":2,\"strategy\":\"RoundRobin\",\"granularity\":\"Class\",\"testRetries\":-1}' | testRetries must be between 0 and 10, was -1",
            "'{\"schema\":\"v1\",\"shards\":2,\"strategy\":\"RoundRobin\",\"granularity\":\"Class\",\"include\":\"a#b\"}' | include must be an array",
            "'{\"schema\":\"v1\",\"shards\":2,\"strategy\":\"RoundRobin\",\"granularity\":\"Class\",\"include\":[null]}' | include must not contain null",
            "'{\"schema\":\"v1\",\"shards\":2,\"strategy\":\"RoundRobin\",\"granularity\":\"Class\",\"durations\":{\"a\":-5}}' | durations[\"a\"] must be >= 0, was -5",
            "'{\"schema\":\"v1\",\"shards\":2,\"strategy\":\"RoundRobin\",\"granularity\":\"Class\",\"durations\":{\"a\":null}}' | durations[\"a\"] must not be null",
            "'{\"schema\":\"v1\",\"shards\":2,\"strategy\":\"RoundRobin\",\"granularity\":\"Class\",\"environment\":{\"flags\":{\"x\":\"yes\"}}}' | environment.flags.x must be true or false",
            "'{\"schema\":\"v1\",\"shards\":2,\"shards\":3}' | plan has a duplicate field or data after the object at line 1, column 36",
            "'[1,2]' | plan must be a JSON object",
            "'{\"schema\":' | plan is not valid JSON at line 1, column 11",
            "'   ' | plan is empty",
    })
    void refusesInvalidPlansNamingTheField(String json, String message) {
        assertThatThrownBy(() -> RunPlanCodec.decode(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() {
        String deep = "{\"schema\":\"v1\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        assertThatThrownBy(() -> RunPlanCodec.decode(deep))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("plan exceeds the JSON reader's limits");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> RunPlanCodec.decode(null)).hasMessage("plan is empty");
        assertThatThrownBy(() -> RunPlanCodec.encode(null)).hasMessage("plan is missing");
    }

    @Test
    void encodeRefusesWhatDecodeWouldRefuse() {
        assertThatThrownBy(() -> RunPlanCodec.encode(plan(0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shards must be between 1 and 1000, was 0");
    }

    @Test
    void longValuesAreAbbreviatedInMessages() {
        String longSchema = "v".repeat(500);
        assertThatThrownBy(() -> RunPlanCodec.decode("{\"schema\":\"" + longSchema + "\"}"))
                .hasMessage("schema must be \"v1\", was \"" + "v".repeat(37) + "...\"");
    }
}
