package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A node under the route: its matchers pick alerts for one of the route's receivers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChildRouteSpec {
    @Required
    @Size(min = 1, max = 40)
    @JsonPropertyDescription("Name of one of spec.receivers.")
    public String receiver;

    @Size(max = 16)
    public List<MatcherSpec> matchers;

    @JsonProperty("continue")
    @JsonPropertyDescription("Also try the next child routes after this one matched.")
    public Boolean continueMatching;

    @JsonPropertyDescription("Overrides the route's grouping; unset fields are inherited.")
    public GroupingSpec grouping;
}
