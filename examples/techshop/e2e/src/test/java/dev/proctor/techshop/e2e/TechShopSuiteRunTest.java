package dev.proctor.techshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.plan.Granularity;
import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.plan.Strategy;
import dev.proctor.core.result.Verdict;
import dev.proctor.techshop.app.AppOptions;
import dev.proctor.techshop.app.TechShopApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner end to end: the TechShop suite (JUnit and Cucumber) in real Chromium against the real app on a free
 * 127.0.0.1 port, one child JVM per shard.
 */
class TechShopSuiteRunTest {
    private static final String SUITE = "dev.proctor.techshop.suite.";
    private static final String FEATURE = "classpath:dev/proctor/techshop/suite/features/shopping.feature#";
    private static final String PASSWORD = "Tr0ub4dor-and-3";
    private static TechShopApp app;

    @TempDir
    Path dir;

    @BeforeAll
    static void startShop() throws Exception {
        app = TechShopApp.start(AppOptions.defaults().withSlowPageMillis(800).withPassword(PASSWORD));
    }

    @AfterAll
    static void stopShop() {
        app.close();
    }

    @BeforeEach
    void resetFaults() {
        app.switches().reset();
    }

    private static RunPlan plan(int shards, Strategy strategy, String tags, Set<String> include, int retries,
                                Map<String, Long> durations, String baseUrl) {
        return new RunPlan(RunPlan.SCHEMA, "techshop-e2e", "techshop", shards, strategy, Granularity.CLASS,
                List.of("dev.proctor.techshop"), List.of(), tags, include, retries, "60s", durations,
                new RunPlan.Environment("e2e", "us", baseUrl, Map.of("checkout", true), Map.of()),
                Set.of("TECHSHOP_PASSWORD"));
    }

    private static RunPlan plan(String tags, Set<String> include, int retries) {
        return plan(1, Strategy.ROUND_ROBIN, tags, include, retries, Map.of(), app.baseUrl());
    }

    private ShardProcess run(RunPlan plan, int shard) throws Exception {
        return ShardProcess.run(dir, plan, shard, Map.of("TECHSHOP_PASSWORD", PASSWORD));
    }

