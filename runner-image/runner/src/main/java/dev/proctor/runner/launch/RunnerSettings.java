package dev.proctor.runner.launch;

import dev.proctor.core.plan.Granularity;
import dev.proctor.core.plan.RunnerContract;
import dev.proctor.core.plan.Strategy;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Everything the runner takes from its command line and environment, read in one place.
 *
 * <p>In a pod the operator sets the {@code PROCTOR_*} variables and mounts the plan. Run by hand ({@code
 * proctor-runner --tests target/test-classes --classpath ... --shards 4 --index 1}) the runner needs no plan file: it
 * builds one from its options ({@link LocalPlan}). Outside a pod (no {@code KUBERNETES_SERVICE_HOST}) it never falls
 * back to {@code /artifacts}, {@code /dev/termination-log} or {@code /etc/proctor/plan}: it writes to
 * {@code <out>/shard-<i>/} ({@code ./proctor-out} unless {@code --out} says otherwise), unless told otherwise by an
 * option or a variable.
 *
 * @param shardCount    null when not set: then the plan's count is used
 * @param planFile      null when there is no plan file: the plan is built from {@link #local} options
 * @param include       {@code PROCTOR_INCLUDE} when set: method keys that replace the plan's include list (the
 *                      operator re-runs only the failed tests this way)
 * @param testRoots     jars or directories holding the suite's tests
 * @param suiteClasspath the suite's other jars (its test dependencies); with the roots, the suite's classpath
 * @param env           the whole environment, for secret values and suite preflights
 */
