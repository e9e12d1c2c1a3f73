package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** When to run, and the run to make each time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestSuiteScheduleSpec {
    public enum ConcurrencyPolicy { Allow, Forbid, Replace }

    /** Five fields of numbers, ranges, lists, steps and names, or one of the macros. */
    static final String CRON = "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)"
            + "|([0-9*,/-]+\\s+){2}[0-9*,/-]+\\s+([0-9*,/-]|[A-Za-z]{3})+\\s+([0-9*,/-]|[A-Za-z]{3})+)$";

    @Required
    @Size(min = 1, max = 100)
    @Pattern(CRON)
    @JsonPropertyDescription("When to run, as crontab(5) and CronJob read it: 'minute hour day-of-month month day-of-week', e.g. "
            + "'*/5 * * * *', or @hourly, @daily, @weekly, @monthly, @yearly.")
    public String schedule;

    @Size(max = 64)
    @ValidationRule(value = "self in " + TimeZones.CEL_LIST,
            message = "timeZone must be an IANA time zone name, e.g. Europe/Berlin or America/New_York")
    @JsonPropertyDescription("IANA time zone the schedule is read in, e.g. Europe/Berlin; default UTC.")
    public String timeZone;

    @Required
    @JsonPropertyDescription("The TestSuiteRun made for each slot: its labels, annotations and spec.")
    public RunTemplate runTemplate;

    @JsonPropertyDescription("When a slot comes while a run is still going: Allow (default) runs both, Forbid skips the slot, "
            + "Replace stops the running one.")
    public ConcurrencyPolicy concurrencyPolicy;

    @Min(0)
    @JsonPropertyDescription("How late a slot may still start its run (after the operator was down, or a resume); later "
            + "slots are counted as missed. Unset: however late. Only the latest missed slot ever runs.")
    public Long startingDeadlineSeconds;

    @JsonPropertyDescription("Stop making runs; runs already going finish. Resuming runs at most the latest missed slot.")
    public Boolean suspend;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Succeeded runs kept (default 3); older ones are deleted.")
    public Integer successfulRunsHistoryLimit;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Failed and Error runs kept (default 1); older ones are deleted.")
    public Integer failedRunsHistoryLimit;

    /** The run's metadata that a template may set, and its spec. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RunTemplate {
        public TemplateMetadata metadata;

        @Required
        public TestSuiteRunSpec spec;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TemplateMetadata {
        @Size(max = 30)
        // label syntax is checked by the API server when the run is created (a map's keys cannot be bounded for a CEL
        // rule's cost): a bad label makes the schedule's Ready condition False with reason RunRejected
        @JsonPropertyDescription("Labels of each run, e.g. the environment an SLAPolicy selects on.")
        public java.util.Map<String, String> labels;

        @Size(max = 30)
        @JsonPropertyDescription("Annotations of each run.")
        public java.util.Map<String, String> annotations;
    }
}
