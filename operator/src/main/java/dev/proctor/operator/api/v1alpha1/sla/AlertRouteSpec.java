package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertRouteSpec {
    @JsonPropertyDescription("Which alerts this route takes; empty matches every alert of the namespace's policies.")
    public MatchSpec match;

    @Required
    @Size(min = 1, max = 10)
    @ValidationRule(value = "self.all(x, self.exists_one(y, y.name == x.name))", message = "receiver names must be unique")
    @JsonPropertyDescription("Where matching alerts are sent; each entry sets exactly one receiver type.")
    public List<ReceiverSpec> receivers;

    @JsonPropertyDescription("How alerts are batched into notifications, as in Alertmanager.")
    public GroupingSpec grouping;

    @Size(max = 20)
    @JsonPropertyDescription("Child routes tried in order; an alert matching none goes to the first receiver.")
    public List<ChildRouteSpec> routes;
}
