package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SLAPolicySpec {
    public enum Enforcement {
        /** Raise alerts and incidents only. */
        Alert,
        /** Also report the policy as a failing gate (condition Compliant=False) for CI and Argo CD. */
        Gate
    }

    @Required
    @ValidationRule(value = "has(self.matchLabels) || has(self.matchExpressions)",
            message = "selector must set matchLabels or matchExpressions: an empty selector would pick every run")
    @JsonPropertyDescription("Label selector over TestSuiteRuns in this namespace (proctor.dev/suite, environment, region…).")
    public LabelSelector selector;

    @Required
    @Size(min = 1, max = 16)
    @ValidationRule(value = "self.all(x, self.exists_one(y, (has(y.name) ? y.name : '') == (has(x.name) ? x.name : '')) || !has(x.name))",
            message = "objective names must be unique")
    @JsonPropertyDescription("What the selected runs must achieve.")
    public List<ObjectiveSpec> objectives;

    @Default("Alert")
    @JsonPropertyDescription("Alert: alerts and incidents only. Gate: also report Compliant=False as a failing gate.")
    public Enforcement enforcement = Enforcement.Alert;

    @JsonPropertyDescription("Burn-rate alerting, severities and escalation.")
    public AlertingSpec alerting;

    @Min(10)
    @Max(5000)
    @Default("500")
    @JsonPropertyDescription("Finished runs remembered (a bounded ring, oldest dropped first).")
    public Integer historyRuns = 500;

    @Size(max = 16)
    @JsonPropertyDescription("Extra labels put on every alert of this policy (team, service…), for routing.")
    public Map<String, String> alertLabels;
}
