package dev.proctor.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.proctor.architecture.fixture.core.PureCore;
import dev.proctor.architecture.fixture.operator.delivery.Poster;
import dev.proctor.architecture.fixture.operator.run.ThinReconciler;
import org.junit.jupiter.api.Test;

/**
 * Each layering rule fails when its rule is broken: the same rule as {@link LayeringTest} checks, run on the fixtures
 * under {@code dev.proctor.architecture.fixture}, reports the bad class and only the bad class.
 */
class LayeringRulesFailTest {
    static final String FIXTURE = "dev.proctor.architecture.fixture";
    static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void coreIsPureFailsOnACoreClassThatReadsAKubernetesObject() {
        EvaluationResult result = Layering.coreIsPure(FIXTURE + ".core").evaluate(FIXTURES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d)
                .contains("KubernetesInCore").contains("io.fabric8.kubernetes.api.model.ConfigMap"));
        assertThat(String.join("\n", result.getFailureReport().getDetails())).doesNotContain(PureCore.class.getSimpleName());
    }

    @Test
    void onlyDeliveryTalksHttpFailsOnAnotherPackagePostingToAReceiver() {
        EvaluationResult result = Layering.onlyDeliveryTalksHttp(FIXTURE + ".operator").evaluate(FIXTURES);

        String report = String.join("\n", result.getFailureReport().getDetails());
        assertThat(result.hasViolation()).isTrue();
        assertThat(report).contains("PostsFromThePolicyReconcile", "java.net.http.HttpClient")
                .contains("OpensAConnection", "openStream")
                .doesNotContain(Poster.class.getName());
    }

    @Test
    void reconcilersDecideNothingFailsOnAReconcilerThatAppliesTheGateItself() {
        EvaluationResult result = Layering.reconcilersDecideNothing("dev.proctor.core").evaluate(FIXTURES);

        String report = String.join("\n", result.getFailureReport().getDetails());
        assertThat(result.hasViolation()).isTrue();
        assertThat(report).contains("GatingReconciler calls the rule SlaGate.enforce")
                .contains("GatingReconciler builds dev.proctor.core.run.Decision")
                .doesNotContain(ThinReconciler.class.getSimpleName());
    }

    @Test
    void noCyclesFailsOnTwoPackagesThatUseEachOther() {
        EvaluationResult result = Layering.noCycles(FIXTURE + ".cycle").evaluate(FIXTURES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains("Cycle detected", "Alerts", "Deliveries");
    }
}
