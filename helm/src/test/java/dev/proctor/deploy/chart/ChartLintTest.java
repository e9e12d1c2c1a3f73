package dev.proctor.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** {@code helm lint --strict} with every tested value combination: no warning, no error. */
class ChartLintTest {
    static final List<String> CASES = ValueCases.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void lintIsClean(String valuesCase) {
        Helm.Result lint = Helm.run(List.of("lint", Helm.chartDir().toString(), "--strict", "--namespace", "proctor-system",
                "--values", ValueCases.file(valuesCase).toString()));
        assertThat(lint.ok()).as("helm lint: %s", lint).isTrue();
        assertThat(lint.stdout()).contains("1 chart(s) linted, 0 chart(s) failed")
                .doesNotContain("[WARNING]").doesNotContain("[ERROR]");
        // the only remark helm makes is that a chart icon is recommended: Proctor has no hosted icon (yet)
        assertThat(lint.stdout().lines().filter(l -> l.startsWith("[INFO]")).toList())
                .allSatisfy(l -> assertThat(l).isEqualTo("[INFO] Chart.yaml: icon is recommended"));
    }
}
