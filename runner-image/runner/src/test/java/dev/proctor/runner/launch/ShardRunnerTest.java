package dev.proctor.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.plan.Granularity;
import dev.proctor.core.plan.Strategy;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.Verdict;
import dev.proctor.runner.fixture.flaky.FlakyFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runner in-process against JUnit fixtures: planning, selection, retries, timeouts and runner errors. */
class ShardRunnerTest {
    private static final String BASIC = "dev.proctor.runner.fixture.basic";
    private static final String ALPHA = BASIC + ".AlphaFixture";
    private static final Pattern STARTED = Pattern.compile("\"event\":\"test.started\"[^\\n]*\"test\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void runsAWholeUnshardedSelection() throws Exception {
        InProcessRun run = InProcessRun.single(dir, TestPlans.packages(BASIC));

        ShardSummary summary = run.summary;
        assertThat(summary.verdict()).isEqualTo(Verdict.PASSED);
        // as Surefire counts: 3 alpha + 2 beta + in gamma plain, disabled, 3 invocations of the parameterized method
        // and 2 dynamic tests of the factory (each of those two methods is one planned unit)
        assertThat(summary.total()).isEqualTo(12);
        assertThat(summary.passed()).isEqualTo(11);
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.classDurations()).containsOnlyKeys(ALPHA, BASIC + ".BetaFixture", BASIC + ".GammaFixture");
        assertThat(run.xmlText()).contains("<testsuite name=\"fixtures shard 0\" tests=\"12\"")
                .contains("name=\"parameterized [2] value=2\"").contains("name=\"dynamic second\"")
                .contains("classname=\"" + ALPHA + "\"").contains("<skipped");
    }

    @ParameterizedTest
    @CsvSource({"ROUND_ROBIN,CLASS", "ROUND_ROBIN,METHOD", "DURATION_BALANCED,CLASS", "DURATION_BALANCED,METHOD"})
    void shardsCoverTheSelectionExactlyOnce(Strategy strategy, Granularity granularity) throws Exception {
        TestPlans plans = TestPlans.packages(BASIC).shards(3).strategy(strategy).granularity(granularity)
                .durations(Map.of(ALPHA, 900L, BASIC + ".BetaFixture", 10L));
        Path plan = plans.writeTo(dir);
        List<String> ran = new ArrayList<>();
        int total = 0;
        for (int shard = 0; shard < 3; shard++) {
            InProcessRun run = InProcessRun.shard(dir, plan, shard, Map.of());
            assertThat(run.summary.verdict()).isEqualTo(Verdict.PASSED);
            total += run.summary.total();
            ran.addAll(started(run.log));
        }
        InProcessRun whole = InProcessRun.shard(dir, TestPlans.packages(BASIC).writeTo(dir), 0, Map.of());

        assertThat(total).isEqualTo(whole.summary.total());
        assertThat(ran).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(started(whole.log));
    }

    @Test
    void tagExpressionSelectsExactlyTheMatchingTests() throws Exception {
        InProcessRun run = InProcessRun.single(dir, TestPlans.packages(BASIC).tags("smoke & !slow"));
        assertThat(started(run.log)).containsExactly(ALPHA + "#quick");

        InProcessRun critical = InProcessRun.single(dir, TestPlans.packages(BASIC).tags("critical | slow"));
        assertThat(started(critical.log)).containsExactlyInAnyOrder(
                BASIC + ".BetaFixture#first", BASIC + ".BetaFixture#second", ALPHA + "#thorough");
    }

    @Test
    void includeListNarrowsTheSelectionAndEnvOverridesIt() throws Exception {
        Path plan = TestPlans.packages(BASIC).include(ALPHA + "#quick").writeTo(dir);
        assertThat(started(InProcessRun.shard(dir, plan, 0, Map.of()).log)).containsExactly(ALPHA + "#quick");

        InProcessRun overridden = InProcessRun.shard(dir, plan, 0,
                Map.of(RunnerSettings.INCLUDE, ALPHA + "#untagged, " + BASIC + ".BetaFixture#first"));
        assertThat(started(overridden.log)).containsExactlyInAnyOrder(ALPHA + "#untagged", BASIC + ".BetaFixture#first");
    }

    @Test
    void aRetryAttemptRunsEveryIncludedTestWhateverItsShardIndex() throws Exception {
        // the operator re-runs shard 2's failed tests in shard 2's pod: none may be planned away to another shard
        Path plan = TestPlans.packages(BASIC).shards(3).writeTo(dir);
        InProcessRun retry = InProcessRun.shard(dir, plan, 2,
                Map.of(RunnerSettings.INCLUDE, ALPHA + "#quick," + ALPHA + "#untagged," + BASIC + ".BetaFixture#first"));
        assertThat(started(retry.log)).containsExactlyInAnyOrder(ALPHA + "#quick", ALPHA + "#untagged", BASIC + ".BetaFixture#first");
        assertThat(retry.summary.total()).isEqualTo(3);
    }

    @Test
    void failedTestsAreReportedWithTheirIds() throws Exception {
        InProcessRun run = InProcessRun.single(dir, TestPlans.packages("dev.proctor.runner.fixture.failing"));

        String fixture = "dev.proctor.runner.fixture.failing.FailingFixture";
        assertThat(run.summary.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(run.summary.failedTests()).containsExactly(fixture + "#errors", fixture + "#failsWithSecret");
        assertThat(run.summary.passed()).isEqualTo(1);
        assertThat(run.xmlText()).contains("failures=\"1\" errors=\"1\"")
                .contains("<failure message=\"login failed").contains("<error message=\"backend down\"");
    }

    @Test
    void aTestPassingOnItsRetryIsFlakyNotPassed() throws Exception {
        FlakyFixture.reset();
        InProcessRun run = InProcessRun.single(dir, TestPlans.packages("dev.proctor.runner.fixture.flaky").retries(2));

        assertThat(run.summary.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(run.summary.flaky()).isEqualTo(1);
        assertThat(run.summary.flakyTests())
                .containsExactly("dev.proctor.runner.fixture.flaky.FlakyFixture#firstRunFails");
        assertThat(run.summary.passed()).isEqualTo(2);
        assertThat(run.xmlText()).contains("flakes=\"1\"").contains("<flakyFailure message=\"first run fails\"");
        assertThat(run.log).contains("\"event\":\"test.retry\"");
    }

    @Test
    void aFlakyTestsDurationIsThatOfItsPassingAttempt() throws Exception {
        FlakyFixture.reset();
        InProcessRun run = InProcessRun.single(dir, TestPlans.packages("dev.proctor.runner.fixture.flaky").retries(1)
                .granularity(Granularity.METHOD));

        String flaky = "dev.proctor.runner.fixture.flaky.FlakyFixture#firstRunFails";
        assertThat(run.summary.flakyTests()).containsExactly(flaky);
        // the failed first attempt slept 400 ms; the history learns the passing one
        assertThat(run.summary.classDurations().get(flaky)).isLessThan(400);
    }

    @Test
    void filesTheSuiteWritesItselfAreCollectedPerTestAttemptAndNeverOverwritten() throws Exception {
        FlakyFixture.reset();
        System.setProperty("collect.fixture.dir", Path.of("target", "collect-fixture").toString());
        try {
            collectsPerAttempt();
        } finally {
            System.clearProperty("collect.fixture.dir");
        }
    }

    private void collectsPerAttempt() throws Exception {
        InProcessRun run = InProcessRun.shard(dir, TestPlans.packages("dev.proctor.runner.fixture.flaky").retries(1)
                .collect("target/collect-fixture/**/*.txt").writeTo(dir), 0, Map.of());

        Path test = dir.resolve("artifacts/tests/dev.proctor.runner.fixture.flaky.FlakyFixture/firstRunFails");
        assertThat(run.summary.flaky()).isEqualTo(1);
        assertThat(Files.readString(test.resolve("try-0/target/collect-fixture/trace.txt"))).isEqualTo("attempt 0");
        // the passing retry keeps nothing by default (PROCTOR_KEEP_ARTIFACTS=always would keep it)
        assertThat(test.resolve("try-1")).doesNotExist();
        assertThat(dir.resolve("artifacts/tests/dev.proctor.runner.fixture.flaky.FlakyFixture/steady")).doesNotExist();

        FlakyFixture.reset();
        InProcessRun always = InProcessRun.shard(dir, TestPlans.packages("dev.proctor.runner.fixture.flaky").retries(1)
                .collect("target/collect-fixture/**/*.txt").writeTo(dir), 0,
                Map.of("PROCTOR_KEEP_ARTIFACTS", "always"));
        assertThat(always.summary.flaky()).isEqualTo(1);
        assertThat(Files.readString(test.resolve("try-1/target/collect-fixture/trace.txt"))).isEqualTo("attempt 1");
        assertThat(Files.readString(test.resolve("try-0/target/collect-fixture/trace.txt"))).isEqualTo("attempt 0");
    }

    @Test
    void withoutRetriesTheSameTestFails() throws Exception {
        FlakyFixture.reset();
        InProcessRun run = InProcessRun.single(dir, TestPlans.packages("dev.proctor.runner.fixture.flaky"));
        assertThat(run.summary.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(run.summary.flaky()).isZero();
    }

    @Test
    void retriesThatNeverPassKeepEveryFailureInTheXml() throws Exception {
        InProcessRun run = InProcessRun.single(dir, TestPlans.packages("dev.proctor.runner.fixture.failing").retries(2));
        assertThat(run.summary.failed()).isEqualTo(2);
        assertThat(run.xmlText()).containsPattern("(?s)<rerunFailure.*<rerunFailure").contains("<rerunError");
    }

    @Test
    void aFailedClassSetupFailsItsTests() throws Exception {
        InProcessRun run = InProcessRun.single(dir, TestPlans.packages("dev.proctor.runner.fixture.lifecycle"));
        assertThat(run.summary.failed()).isEqualTo(2);
        assertThat(run.xmlText()).contains("database fixture unavailable");
    }

    @Test
    void aTestOverThePerTestTimeoutFails() throws Exception {
        long start = System.nanoTime();
        InProcessRun run = InProcessRun.single(dir, TestPlans.packages("dev.proctor.runner.fixture.slow").timeout("300ms"));
        assertThat(run.summary.failedTests()).containsExactly("dev.proctor.runner.fixture.slow.SlowFixture#hangs");
        assertThat(run.xmlText()).contains("timed out after 300 milliseconds");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
    }

    @Test
    void anUnreadablePlanIsARunnerError() throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"schema\":\"v1\",\"shards\":\"three\"}");
        InProcessRun run = InProcessRun.shard(dir, plan, 0, Map.of());
        assertThat(run.summary.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(run.summary.error()).contains("not a valid plan").contains("shards");

        InProcessRun missing = InProcessRun.shard(dir, dir.resolve("absent.json"), 0, Map.of());
        assertThat(missing.summary.error()).contains("cannot read the plan file");
    }

    @Test
    void anEmptySelectionIsARunnerError() throws Exception {
        InProcessRun run = InProcessRun.single(dir, TestPlans.packages(BASIC).tags("production"));
        assertThat(run.summary.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(run.summary.error()).contains("no tests matched").contains("tags 'production'");

        InProcessRun include = InProcessRun.single(dir, TestPlans.packages(BASIC).include("com.example.Gone#test"));
        assertThat(include.summary.error()).contains("include list");
    }

    @Test
    void nothingFoundSaysWhatWasScannedAndWhatThePatternsLetThrough() throws Exception {
        Path classes = Path.of(FlakyFixture.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        InProcessRun run = InProcessRun.shard(dir, TestPlans.packages().includePatterns("**/NoSuch*").writeTo(dir), 0,
                Map.of(RunnerSettings.TEST_ROOTS, classes.toString()));
        assertThat(run.summary.error()).startsWith("no tests matched the selection (scanned test root " + classes + ": ")
                .contains(" classes, 0 matching the class patterns (includes [**/NoSuch*], excludes [**/*$*])")
                .contains("engines: JUnit Jupiter");
    }

    @Test
    void badClassPatternsOrGlobsAreARunnerErrorNamingThem() throws Exception {
        InProcessRun method = InProcessRun.single(dir, TestPlans.packages(BASIC).includePatterns("**/*Fixture#quick"));
        assertThat(method.summary.error()).isEqualTo("class patterns: includePatterns pattern '**/*Fixture#quick' filters "
                + "methods (#), which is not supported: select methods with tags");
        InProcessRun regex = InProcessRun.single(dir, TestPlans.packages(BASIC).excludePatterns("%regex[(]"));
        assertThat(regex.summary.error()).contains("pattern '%regex[(]' is not a valid regular expression");
        InProcessRun glob = InProcessRun.single(dir, TestPlans.packages(BASIC).collect("target/[a"));
        assertThat(glob.summary.error()).startsWith("collect glob 'target/[a' is not a valid glob");
    }

    @Test
    void anInvalidTagExpressionIsARunnerError() throws Exception {
        InProcessRun run = InProcessRun.single(dir, TestPlans.packages(BASIC).tags("smoke & | slow"));
        assertThat(run.summary.error()).contains("tag expression 'smoke & | slow' is not valid");
    }

    @Test
    void aShardOutsideThePlanIsARunnerError() throws Exception {
        Path plan = TestPlans.packages(BASIC).shards(2).writeTo(dir);
        assertThat(InProcessRun.shard(dir, plan, 2, Map.of()).summary.error()).contains("out of range for 2 shards");
        assertThat(InProcessRun.shard(dir, plan, 0, Map.of(RunnerSettings.SHARD_COUNT, "3")).summary.error())
                .contains("does not match the plan's shards=2");
    }

    @Test
    void aFailingSuitePreflightIsARunnerErrorNamingTheKey() throws Exception {
        InProcessRun run = InProcessRun.shard(dir, TestPlans.packages(BASIC).writeTo(dir), 0,
                Map.of("FIXTURE_PREFLIGHT_FAIL", "1"));
        assertThat(run.summary.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(run.summary.error()).isEqualTo("fixture config: missing required config key 'fixture.url'");
        assertThat(run.log).doesNotContain("test.started");
    }

    @Test
    void classpathRootsAreScannedWhenThePlanNamesNothing() throws Exception {
        Path classes = Path.of(FlakyFixture.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        InProcessRun run = InProcessRun.shard(dir, TestPlans.packages().tags("critical").includePatterns("**/*Fixture").writeTo(dir), 0,
                Map.of(RunnerSettings.TEST_ROOTS, classes.toString()));
        assertThat(started(run.log)).containsExactlyInAnyOrder(BASIC + ".BetaFixture#first", BASIC + ".BetaFixture#second");
    }

    private static List<String> started(String log) {
        List<String> tests = new ArrayList<>();
        Matcher matcher = STARTED.matcher(log);
        while (matcher.find()) tests.add(matcher.group(1));
        return tests;
    }
}
