package dev.proctor.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/plan.schema.json documents exactly the fields the codec writes: a field added to RunPlan fails here first. */
class PlanSchemaDocTest {
    private static final Path SCHEMA = Path.of("..", "docs", "plan.schema.json");

    @Test
    void theDocumentedSchemaNamesEveryFieldOfThePlanAndNoOther() throws Exception {
        JsonNode schema = JsonMapper.builder().build().readTree(SCHEMA.toFile());
        RunPlan full = new RunPlan(RunPlan.SCHEMA, "r", "s", 2, Strategy.DURATION_BALANCED, Granularity.METHOD,
                List.of("p"), List.of("c"), "smoke", Set.of("c#m"), 1, "90s", Map.of("c", 5L),
                new RunPlan.Environment("staging", "eu", "https://x", Map.of("f", true), Map.of("v", "1")), Set.of("S"),
                List.of("**/*Test.java"), List.of("**/*$*"), List.of("target/*.zip"));
        JsonNode written = JsonMapper.builder().build().readTree(RunPlanCodec.encode(full));

        assertThat(names(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(names(written));
        assertThat(names(schema.get("properties").get("environment").get("properties")))
                .containsExactlyInAnyOrderElementsOf(names(written.get("environment")));
        assertThat(Arrays.stream(RunPlan.class.getRecordComponents()).map(c -> c.getName()).toList())
                .containsExactlyInAnyOrderElementsOf(names(written));
        assertThat(schema.get("properties").get("strategy").get("enum").toString()).isEqualTo("[\"RoundRobin\",\"DurationBalanced\"]");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
