package dev.proctor.deploy.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proctor.deploy.argocd.LuaHealth.Health;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Argo CD health checks under examples/argocd/health, run the way Argo CD's own resource_customizations tests
 * run them: every case of each health_test.yaml through its health.lua (here with Debian's lua5.1), the status and
 * message compared. Also: argocd-cm.yaml carries the very same scripts, and the hook and Application examples
 * have the shape Argo CD needs.
 */
class ArgoCdHealthChecksTest {
    @Test
    void theLayoutIsArgoCdsResourceCustomizations() {
        assertThat(HealthChecks.kindsOnDisk()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(HealthChecks.KINDS);
        for (String kind : HealthChecks.KINDS) {
            assertThat(HealthChecks.script(kind)).isRegularFile();
            assertThat(HealthChecks.dir(kind).resolve("health_test.yaml")).isRegularFile();
            assertThat(HealthChecks.dir(kind).resolve("testdata")).isDirectory();
        }
    }

    @Test
    void everyCaseOfEveryHealthTestPasses() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        for (String kind : HealthChecks.KINDS) {
            Set<String> statuses = new HashSet<>();
            Set<String> inputs = new HashSet<>();
            JsonNode tests = LuaHealth.YAML.readTree(HealthChecks.dir(kind).resolve("health_test.yaml").toFile()).path("tests");
            assertThat(tests).as("cases of %s", kind).isNotEmpty();
            for (JsonNode c : tests) {
                String input = c.path("inputPath").asText();
                Health expected = new Health(c.path("healthStatus").path("status").asText(), c.path("healthStatus").path("message").asText());
                Health actual = LuaHealth.evaluate(HealthChecks.script(kind), HealthChecks.dir(kind).resolve(input));
                if (!expected.equals(actual)) {
                    mismatches.add(kind + " " + input + ":\n    expected " + expected + "\n    but got  " + actual);
                }
                statuses.add(expected.status());
                inputs.add(input);
                cases++;
            }
            assertThat(statuses).as("statuses the %s cases cover", kind).contains("Healthy", "Progressing", "Degraded");
            try (Stream<Path> fixtures = Files.list(HealthChecks.dir(kind).resolve("testdata"))) {
                assertThat(fixtures.map(f -> "testdata/" + f.getFileName()).toList()).as("fixtures of %s no case uses", kind)
                        .allMatch(inputs::contains);
            }
        }
        assertThat(mismatches).as("health_test.yaml cases that do not hold").isEmpty();
        assertThat(cases).isGreaterThanOrEqualTo(20);
    }

    @Test
    void theArgocdCmCarriesExactlyTheScripts() throws IOException {
        JsonNode cm = LuaHealth.YAML.readTree(HealthChecks.examples().resolve("argocd-cm.yaml").toFile());
        assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(cm.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
        List<String> keys = new ArrayList<>();
        cm.path("data").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(
                HealthChecks.KINDS.stream().map(k -> "resource.customizations.health." + HealthChecks.GROUP + "_" + k).toList());
        for (String kind : HealthChecks.KINDS) {
            assertThat(cm.path("data").path("resource.customizations.health." + HealthChecks.GROUP + "_" + kind).asText())
                    .as("argocd-cm entry of %s", kind).isEqualTo(Files.readString(HealthChecks.script(kind)));
        }
    }

    @Test
    void thePostSyncHookIsANewRunForEverySync() throws IOException {
        JsonNode hook = LuaHealth.YAML.readTree(HealthChecks.examples().resolve("postsync-smoke.yaml").toFile());
        assertThat(hook.path("apiVersion").asText()).isEqualTo("proctor.dev/v1alpha1");
        assertThat(hook.path("kind").asText()).isEqualTo("TestSuiteRun");
        assertThat(hook.path("metadata").has("name")).as("a fixed name would clash with the previous sync's run").isFalse();
        assertThat(hook.path("metadata").path("generateName").asText()).endsWith("-");
        assertThat(hook.path("metadata").path("annotations").path("argocd.argoproj.io/hook").asText()).isEqualTo("PostSync");
        assertThat(hook.path("metadata").path("annotations").path("argocd.argoproj.io/hook-delete-policy").asText())
                .isEqualTo("BeforeHookCreation");
    }

    @Test
    void theApplicationSyncsThePathTheHookLivesIn() throws IOException {
        JsonNode app = LuaHealth.YAML.readTree(HealthChecks.examples().resolve("application.yaml").toFile());
        assertThat(app.path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
        assertThat(app.path("kind").asText()).isEqualTo("Application");
        assertThat(app.path("metadata").path("namespace").asText()).isEqualTo("argocd");
        JsonNode spec = app.path("spec");
        assertThat(spec.path("project").asText()).isNotBlank();
        assertThat(spec.path("source").path("repoURL").asText()).startsWith("https://");
        assertThat(spec.path("source").path("path").asText()).isNotBlank();
        assertThat(spec.path("destination").path("namespace").asText()).isNotBlank();
        assertThat(spec.path("syncPolicy").path("retry").path("limit").asInt(-1)).as("a failed smoke run is not retried").isZero();
    }

    @Test
    void theHarnessPassesAwkwardStringsThroughAndReportsAScriptError(@TempDir Path dir) throws IOException {
        Path echo = dir.resolve("echo.lua");
        Files.writeString(echo, "return {status = obj.status.phase, message = obj.status.message .. '|' .. #obj.status.list}\n");
        JsonNode obj = LuaHealth.YAML.readTree("""
                status:
                  phase: Healthy
                  message: "quote \\" backslash \\\\ newline\\n tab\\t times × end"
                  list: [a, null, b]
                  nothing: null
                """);
        assertThat(LuaHealth.evaluate(echo, obj)).isEqualTo(new Health("Healthy", "quote \" backslash \\ newline\n tab\t times × end|2"));

        Path broken = dir.resolve("broken.lua");
        Files.writeString(broken, "return {status = obj.status.missing.field}\n");
        assertThatThrownBy(() -> LuaHealth.evaluate(broken, obj)).isInstanceOf(AssertionError.class).hasMessageContaining("lua5.1 failed");
    }
}
