package dev.proctor.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RunPlanCodecPropertyTest {

    @Provide
    Arbitrary<RunPlan> plans() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(30);
        Arbitrary<RunPlan.Environment> environments = Combinators.combine(text, text,
                        Arbitraries.maps(text, Arbitraries.of(true, false)).ofMaxSize(4),
                        Arbitraries.maps(text, text).ofMaxSize(4))
                .as((name, region, flags, variables) -> new RunPlan.Environment(name, region, null, flags, variables))
                .injectNull(0.3);
        Arbitrary<Object[]> head = Combinators.combine(text, Arbitraries.integers().between(1, 1000),
                        Arbitraries.of(Strategy.class), Arbitraries.of(Granularity.class),
                        text.list().ofMaxSize(5), text.injectNull(0.5))
                .as((run, shards, strategy, granularity, packages, tags) ->
                        new Object[] {run, shards, strategy, granularity, packages, tags});
        return Combinators.combine(head, text.set().ofMaxSize(10), Arbitraries.integers().between(0, 10),
                        Arbitraries.maps(text, Arbitraries.longs().greaterOrEqual(0)).ofMaxSize(20),
                        environments, text.set().ofMaxSize(3))
                .as((h, include, retries, durations, environment, secretEnv) -> RunPlanRules.canonical(new RunPlan(
                        RunPlan.SCHEMA, (String) h[0], "suite", (Integer) h[1], (Strategy) h[2], (Granularity) h[3],
                        cast(h[4]), java.util.List.of(), (String) h[5], include, retries, null, durations,
                        environment, secretEnv)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    @Property(tries = 300)
    void roundTripsToTheSameBytes(@ForAll("plans") RunPlan plan) {
        String json = RunPlanCodec.encode(plan);

        RunPlan decoded = RunPlanCodec.decode(json);

        assertThat(decoded).isEqualTo(plan);
        assertThat(RunPlanCodec.encode(decoded)).isEqualTo(json);
    }

    @Property(tries = 200)
    void decodeRefusesGarbageOnlyWithIllegalArgument(@ForAll("plans") RunPlan plan,
                                                     @ForAll("cuts") double cut) {
        String json = RunPlanCodec.encode(plan);
        String truncated = json.substring(0, (int) (json.length() * cut));

        assertThatThrownBy(() -> RunPlanCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<Double> cuts() {
        return Arbitraries.doubles().between(0, 0.99);
    }

    @Property(tries = 100)
    void enumsAreWrittenByTheirJsonNames(@ForAll("plans") RunPlan plan) {
        Map<Strategy, String> strategies = Map.of(Strategy.ROUND_ROBIN, "RoundRobin",
                Strategy.DURATION_BALANCED, "DurationBalanced");
        Map<Granularity, String> granularities = Map.of(Granularity.CLASS, "Class", Granularity.METHOD, "Method");

        assertThat(RunPlanCodec.encode(plan))
                .contains("\"strategy\":\"" + strategies.get(plan.strategy()) + "\"")
                .contains("\"granularity\":\"" + granularities.get(plan.granularity()) + "\"");
    }
}
