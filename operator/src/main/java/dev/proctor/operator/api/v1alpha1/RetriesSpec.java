package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Shard-level retries: a new attempt Job for a shard that failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetriesSpec {
    public enum On {
        /** Evicted, OOMKilled, deadline exceeded, stuck image pull, Job deleted. */
        Infrastructure,
        /** Tests failed: the next attempt re-runs only the failed tests; passing then makes them flaky. */
        TestFailures
    }

    @Min(0)
    @Max(10)
    @Default("0")
    @JsonPropertyDescription("Extra attempts a shard may get.")
    public Integer limit = 0;

    @Size(max = 2)
    @ValidationRule(value = "self.all(x, self.exists_one(y, y == x))", message = "when must not repeat a value")
    @JsonPropertyDescription("Which failures are retried; defaults to [Infrastructure]. (Not 'on': YAML reads that key as true.)")
    public List<On> when;
}
