package dev.proctor.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.plan.RunPlanCodec;
import dev.proctor.core.run.SuiteHistory;
import dev.proctor.operator.api.v1alpha1.ArtifactsSpec;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestsSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunPlansTest {

    @Test
    void classPatternsAndCollectGlobsGoIntoThePlan() {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run("nightly", "shop", 4, null);
        run.getSpec().tests = new TestsSpec();
        run.getSpec().tests.includes = List.of("**/*IT.java", "**/*Test.java");
        run.getSpec().tests.excludes = List.of("**/*PerformanceTest.java");
        run.getSpec().artifacts = new ArtifactsSpec();
        run.getSpec().artifacts.collect = List.of("target/traces/**/*.zip");

        RunPlan plan = RunPlanCodec.decode(RunPlanCodec.encode(RunPlans.plan(run, SuiteHistory.empty("shop"))));

        assertThat(plan.includePatterns()).containsExactly("**/*IT.java", "**/*Test.java");
        assertThat(plan.excludePatterns()).containsExactly("**/*PerformanceTest.java");
        assertThat(plan.collect()).containsExactly("target/traces/**/*.zip");
    }

    @Test
    void onlyTheseTestsBecomeThePlansIncludeList() {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run("nightly-rerun", "shop", 2, null);
        run.getSpec().tests = new TestsSpec();
        run.getSpec().tests.only = List.of("dev.shop.CartTest#addsItem", "dev.shop.CheckoutTest#pays");

        RunPlan plan = RunPlanCodec.decode(RunPlanCodec.encode(RunPlans.plan(run, SuiteHistory.empty("shop"))));

        assertThat(plan.include()).containsExactlyInAnyOrder("dev.shop.CartTest#addsItem", "dev.shop.CheckoutTest#pays");
        assertThat(plan.planSpec().selects(new dev.proctor.core.plan.TestId("[engine:junit-jupiter]/[class:dev.shop.CartTest]/[method:addsItem()]",
                "dev.shop.CartTest", "addsItem", "addsItem()"))).isTrue();
    }

    @Test
    void withoutThemThePlanIsWhatOlderRunnersRead() {
        TestSuiteRun run = TestSuiteRunReconcilerTest.run("nightly", "shop", 4, null);

        String json = RunPlanCodec.encode(RunPlans.plan(run, SuiteHistory.empty("shop")));

        assertThat(json).doesNotContain("includePatterns").doesNotContain("excludePatterns").doesNotContain("collect");
    }
}
