package dev.proctor.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.proctor.testcluster.KubeBinaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The operator's JVM settings are the ones ScaleBench measured, in the chart and in the image alike; the chart's Job
 * creates in flight are the operator's default.
 */
class ChartJvmOptionsTest {
    private static final Path ROOT = KubeBinaries.repoRoot();

    @Test
    void theChartSetsTheMeasuredOptions() throws IOException {
        JsonNode values = new YAMLMapper().readTree(ROOT.resolve("helm/proctor/values.yaml").toFile());
        assertThat(values.path("operator").path("jvmOptions").asText()).isEqualTo(ScaleBench.CHART_JVM_OPTIONS);
        assertThat(values.path("resources").path("limits").path("memory").asText()).as("the limit ScaleBench stands in for with -XX:MaxRAM")
                .isEqualTo(ScaleBench.CHART_MEMORY_LIMIT + "i");
    }

    @Test
    void theChartCreatesAsManyJobsAtOnceAsTheOperatorDoesByDefault() throws Exception {
        JsonNode values = new YAMLMapper().readTree(ROOT.resolve("helm/proctor/values.yaml").toFile());
        String operatorDefault = dev.proctor.operator.config.ProctorConfig.class.getMethod("jobCreatesInFlight")
                .getAnnotation(io.smallrye.config.WithDefault.class).value();
        assertThat(values.path("operator").path("jobCreatesInFlight").asText()).isEqualTo(operatorDefault).isEqualTo("30");
    }

    @Test
    void theImageSetsTheMeasuredOptions() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("operator/src/main/docker/Dockerfile.jvm"));
        assertThat(dockerfile).contains("JAVA_TOOL_OPTIONS=\"" + ScaleBench.CHART_JVM_OPTIONS + " -Djava.io.tmpdir=/tmp\"");
    }
}