    @Test
    void shardsCoverTheWholeSuiteOnceForBothStrategies() throws Exception {
        ShardProcess whole = run(plan(null, Set.of(), 0), 0);
        assertThat(whole.exitCode).as(whole.diagnosis()).isZero();
        assertThat(whole.summary.total()).isGreaterThanOrEqualTo(12 + 5);
        assertThat(whole.startedTests()).contains(FEATURE + "Signing in");
        assertThat(whole.junitXml()).contains("vitals.lcpMs");
        assertThat(whole.artifactNames()).contains(SUITE + "HomeTest#homeMeetsWebVitalsBudget-vitals.json")
                .noneMatch(name -> name.endsWith("trace.zip"));
        Map<String, Long> history = whole.summary.classDurations();

        for (Strategy strategy : Strategy.values()) {
            RunPlan sharded = plan(3, strategy, null, Set.of(), 0, history, app.baseUrl());
            List<String> ran = new ArrayList<>();
            int total = 0;
            for (int shard = 0; shard < 3; shard++) {
                ShardProcess part = run(sharded, shard);
                assertThat(part.exitCode).as(part.diagnosis()).isZero();
                total += part.summary.total();
                ran.addAll(part.startedTests());
            }
            assertThat(total).as(strategy.name()).isEqualTo(whole.summary.total());
            assertThat(ran).as(strategy.name()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(whole.startedTests());
        }
    }

    @Test
    void aFailingTestLeavesXmlScreenshotTraceAndExitsWithOne() throws Exception {
        app.switches().brokenSearch(true);
        String id = SUITE + "CatalogTest#searchFindsLaptops";
        ShardProcess shard = run(plan(null, Set.of(id, SUITE + "CatalogTest#catalogListsEveryProduct"), 0), 0);

        assertThat(shard.exitCode).as(shard.diagnosis()).isEqualTo(1);
        assertThat(shard.summary.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(shard.summary.failedTests()).containsExactly(id);
        assertThat(shard.junitXml()).contains("<testcase name=\"searchFindsLaptops\" classname=\"" + SUITE + "CatalogTest\"")
                .contains("<failure");
        assertThat(shard.artifactNames()).contains(id + "-screenshot.png", id + "-trace.zip", id + "-network.har")
                .noneMatch(name -> name.contains("catalogListsEveryProduct-trace"));
    }

    @Test
    void theIntermittentTestPassesOnItsRetryAndIsReportedFlaky() throws Exception {
        app.switches().flakyDeals(true);
        String id = SUITE + "DealsTest#dealsShowTheAudioOffer";
        ShardProcess shard = run(plan(null, Set.of(id), 2), 0);

        assertThat(shard.exitCode).as(shard.diagnosis()).isZero();
        assertThat(shard.summary.flakyTests()).containsExactly(id);
        assertThat(shard.summary.flaky()).isEqualTo(1);
        assertThat(shard.junitXml()).containsPattern("<flaky(Failure|Error) message=\"503 from ");
    }

    @Test
    void tagExpressionsSelectJUnitTestsAndCucumberScenarios() throws Exception {
        ShardProcess smoke = run(plan("smoke & !slow", Set.of(), 0), 0);
        assertThat(smoke.exitCode).as(smoke.diagnosis()).isZero();
        assertThat(smoke.startedTests()).containsExactlyInAnyOrder(
                SUITE + "HomeTest#homeShowsFeaturedProducts", SUITE + "HomeTest#homeMeetsWebVitalsBudget",
                SUITE + "CatalogTest#searchFindsLaptops", SUITE + "AccountTest#shopperCanSignIn",
                SUITE + "DealsTest#dealsShowTheAudioOffer",
                FEATURE + "Searching the catalog", FEATURE + "Signing in");

        ShardProcess production = run(plan("production", Set.of(), 0), 0);
        assertThat(production.exitCode).as(production.diagnosis()).isZero();
        assertThat(production.startedTests()).containsExactlyInAnyOrder(
                SUITE + "HomeTest#homeShowsFeaturedProducts", SUITE + "HomeTest#homeSendsSecurityHeaders",
                SUITE + "CatalogTest#productPageShowsNameAndPrice", SUITE + "AccountTest#shopperCanSignIn",
                SUITE + "RegionTest#pricesAreInTheRegionsCurrency", FEATURE + "Signing in",
                FEATURE + "Prices follow the region / Examples / Example #1.1",
                FEATURE + "Prices follow the region / Examples / Example #1.2");
    }

    @Test
    void plantedAccessibilityViolationAndMissingCspFailTheirChecks() throws Exception {
        app.switches().a11yViolation(true).missingCsp(true);
        ShardProcess shard = run(plan(null,
                Set.of(SUITE + "HomeTest#homeIsAccessible", SUITE + "HomeTest#homeSendsSecurityHeaders"), 0), 0);

        assertThat(shard.exitCode).isEqualTo(1);
        assertThat(shard.summary.failed()).isEqualTo(2);
        assertThat(shard.junitXml()).contains("image-alt").contains("MISSING_CSP");
    }

    @Test
    void aMissingRequiredConfigKeyIsARunnerError() throws Exception {
        ShardProcess shard = run(plan(1, Strategy.ROUND_ROBIN, null, Set.of(), 0, Map.of(), null), 0);
        assertThat(shard.exitCode).isEqualTo(2);
        assertThat(shard.summary.error()).isEqualTo("environment config: missing required config key baseUrl "
                + "(set spec.environment.baseUrl or PROCTOR_BASE_URL)");
        assertThat(shard.startedTests()).isEmpty();
    }

    @Test
    void anEmptySelectionIsARunnerError() throws Exception {
        ShardProcess shard = run(plan("nightly", Set.of(), 0), 0);
        assertThat(shard.exitCode).isEqualTo(2);
        assertThat(shard.summary.error()).contains("no tests matched").contains("tags 'nightly'");
    }

    @Test
    void theShoppersPasswordNeverAppearsInWhatTheRunnerWrites() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("TECHSHOP_PASSWORD", PASSWORD));
        ShardProcess shard = ShardProcess.run(dir, plan(null, Set.of(SUITE + "AccountTest#shopperCanSignIn",
                FEATURE + "Signing in"), 0), 0, env);
        assertThat(shard.exitCode).as(shard.diagnosis()).isZero();
        assertThat(shard.output).doesNotContain(PASSWORD);
        assertThat(shard.junitXml()).doesNotContain(PASSWORD);
        assertThat(Files.readString(shard.artifacts.resolveSibling("termination-log"))).doesNotContain(PASSWORD);
    }
}
