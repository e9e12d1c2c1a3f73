package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.core.time.GoDuration;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One objective: exactly one of the four measures, over a time window or the last N runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.passRate), has(self.durationP95), has(self.durationP99), has(self.flakyRate)].filter(x, x).size() == 1",
        message = "an objective sets exactly one of passRate, durationP95, durationP99, flakyRate")
@ValidationRule(value = "has(self.window) != has(self.lastRuns)",
        message = "an objective sets exactly one of window (a duration such as 7d) and lastRuns")
public class ObjectiveSpec {
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    @Size(min = 1, max = 40)
    @Pattern(DNS_LABEL)
    @JsonPropertyDescription("Unique name; defaults to the measure (passRate, durationP95…).")
    public String name;

    @Min(value = 0, inclusive = false)
    @Max(1)
    @JsonPropertyDescription("Share of runs that must succeed, in (0, 1], e.g. 0.995.")
    public Double passRate;

    @Size(max = 32)
    @Pattern(GoDuration.PATTERN)
    @ValidationRule(value = "!self.matches('^(0+([.]0+)?(ms|s|m|h|d))+$')", message = "durationP95 must be positive")
    @JsonPropertyDescription("Upper bound of the 95th percentile run duration, e.g. 10m.")
    public String durationP95;

    @Size(max = 32)
    @Pattern(GoDuration.PATTERN)
    @ValidationRule(value = "!self.matches('^(0+([.]0+)?(ms|s|m|h|d))+$')", message = "durationP99 must be positive")
    @JsonPropertyDescription("Upper bound of the 99th percentile run duration, e.g. 15m.")
    public String durationP99;

    @Min(value = 0, inclusive = false)
    @Max(1)
    @JsonPropertyDescription("Upper bound of the share of tests that were flaky, in (0, 1], e.g. 0.02.")
    public Double flakyRate;

    @Size(max = 32)
    @Pattern(GoDuration.PATTERN)
    @ValidationRule(value = "!self.matches('^(0+([.]0+)?(ms|s|m|h|d))+$')", message = "window must be positive")
    @JsonPropertyDescription("Time window of runs, e.g. 7d or 30d.")
    public String window;

    @Min(1)
    @Max(5000)
    @JsonPropertyDescription("Window of the last N finished runs.")
    public Integer lastRuns;
}
