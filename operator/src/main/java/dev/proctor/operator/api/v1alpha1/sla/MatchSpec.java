package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MatchSpec {
    public enum Severity { page, ticket, info }

    public enum AlertType { RunFailed, RunError, FlakyTestDetected, SLOBurnRate, BudgetExhausted, IncidentEscalated }

    @Size(max = 3)
    public List<Severity> severities;

    @Size(max = 6)
    public List<AlertType> alertTypes;

    @Size(max = 16)
    @JsonPropertyDescription("Labels an alert must carry with exactly these values (suite, policy, environment…).")
    public Map<String, String> labels;

    @Size(max = 16)
    @JsonPropertyDescription("Alertmanager label matchers, all of which must hold.")
    public List<MatcherSpec> matchers;

    @Size(max = 32)
    @JsonPropertyDescription("Namespaces whose SLAPolicies this route also serves; its own namespace always.")
    public List<String> namespaces;
}
