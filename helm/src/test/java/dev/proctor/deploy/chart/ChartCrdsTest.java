package dev.proctor.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart ships the CRDs in crds/ (helm installs them before the templates, and never upgrades or deletes
 * them). They must be the committed, generated ones byte for byte: hack/refresh-crds.sh copies to both places.
 */
class ChartCrdsTest {
    @Test
    void chartCrdsAreTheRepositorysCrdsByteForByte() throws IOException {
        Path repo = Helm.repoRoot().resolve("crds");
        Path chart = Helm.chartDir().resolve("crds");
        List<String> repoFiles = yamlFiles(repo);
        assertThat(repoFiles).as("CRDs in %s", repo).hasSize(4);
        assertThat(yamlFiles(chart)).as("the chart's crds/ holds exactly the repository's CRD files (run hack/refresh-crds.sh)")
                .containsExactlyElementsOf(repoFiles);
        for (String file : repoFiles) {
            assertThat(Files.mismatch(repo.resolve(file), chart.resolve(file)))
                    .as("helm/proctor/crds/%s differs from crds/%s: run hack/refresh-crds.sh", file, file).isEqualTo(-1L);
        }
    }

    @Test
    void crdsAreNotTemplatedSoHelmTemplateLeavesThemOut() {
        Rendered rendered = ValueCases.render("default");
        assertThat(rendered.ofKind("CustomResourceDefinition")).isEmpty();
        Rendered withCrds = Rendered.parse(Helm.run(List.of("template", "proctor", Helm.chartDir().toString(),
                "--namespace", "proctor-system", "--include-crds")).stdout());
        assertThat(withCrds.ofKind("CustomResourceDefinition")).extracting(Rendered::name)
                .containsExactlyInAnyOrder("testsuiteruns.proctor.dev", "slapolicies.proctor.dev", "alertroutes.proctor.dev",
                        "testsuiteschedules.proctor.dev");
    }

    private static List<String> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yml") || n.endsWith(".yaml")).sorted().toList();
        }
    }
}
