package dev.proctor.runner.launch;

import dev.proctor.core.plan.RunnerContract;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Everything the runner takes from its environment, read in one place (the operator sets these on the pod).
 *
 * @param shardCount    null when not set: then the plan's count is used
 * @param include       {@code PROCTOR_INCLUDE} when set: method keys that replace the plan's include list (the
 *                      operator re-runs only the failed tests this way)
 * @param testRoots     jars or directories scanned when the plan names no packages or classes
 * @param env           the whole environment, for secret values and suite preflights
 */
public record RunnerSettings(int shardIndex, Integer shardCount, String run, int attempt, Path planFile,
                             Path artifactsDir, Path terminationLog, Optional<Set<String>> include,
                             List<Path> testRoots, Map<String, String> env) {

    public static final String SHARD_INDEX = RunnerContract.SHARD_INDEX;
    public static final String SHARD_COUNT = RunnerContract.SHARD_COUNT;
    public static final String RUN = RunnerContract.RUN;
    public static final String ATTEMPT = RunnerContract.ATTEMPT;
    public static final String PLAN_FILE = RunnerContract.PLAN_FILE;
    public static final String ARTIFACTS_DIR = RunnerContract.ARTIFACTS_DIR;
    public static final String TERMINATION_LOG = RunnerContract.TERMINATION_LOG;
    public static final String INCLUDE = RunnerContract.INCLUDE;
    public static final String TEST_ROOTS = "PROCTOR_TEST_ROOTS";

    static final String DEFAULT_PLAN_FILE = RunnerContract.DEFAULT_PLAN_FILE;
    static final String DEFAULT_ARTIFACTS_DIR = RunnerContract.DEFAULT_ARTIFACTS_DIR;
    static final String DEFAULT_TERMINATION_LOG = RunnerContract.DEFAULT_TERMINATION_LOG;
    /** Where a suite image puts the jars that hold its tests (dependencies go to /opt/proctor/suite/lib). */
    static final String DEFAULT_TEST_DIR = "/opt/proctor/suite/tests";

    public RunnerSettings {
        include = include == null ? Optional.empty() : include.map(Set::copyOf);
        testRoots = List.copyOf(testRoots);
        env = Map.copyOf(env);
    }

    /** Where the summary goes even when nothing else could be read. */
    public static Path terminationLog(Map<String, String> env) {
        return Path.of(env.getOrDefault(TERMINATION_LOG, DEFAULT_TERMINATION_LOG));
    }

    /** @throws RunnerError naming the variable when a value is malformed */
    public static RunnerSettings fromEnv(Map<String, String> env) {
        return new RunnerSettings(
                integer(env, SHARD_INDEX, 0),
                env.containsKey(SHARD_COUNT) ? integer(env, SHARD_COUNT, 1) : null,
                env.getOrDefault(RUN, "local"),
                integer(env, ATTEMPT, 0),
                Path.of(env.getOrDefault(PLAN_FILE, DEFAULT_PLAN_FILE)),
                Path.of(env.getOrDefault(ARTIFACTS_DIR, DEFAULT_ARTIFACTS_DIR)),
                terminationLog(env),
                include(env.get(INCLUDE)),
                testRoots(env.get(TEST_ROOTS)),
                env);
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) return fallback;
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0) throw new NumberFormatException();
            return parsed;
        } catch (NumberFormatException e) {
            throw new RunnerError(name + " must be a non-negative integer, was '" + value + "'");
        }
    }

    private static Optional<Set<String>> include(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        Set<String> keys = new LinkedHashSet<>();
        for (String key : value.split(",")) {
            if (!key.isBlank()) keys.add(key.trim());
        }
        return Optional.of(keys);
    }

    private static List<Path> testRoots(String value) {
        if (value != null && !value.isBlank()) {
            return Arrays.stream(value.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        }
        Path dir = Path.of(DEFAULT_TEST_DIR);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new RunnerError("cannot list the suite's test jars in " + dir + ": " + e.getMessage(), e);
        }
    }
}
