package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;
import java.util.Map;

/** The target environment, handed to the suite SDK through the plan. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvironmentSpec {
    @Size(max = 63)
    @Pattern(TestSuiteRunSpec.DNS_LABEL)
    @JsonPropertyDescription("development, staging, production…")
    public String name;

    @Size(max = 63)
    @Pattern(TestSuiteRunSpec.DNS_LABEL)
    @JsonPropertyDescription("us, eu, apac…")
    public String region;

    @Pattern("^https?://.+")
    @JsonPropertyDescription("Base URL of the system under test.")
    public String baseUrl;

    @JsonPropertyDescription("Feature flags the suite can read.")
    public Map<String, Boolean> flags;

    @JsonPropertyDescription("Plain variables; never put secrets here, use secrets.")
    public Map<String, String> variables;

    @Size(max = 50)
    @JsonPropertyDescription("Secret values exposed to the runner as env vars and masked in everything it writes.")
    public List<SecretEnv> secrets;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SecretEnv {
        @Required
        @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
        @Size(max = 128)
        @JsonPropertyDescription("Env var name the runner sees.")
        public String name;

        @Required
        public SecretKeySelector secretKeyRef;
    }
}