public record RunnerSettings(int shardIndex, Integer shardCount, String run, int attempt, Path planFile,
                             Path artifactsDir, Path terminationLog, Optional<Set<String>> include,
                             List<Path> testRoots, List<Path> suiteClasspath, LocalPlan local, boolean inPod,
                             Map<String, String> env) {

    public static final String SHARD_INDEX = RunnerContract.SHARD_INDEX;
    public static final String SHARD_COUNT = RunnerContract.SHARD_COUNT;
    public static final String RUN = RunnerContract.RUN;
    public static final String ATTEMPT = RunnerContract.ATTEMPT;
    public static final String PLAN_FILE = RunnerContract.PLAN_FILE;
    public static final String ARTIFACTS_DIR = RunnerContract.ARTIFACTS_DIR;
    public static final String TERMINATION_LOG = RunnerContract.TERMINATION_LOG;
    public static final String INCLUDE = RunnerContract.INCLUDE;
    public static final String TEST_ROOTS = "PROCTOR_TEST_ROOTS";
    /** The suite's dependency jars and directories, path-separated (default: the jars in /opt/proctor/suite/lib). */
    public static final String SUITE_CLASSPATH = "PROCTOR_SUITE_CLASSPATH";
    /** Where the runner keeps JUnit Platform launchers, one jar per version (default /opt/proctor/runner/launchers). */
    public static final String LAUNCHERS_DIR = "PROCTOR_LAUNCHERS_DIR";
    /** Set by Kubernetes in every pod: the runner only defaults to the pod's paths when it is there. */
    static final String IN_POD_MARKER = "KUBERNETES_SERVICE_HOST";

    static final String DEFAULT_PLAN_FILE = RunnerContract.DEFAULT_PLAN_FILE;
    static final String DEFAULT_ARTIFACTS_DIR = RunnerContract.DEFAULT_ARTIFACTS_DIR;
    static final String DEFAULT_TERMINATION_LOG = RunnerContract.DEFAULT_TERMINATION_LOG;
    /** Where a suite image puts the jars (or class folders) that hold its tests. */
    static final String DEFAULT_TEST_DIR = "/opt/proctor/suite/tests";
    /** Where a suite image puts its dependencies. */
    static final String DEFAULT_LIB_DIR = "/opt/proctor/suite/lib";
    static final String DEFAULT_LAUNCHERS_DIR = "/opt/proctor/runner/launchers";
    static final String DEFAULT_LOCAL_OUT = "proctor-out";

    static final String USAGE = """
            usage: proctor-runner [options]
              In a pod the operator configures the runner through PROCTOR_* variables and the mounted plan.
              By hand, without a plan:
              --tests PATHS        test classes: directories or jars (e.g. target/test-classes), ':'-separated
              --classpath PATHS    the suite's test dependencies, ':'-separated
                                   (mvn dependency:build-classpath -Dmdep.outputFile=cp.txt; --classpath "$(cat cp.txt)")
              --suite DIR          a packaged suite: DIR/tests/*.jar and DIR/lib/*.jar (see proctor:suite)
              --shards N           number of shards (default 1)
              --index I            this shard, 0-based (default 0)
              --strategy S         RoundRobin (default) or DurationBalanced
              --granularity G      Class (default) or Method
              --tags EXPR          JUnit tag expression, e.g. 'smoke & !slow'
              --packages P,...     package selectors     --classes C,...   class selectors
              --includes PAT,...   Surefire class patterns (default **/Test*.java, **/*Test.java, **/*Tests.java,
                                   **/*TestCase.java)   --excludes PAT,...  (default **/*$*)
              --retries N          re-run a failed test up to N times (passing on a retry = flaky)
              --timeout DUR        per-test timeout, e.g. 90s
              --history FILE       durations for DurationBalanced: a history.json or a summary.json of an earlier run
              --collect GLOB,...   files the suite writes (traces, screenshots) to keep per test attempt
              --plan FILE          use this plan file instead (its JSON schema: docs/plan.schema.json)
              --out DIR            where results go (default ./proctor-out): DIR/shard-<i>/summary.json,
                                   junit-shard-<i>.xml, results-shard-<i>.jsonl, artifacts
            """;

    public RunnerSettings {
        include = include == null ? Optional.empty() : include.map(Set::copyOf);
        testRoots = List.copyOf(testRoots);
        suiteClasspath = List.copyOf(suiteClasspath);
        env = Map.copyOf(env);
    }

    /** Where the summary goes even when nothing else could be read. */
    public static Path terminationLog(Map<String, String> env) {
        if (env.containsKey(TERMINATION_LOG)) return Path.of(env.get(TERMINATION_LOG));
        return inPod(env) ? Path.of(DEFAULT_TERMINATION_LOG)
                : Path.of(DEFAULT_LOCAL_OUT, "shard-0", "summary.json");
    }

    static boolean inPod(Map<String, String> env) {
        String host = env.get(IN_POD_MARKER);
        return host != null && !host.isBlank();
    }

    /** @throws RunnerError naming the variable when a value is malformed */
    public static RunnerSettings fromEnv(Map<String, String> env) {
        return from(new String[0], env);
    }

    /**
     * Options win over variables, variables over defaults.
     *
     * @throws RunnerError naming the option or variable when a value is malformed
     */
    public static RunnerSettings from(String[] args, Map<String, String> env) {
        Map<String, String> options = options(args);
        boolean inPod = inPod(env);
        int index = integer(options.containsKey("index") ? "--index" : SHARD_INDEX,
                options.getOrDefault("index", env.get(SHARD_INDEX)), 0);
        Integer count = options.containsKey("shards") ? Integer.valueOf(integer("--shards", options.get("shards"), 1))
                : env.containsKey(SHARD_COUNT) ? Integer.valueOf(integer(SHARD_COUNT, env.get(SHARD_COUNT), 1)) : null;
        if (count != null && count < 1) throw new RunnerError("--shards must be at least 1, was " + count);

        Path planFile = options.containsKey("plan") ? Path.of(options.get("plan"))
                : env.containsKey(PLAN_FILE) ? Path.of(env.get(PLAN_FILE))
                : inPod && !hasLocalPlanOptions(options) ? Path.of(DEFAULT_PLAN_FILE) : null;
        Path out = Path.of(options.getOrDefault("out", DEFAULT_LOCAL_OUT)).resolve("shard-" + index);
        Path artifacts = options.containsKey("out") ? out
                : env.containsKey(ARTIFACTS_DIR) ? Path.of(env.get(ARTIFACTS_DIR))
                : inPod ? Path.of(DEFAULT_ARTIFACTS_DIR) : out;
        Path terminationLog = options.containsKey("out") ? out.resolve("summary.json")
                : env.containsKey(TERMINATION_LOG) ? Path.of(env.get(TERMINATION_LOG))
                : inPod ? Path.of(DEFAULT_TERMINATION_LOG) : out.resolve("summary.json");

        List<Path> roots = new ArrayList<>();
        List<Path> classpath = new ArrayList<>();
        if (options.containsKey("suite")) {
            Path suite = Path.of(options.get("suite"));
            if (!Files.isDirectory(suite)) throw new RunnerError("--suite " + suite + " is not a directory");
            roots.addAll(entries(suite.resolve("tests")));
            classpath.addAll(entries(suite.resolve("lib")));
        }
        if (options.containsKey("tests")) roots.addAll(paths(options.get("tests")));
        if (options.containsKey("classpath")) classpath.addAll(paths(options.get("classpath")));
        if (roots.isEmpty()) {
            roots.addAll(env.get(TEST_ROOTS) != null && !env.get(TEST_ROOTS).isBlank() ? paths(env.get(TEST_ROOTS))
                    : entries(Path.of(DEFAULT_TEST_DIR)));
        }
        if (classpath.isEmpty()) {
            classpath.addAll(env.get(SUITE_CLASSPATH) != null && !env.get(SUITE_CLASSPATH).isBlank()
                    ? paths(env.get(SUITE_CLASSPATH)) : entries(Path.of(DEFAULT_LIB_DIR)));
        }

        return new RunnerSettings(index, count, env.getOrDefault(RUN, inPod ? null : "local"),
                integer(ATTEMPT, env.get(ATTEMPT), 0), planFile, artifacts, terminationLog,
                include(env.get(INCLUDE)), roots, classpath, LocalPlan.from(options), inPod, env);
    }

    /** Where the bundled JUnit Platform launchers are. */
    Path launchersDir() {
        return Path.of(env.getOrDefault(LAUNCHERS_DIR, DEFAULT_LAUNCHERS_DIR));
    }

    private static boolean hasLocalPlanOptions(Map<String, String> options) {
        return options.containsKey("tests") || options.containsKey("suite") || options.containsKey("shards");
    }

    private static final Set<String> VALUE_OPTIONS = Set.of("tests", "classpath", "suite", "shards", "index", "strategy",
            "granularity", "tags", "packages", "classes", "includes", "excludes", "retries", "timeout", "history",
            "collect", "plan", "out");

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) throw new UsageRequested();
            if (!arg.startsWith("--")) throw new RunnerError("unexpected argument '" + arg + "'\n" + USAGE);
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("cp")) name = "classpath";
            if (!VALUE_OPTIONS.contains(name)) throw new RunnerError("unknown option --" + name + "\n" + USAGE);
            if (value == null) {
                if (i + 1 >= args.length) throw new RunnerError("--" + name + " needs a value");
                value = args[++i];
            }
            options.put(name, value);
        }
        return options;
    }

    /** Thrown for --help: the usage is printed and the runner exits 0. */
    static final class UsageRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageRequested() {
            super(USAGE, null, false, false);
        }
    }

    static int integer(String name, String value, int fallback) {
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

    private static List<Path> paths(String value) {
        return Arrays.stream(value.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    /** The jars and class folders directly in a folder, sorted: a suite's tests/ or lib/. */
    private static List<Path> entries(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") || Files.isDirectory(f)).sorted().toList();
        } catch (IOException e) {
            throw new RunnerError("cannot list the jars in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The plan options of a run by hand; used only when there is no plan file.
     *
     * @param history a history.json or summary.json whose durations feed DurationBalanced, or null
     */
    public record LocalPlan(int shards, Strategy strategy, Granularity granularity, String tags, List<String> packages,
                            List<String> classes, List<String> includes, List<String> excludes, int retries,
                            String timeout, Path history, List<String> collect) {

        static LocalPlan from(Map<String, String> options) {
            return new LocalPlan(integer("--shards", options.get("shards"), 1),
                    enumOption("--strategy", options.get("strategy"), Strategy.ROUND_ROBIN),
                    enumOption("--granularity", options.get("granularity"), Granularity.CLASS),
                    options.get("tags"), list(options.get("packages")), list(options.get("classes")),
                    list(options.get("includes")), list(options.get("excludes")),
                    integer("--retries", options.get("retries"), 0), options.get("timeout"),
                    options.containsKey("history") ? Path.of(options.get("history")) : null,
                    list(options.get("collect")));
        }

        private static List<String> list(String value) {
            if (value == null || value.isBlank()) return List.of();
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        private static <E extends Enum<E>> E enumOption(String name, String value, E fallback) {
            if (value == null) return fallback;
            for (E constant : fallback.getDeclaringClass().getEnumConstants()) {
                if (PlanNames.of(constant).equalsIgnoreCase(value) || constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            List<String> names = new ArrayList<>();
            for (E constant : fallback.getDeclaringClass().getEnumConstants()) names.add(PlanNames.of(constant));
            throw new RunnerError(name + " must be one of " + String.join(", ", names) + ", was '"
                    + value.toLowerCase(Locale.ROOT) + "'");
        }
    }
}
