package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.core.time.GoDuration;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertingSpec {
    @Size(max = 8)
    @JsonPropertyDescription("Multi-window burn-rate alerts, written for a 30d window and scaled to each objective's; "
            + "defaults to the SRE workbook: 1h/5m×14.4 and 6h/30m×6 page, 1d/2h×3 and 3d/6h×1 ticket.")
    public List<BurnRateSpec> burnRates;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("A long burn window with fewer runs has no burn rate (default 3): one early failure never pages.")
    public Integer minRuns;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Runs the short window needs at least (default 1).")
    public Integer minShortRuns;

    @JsonPropertyDescription("Severity per alert type; unset types keep the defaults.")
    public SeveritiesSpec severities;

    @JsonPropertyDescription("How unacknowledged incidents escalate and when they resolve by themselves.")
    public EscalationSpec escalation;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class EscalationSpec {
        @Size(max = 10)
        @JsonPropertyDescription("Levels an unacknowledged incident climbs, each after its offset from opening.")
        public List<EscalationStep> steps;

        @Size(max = 32)
        @Pattern(GoDuration.PATTERN)
        @JsonPropertyDescription("An incident resolves once no page-level alert fired for this long (default 30m).")
        public String quietPeriod;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class EscalationStep {
        @Required
        @Size(max = 32)
        @Pattern(GoDuration.PATTERN)
        @JsonPropertyDescription("Time since the incident opened, e.g. 15m.")
        public String after;
    }
}
