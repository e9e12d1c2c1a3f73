package dev.proctor.deploy.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.proctor.deploy.rules.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI examples without a cluster: yamllint on the YAML examples, bash -n and shellcheck on run-suite.sh, the
 * shape each CI system needs, and run-suite.sh's refusals. RunSuiteScriptIT runs the script for real.
 */
class CiExamplesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theYamlExamplesPassYamllint() throws IOException {
        List<String> files = new ArrayList<>();
        for (String dir : List.of("examples/ci", "examples/argocd")) {
            try (Stream<Path> paths = Files.list(CiExamples.root().resolve(dir))) {
                paths.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> files.add(p.toString()));
            }
        }
        try (Stream<Path> paths = Files.walk(CiExamples.root().resolve("examples/argocd/health"))) {
            paths.filter(p -> p.getFileName().toString().equals("health_test.yaml")).sorted().forEach(p -> files.add(p.toString()));
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        List<String> command = new ArrayList<>(List.of(Command.require("yamllint", "yamllint").toString(), "--strict", "-c",
                CiExamples.root().resolve("helm/src/test/resources/ci/yamllint.yaml").toString()));
        command.addAll(files);
        Command lint = Command.run(CiExamples.root(), Map.of(), Duration.ofMinutes(1), command);
        assertThat(lint.exitCode()).as("yamllint:\n%s", lint.output()).isZero();
    }

    @Test
    void runSuiteIsValidBashAndShellcheckClean() {
        Command syntax = Command.run(CiExamples.root(), "bash", "-n", CiExamples.script().toString());
        assertThat(syntax.exitCode()).as(syntax.output()).isZero();
        assertThat(Files.isExecutable(CiExamples.script())).as("run-suite.sh is executable").isTrue();
        if (Command.available("shellcheck")) {
            Command check = Command.run(CiExamples.root(), "shellcheck", "--severity=style", CiExamples.script().toString());
            assertThat(check.exitCode()).as("shellcheck:\n%s", check.output()).isZero();
        } else {
            // .ci/run installs it: in CI a missing shellcheck is a broken set-up, not a reason to check less
            assertThat(System.getenv("CI")).as("shellcheck must be installed in CI (Debian package shellcheck)").isNull();
            System.out.println("shellcheck is not installed (Debian package shellcheck): only bash -n checked run-suite.sh");
        }
    }

    @Test
    void everyPipelineRunsAManifestThatExists() {
        for (String pipeline : CiExamples.PIPELINES) {
            assertThat(CiExamples.manifestsRunBy(pipeline)).as("manifests %s runs", pipeline).isNotEmpty()
                    .allSatisfy(m -> assertThat(CiExamples.root().resolve(m)).isRegularFile());
        }
    }

    @Test
    void githubActionsRunsTheScriptAndKeepsTheReportWhenItFails() throws IOException {
        JsonNode workflow = YAML.readTree(CiExamples.read("github-actions.yaml"));
        assertThat(workflow.has("on")).as("a trigger (yamllint keeps `on` a string key)").isTrue();
        JsonNode steps = workflow.path("jobs").elements().next().path("steps");
        assertThat(steps.findValuesAsText("run")).anyMatch(r -> r.contains("examples/ci/run-suite.sh"));
        JsonNode upload = null;
        for (JsonNode step : steps) if (step.path("uses").asText().startsWith("actions/upload-artifact")) upload = step;
        assertThat(upload).as("a step keeping the JUnit report").isNotNull();
        assertThat(upload.path("if").asText()).isEqualTo("always()");
        assertThat(upload.path("with").path("path").asText()).startsWith("proctor-reports");
    }

    @Test
    void gitlabRunsTheScriptAndReadsItsJunitReport() throws IOException {
        JsonNode ci = YAML.readTree(CiExamples.read("gitlab-ci.yaml"));
        JsonNode job = ci.path("proctor-smoke");
        assertThat(job.path("script").get(0).asText()).startsWith("examples/ci/run-suite.sh");
        assertThat(job.path("artifacts").path("when").asText()).isEqualTo("always");
        assertThat(job.path("artifacts").path("reports").path("junit").asText()).isEqualTo("proctor-reports/*.xml");
        assertThat(ci.path("stages").get(0).asText()).isEqualTo(job.path("stage").asText());
    }

    @Test
    void theJenkinsfileIsBalancedAndPublishesTheReport() {
        String jenkinsfile = CiExamples.read("Jenkinsfile");
        assertThat(unbalanced(jenkinsfile)).as("brackets of the Jenkinsfile").isNull();
        String code = withoutComments(jenkinsfile);
        assertThat(code).contains("pipeline {", "stages {", "stage('Smoke tests')", "steps {", "post {", "always {");
        assertThat(code).containsPattern("sh '[^']*examples/ci/run-suite\\.sh [^']*'");
        assertThat(code).contains("junit allowEmptyResults: true, testResults: 'proctor-reports/*.xml'");
    }

    @Test
    void runSuiteRefusesBadUsageWithoutTouchingACluster(@TempDir Path dir) {
        Map<String, String> noCluster = Map.of("KUBECTL", "/bin/false", "KUBECONFIG", dir.resolve("none").toString());
        Command noArgs = Command.run(dir, noCluster, Duration.ofSeconds(20), List.of("bash", CiExamples.script().toString()));
        assertThat(noArgs.exitCode()).isEqualTo(3);
        assertThat(noArgs.stderr()).contains("run-suite.sh [-n NAMESPACE] [-t TIMEOUT] [-o REPORT_DIR] MANIFEST");
        Command missing = Command.run(dir, noCluster, Duration.ofSeconds(20), List.of("bash", CiExamples.script().toString(), "no-such.yaml"));
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.stderr()).contains("cannot read no-such.yaml");
        Command refused = Command.run(dir, noCluster, Duration.ofSeconds(20),
                List.of("bash", CiExamples.script().toString(), CiExamples.root().resolve("examples/runs/smoke.yaml").toString()));
        assertThat(refused.exitCode()).as("kubectl create failed").isEqualTo(3);
        assertThat(refused.stderr()).contains("kubectl create -f");
    }

    /** The first bracket out of place in Groovy source (strings and comments skipped), or null. */
    static String unbalanced(String source) {
        Deque<Character> open = new ArrayDeque<>();
        String code = withoutComments(source);
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\'' || c == '"') {
                String quote = code.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3) : String.valueOf(c);
                int end = i + quote.length();
                while (end < code.length() && !code.startsWith(quote, end)) end += code.charAt(end) == '\\' ? 2 : 1;
                if (end >= code.length()) return "unterminated string at " + i;
                i = end + quote.length() - 1;
            } else if ("{([".indexOf(c) >= 0) {
                open.push(c);
            } else if ("})]".indexOf(c) >= 0) {
                char expected = c == '}' ? '{' : c == ')' ? '(' : '[';
                if (open.isEmpty() || open.pop() != expected) return "unexpected " + c + " at " + i;
            }
        }
        return open.isEmpty() ? null : "unclosed " + open.peek();
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }
}
