package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Severity of each alert type; a Page alert opens an incident. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SeveritiesSpec {
    public enum Level { Page, Ticket, Info }

    @JsonPropertyDescription("Default Ticket.")
    public Level runFailed;
    @JsonPropertyDescription("Default Ticket.")
    public Level runError;
    @JsonPropertyDescription("Default Info.")
    public Level flakyTestDetected;
    @JsonPropertyDescription("Default Ticket.")
    public Level budgetExhausted;
    @JsonPropertyDescription("Default Page.")
    public Level incidentEscalated;
}
