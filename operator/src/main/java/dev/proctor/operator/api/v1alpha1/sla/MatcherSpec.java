package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An Alertmanager label matcher; regular expressions are anchored at both ends. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MatcherSpec {
    @Required
    @Size(min = 1, max = 63)
    @Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$")
    @JsonPropertyDescription("Label name, e.g. severity, suite, objective.")
    public String name;

    @Default("=")
    @Pattern("^(=|!=|=~|!~)$")
    @JsonPropertyDescription("=, !=, =~ (regex) or !~.")
    public String op = "=";

    @Size(max = 1024)
    @JsonPropertyDescription("Value or regular expression; empty matches a missing label.")
    public String value;

    public MatcherSpec() {}

    public MatcherSpec(String name, String op, String value) {
        this.name = name;
        this.op = op;
        this.value = value;
    }
}
