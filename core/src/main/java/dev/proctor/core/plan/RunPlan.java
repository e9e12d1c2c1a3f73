package dev.proctor.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The immutable plan the operator writes into the run's plan ConfigMap (key {@code plan.json}) and every
 * shard reads. Schema {@code v1}; unknown fields are ignored on read so older runners keep working.
 *
 * @param run             the TestSuiteRun's name
 * @param suite           the suite name
 * @param packages        package selectors (empty = classpath root scan)
 * @param classes         fully-qualified class selectors
 * @param tagExpression   JUnit Platform tag expression, may be null
 * @param include         method keys to keep (re-run only failed tests); empty = all
 * @param testRetries     how often a failed test is re-run inside the runner (0..10)
 * @param testTimeout     per-test timeout as a Go-style duration ("90s", "5m"), may be null
 * @param durations       history snapshot: milliseconds by unit key
 * @param environment     name/region/baseUrl/flags/variables for the suite SDK
 * @param secretEnv       names of env vars whose values the runner must mask
 * @param includePatterns Surefire-style class patterns ({@link ClassPatterns}); empty: the suite's own (recorded
 *                        when it was packaged), else Surefire's defaults when the suite's roots are scanned, and no
 *                        class filter under package or class selectors
 * @param excludePatterns the same for excluded classes
 * @param collect         globs of files the suite writes itself (traces, screenshots), relative to the runner's
 *                        working directory, collected after each test attempt into the shard's artifacts
 *
 * <p>Class patterns and globs are carried as the run's spec gives them and checked by the runner, which reports a bad
 * one as a runner error naming it: the API server cannot check them (a CEL rule over unbounded strings exceeds its
 * cost budget, and Java regular expressions are not CEL's), and the operator must be able to write every plan the
 * API server accepted.
 */
public record RunPlan(String schema, String run, String suite, int shards, Strategy strategy,
                      Granularity granularity, List<String> packages, List<String> classes,
                      String tagExpression, Set<String> include, int testRetries, String testTimeout,
                      Map<String, Long> durations, Environment environment, Set<String> secretEnv,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> includePatterns,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> excludePatterns,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> collect) {

    /** Schema v1; includePatterns, excludePatterns and collect were added to it (older runners ignore them). */
    public static final String SCHEMA = "v1";

    public RunPlan(String schema, String run, String suite, int shards, Strategy strategy,
                   Granularity granularity, List<String> packages, List<String> classes,
                   String tagExpression, Set<String> include, int testRetries, String testTimeout,
                   Map<String, Long> durations, Environment environment, Set<String> secretEnv) {
        this(schema, run, suite, shards, strategy, granularity, packages, classes, tagExpression, include, testRetries,
                testTimeout, durations, environment, secretEnv, List.of(), List.of(), List.of());
    }

    public record Environment(String name, String region, String baseUrl, Map<String, Boolean> flags,
                              Map<String, String> variables) {}

    public PlanSpec planSpec() {
        return new PlanSpec(shards, strategy, granularity, include, durations);
    }
}
