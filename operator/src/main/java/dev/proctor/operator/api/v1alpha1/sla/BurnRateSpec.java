package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.core.time.GoDuration;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;

/** One burn-rate alert: fires while both windows burn faster than factor. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BurnRateSpec {
    public enum Urgency { Page, Ticket }

    @Required
    @Size(max = 32)
    @Pattern(GoDuration.PATTERN)
    @JsonPropertyDescription("Long window (for a 30d objective window), e.g. 1h.")
    public String longWindow;

    @Required
    @Size(max = 32)
    @Pattern(GoDuration.PATTERN)
    @JsonPropertyDescription("Short window, at most the long one, e.g. 5m.")
    public String shortWindow;

    @Required
    @Min(value = 0, inclusive = false)
    @Max(1000)
    @JsonPropertyDescription("Burn-rate threshold, e.g. 14.4.")
    public Double factor;

    @Default("Page")
    @JsonPropertyDescription("Page opens an incident; Ticket does not.")
    public Urgency urgency = Urgency.Page;
}
