package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.operator.api.v1alpha1.schema.ContainerSchemas;
import dev.proctor.operator.api.v1alpha1.schema.Reserved;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;
import java.util.Map;

/**
 * The target environment, handed to the suite SDK through the plan ConfigMap. Its maps and strings are bounded so
 * that, with the selection, the plan stays well within a ConfigMap's 1 MiB.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvironmentSpec {
    static final String KEYS_RULE = "self.all(k, k.size() >= 1 && k.size() <= 128)";
    static final String KEYS_MESSAGE = "keys must be 1 to 128 characters";

    @Size(max = 63)
    @Pattern(TestSuiteRunSpec.DNS_LABEL)
    @JsonPropertyDescription("development, staging, production…")
    public String name;

    @Size(max = 63)
    @Pattern(TestSuiteRunSpec.DNS_LABEL)
    @JsonPropertyDescription("us, eu, apac…")
    public String region;

    @Size(max = 2048)
    @Pattern("^https?://.+")
    @JsonPropertyDescription("Base URL of the system under test.")
    public String baseUrl;

    @Size(max = 100)
    @ValidationRule(value = KEYS_RULE, message = KEYS_MESSAGE)
    @JsonPropertyDescription("Feature flags the suite can read.")
    public Map<String, Boolean> flags;

    @Size(max = 100)
    @ValidationRule(value = KEYS_RULE, message = KEYS_MESSAGE)
    @JsonPropertyDescription("Plain variables; never put secrets here, use secrets.")
    public Map<String, @Size(max = 2048) String> variables;

    @Size(max = 50)
    @ValidationRule(value = "self.all(s, self.exists_one(t, t.name == s.name))",
            message = "secret env var names must be unique")
    @JsonPropertyDescription("Secret values exposed to the runner as env vars and masked in everything it writes.")
    public List<SecretEnv> secrets;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SecretEnv {
        @Required
        @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
        @Size(max = 128)
        @ValidationRule(value = Reserved.ENV_RULE, message = Reserved.ENV_MESSAGE)
        @JsonPropertyDescription("Env var name the runner sees.")
        public String name;

        @Required
        @SchemaFrom(type = ContainerSchemas.KeySelector.class)
        public SecretKeySelector secretKeyRef;
    }
}
