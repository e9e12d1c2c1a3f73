package dev.proctor.sdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proctor.core.plan.RunPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProctorEnvironmentTest {
    private final SuiteDefaults defaults = new SuiteDefaults(List.of("baseUrl", "var.username"),
            List.of("us", "eu"), Map.of("var.currency", "USD", "region.eu.var.currency", "EUR",
                    "flag.checkout", "false", "api.health", "/health", "var.username", "default-user"));
    private final RunPlan.Environment plan = new RunPlan.Environment("staging", "eu", "http://shop.test:8080",
            Map.of("checkout", true), Map.of("username", "plan-user"));

    @Test
    void layersDefaultsRegionPlanAndEnvInThatOrder() {
        ProctorEnvironment env = ProctorEnvironment.load(Map.of("PROCTOR_VAR_USERNAME", "env-user"), plan, defaults);

        assertThat(env.name()).isEqualTo("staging");
        assertThat(env.region()).contains("eu");
        assertThat(env.variable("currency")).isEqualTo("EUR");
        assertThat(env.variable("username")).isEqualTo("env-user");
        assertThat(env.flag("checkout")).isTrue();
        assertThat(env.api("health")).hasToString("http://shop.test:8080/health");
        assertThat(env.url("/catalog")).isEqualTo("http://shop.test:8080/catalog");
    }

    @Test
    void envVarNamesMatchCamelCaseKeys() {
        ProctorEnvironment env = ProctorEnvironment.load(
                Map.of("PROCTOR_BASE_URL", "https://x.test", "PROCTOR_VAR_ADMIN_USER", "root",
                        "PROCTOR_FLAG_NEW_SEARCH", "TRUE", "PROCTOR_REGION", "us"), null, defaults);
        assertThat(env.variable("adminUser")).isEqualTo("root");
        assertThat(env.flag("newSearch")).isTrue();
        assertThat(env.variable("currency")).isEqualTo("USD");
    }

    @Test
    void aMissingRequiredKeyIsNamedWithWhereToSetIt() {
        assertThatThrownBy(() -> ProctorEnvironment.load(Map.of(), null, defaults))
                .isInstanceOf(ConfigException.class)
                .hasMessage("missing required config key baseUrl (set spec.environment.baseUrl or PROCTOR_BASE_URL)");
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        assertThatThrownBy(() -> ProctorEnvironment.load(Map.of("PROCTOR_BASE_URL", "shop.test",
                "PROCTOR_FLAG_CHECKOUT", "yes", "PROCTOR_REGION", "mars"), null, defaults))
                .hasMessageContaining("baseUrl 'shop.test' is not an absolute http(s) URL (from PROCTOR_BASE_URL)")
                .hasMessageContaining("flag.CHECKOUT must be true or false, was 'yes' (from PROCTOR_FLAG_CHECKOUT)")
                .hasMessageContaining("region 'mars' is not one of [us, eu] (from PROCTOR_REGION)");
    }

    @Test
    void anUnsetVariableAndSecretNameTheirKeys() {
        ProctorEnvironment env = ProctorEnvironment.load(Map.of("PROCTOR_BASE_URL", "http://a.test"), null,
                SuiteDefaults.none());
        assertThatThrownBy(() -> env.variable("adminUser"))
                .hasMessage("missing required config key var.adminUser "
                        + "(set spec.environment.variables.adminUser or PROCTOR_VAR_ADMIN_USER)");
        assertThatThrownBy(() -> env.secret("SHOP_PASSWORD")).hasMessageContaining("SHOP_PASSWORD");
    }

    @Test
    void thePreflightFailsOnAMissingKey() {
        EnvironmentPreflight preflight = new EnvironmentPreflight();
        assertThatThrownBy(() -> preflight.check(Map.of("PROCTOR_PLAN_FILE", "/nonexistent/plan.json",
                "PROCTOR_BASE_URL", "::bad")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("baseUrl '::bad'");
    }
}
