package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.core.time.GoDuration;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What to run and how. Immutable on a TestSuiteRun (a re-run is a new run: the rule is on {@link TestSuiteRun}); a
 * TestSuiteSchedule's runTemplate uses the same schema and can be edited.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.environment) || !has(self.environment.secrets) || !has(self.runner) || !has(self.runner.env) "
        + "|| self.environment.secrets.all(s, !self.runner.env.exists(e, e.name == s.name))",
        message = "an env var of environment.secrets may not also be set in runner.env",
        fieldPath = ".environment.secrets")
public class TestSuiteRunSpec {
    /** Suite names end up in labels and in the history ConfigMap's name. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    @Required
    @Size(min = 1, max = 40)
    @Pattern(DNS_LABEL)
    @JsonPropertyDescription("Name of the suite; runs of one suite share a duration history and the label proctor.dev/suite.")
    public String suite;

    @Required
    @JsonPropertyDescription("The runner container: the suite image and how its pods are scheduled.")
    public RunnerSpec runner;

    @JsonPropertyDescription("Which tests to run.")
    public TestsSpec tests;

    @JsonPropertyDescription("How the selection is split into shards.")
    public ShardingSpec sharding;

    @JsonPropertyDescription("Environment the suite runs against; secrets only by reference.")
    public EnvironmentSpec environment;

    @JsonPropertyDescription("When a finished shard is run again as a new attempt.")
    public RetriesSpec retries;

    @JsonPropertyDescription("Where JUnit XML, screenshots, traces and HARs go.")
    public ArtifactsSpec artifacts;

    @Size(max = 64)
    @Pattern(GoDuration.PATTERN)
    @JsonPropertyDescription("Deadline for each shard attempt (its Job's activeDeadlineSeconds), e.g. 30m.")
    public String timeout;

    @Min(0)
    @JsonPropertyDescription("Delete the run (and with it its Jobs, Pods and plan) this long after it finished.")
    public Long ttlSecondsAfterFinished;
}
