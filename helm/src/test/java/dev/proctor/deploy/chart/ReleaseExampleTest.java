package dev.proctor.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * examples/release/release.yaml builds the images and the chart the chart's defaults point at: its Dockerfiles and
 * contexts exist, its image names are the chart's image repositories, and it packages this chart with the Helm
 * version hack/tools/helm.sh builds for the tests.
 */
class ReleaseExampleTest {
    private static final Path WORKFLOW = Helm.repoRoot().resolve("examples/release/release.yaml");

    @Test
    void theReleasePipelineBuildsTheImagesTheChartDefaultsTo() throws IOException {
        JsonNode workflow = Rendered.YAML.readTree(WORKFLOW.toFile());
        String prefix = workflow.path("env").path("IMAGE_PREFIX").asText();
        List<String> images = new ArrayList<>();
        for (JsonNode entry : workflow.path("jobs").path("images").path("strategy").path("matrix").path("include")) {
            Path context = Helm.repoRoot().resolve(entry.path("context").asText());
            Path dockerfile = Helm.repoRoot().resolve(entry.path("dockerfile").asText());
            assertThat(context).as("build context of %s", entry.path("image").asText()).isDirectory();
            assertThat(dockerfile).as("Dockerfile of %s", entry.path("image").asText()).isRegularFile();
            for (String copied : copySources(dockerfile)) {
                assertThat(copied).as("%s copies from inside its build context (%s)", dockerfile.getFileName(), context)
                        .doesNotStartWith("/").doesNotContain("..");
            }
            images.add(prefix + "/" + entry.path("image").asText());
        }
        JsonNode values = Rendered.YAML.readTree(Helm.chartDir().resolve("values.yaml").toFile());
        assertThat(images).containsExactlyInAnyOrder(values.path("image").path("repository").asText(),
                values.path("runner").path("image").path("repository").asText());
        assertThat(values.path("image").path("tag").asText()).as("tags default to the chart's appVersion, which the pipeline sets")
                .isEmpty();
    }

    @Test
    void theChartJobPackagesThisChartWithTheTestedHelmVersion() throws IOException {
        JsonNode workflow = Rendered.YAML.readTree(WORKFLOW.toFile());
        String steps = workflow.path("jobs").path("chart").path("steps").toString();
        assertThat(steps).contains("helm package helm/proctor").contains("helm lint --strict helm/proctor")
                .contains("diff -r crds helm/proctor/crds");
        assertThat(Helm.chartDir().resolve("Chart.yaml")).isRegularFile();
        Matcher pinned = Pattern.compile("(?m)^HELM_VERSION=\"(v[0-9.]+)\"").matcher(Files.readString(Helm.repoRoot().resolve(Helm.SCRIPT)));
        assertThat(pinned.find()).isTrue();
        assertThat(workflow.path("env").path("HELM_VERSION").asText()).isEqualTo(pinned.group(1));
    }

    private static List<String> copySources(Path dockerfile) throws IOException {
        List<String> sources = new ArrayList<>();
        for (String line : Files.readAllLines(dockerfile)) {
            if (!line.startsWith("COPY ")) continue;
            List<String> words = new ArrayList<>(List.of(line.substring(5).trim().split("\\s+")));
            words.removeIf(w -> w.startsWith("--"));
            sources.addAll(words.subList(0, words.size() - 1));
        }
        assertThat(sources).as("COPY lines of %s", dockerfile).isNotEmpty();
        return sources;
    }
}
