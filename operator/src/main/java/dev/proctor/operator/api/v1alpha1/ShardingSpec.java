package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.core.plan.Granularity;
import dev.proctor.core.plan.Strategy;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.parallelism) || self.parallelism <= self.shards",
        message = "parallelism must not exceed shards", fieldPath = ".parallelism")
public class ShardingSpec {
    @Min(1)
    @Max(1000)
    @Default("1")
    @JsonPropertyDescription("Number of shards, one Job each.")
    public Integer shards = 1;

    @Default("DurationBalanced")
    @JsonPropertyDescription("RoundRobin deals sorted tests out in turn; DurationBalanced uses the suite's measured durations.")
    public Strategy strategy = Strategy.DURATION_BALANCED;

    @Default("Class")
    @JsonPropertyDescription("Unit a shard receives: whole test classes or single methods.")
    public Granularity granularity = Granularity.CLASS;

    @Min(1)
    @JsonPropertyDescription("At most this many shards run at once; defaults to all.")
    public Integer parallelism;
}
