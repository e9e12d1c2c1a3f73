package dev.proctor.runner.launch;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.proctor.core.plan.ClassPatterns;
import dev.proctor.core.plan.RunPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * Finds the suite's tests the way the plan selects them: package and class selectors, or, when the plan names
 * neither, every test in the suite's test roots; narrowed by Surefire-style class patterns and the plan's JUnit tag
 * expression. Cucumber scenarios come through the same request: the Cucumber engine resolves package selectors and
 * classpath roots to the feature files in them and exposes a scenario's {@code @tags} as JUnit tags.
 *
 * <p>When nothing is found it says why, as far as it can tell: what was scanned, how many classes the roots hold and
 * how many of them the class patterns let through, which engines ran, and what the engines logged while discovering
 * (JUnit reports a failed engine discovery only to java.util.logging, where it is otherwise lost).
 */
final class SuiteDiscovery {
    private static final int MAX_LOGGED = 5;

    private final Launcher launcher;
    private final Map<String, String> configuration;

    /** @param configuration JUnit configuration parameters used for discovery and every execution */
    SuiteDiscovery(Launcher launcher, Map<String, String> configuration) {
        this.launcher = launcher;
        this.configuration = Map.copyOf(configuration);
    }

    /** @return plannable tests in a stable order (sorted by unique id) */
    List<DiscoveredTest> discover(RunPlan plan, List<Path> testRoots, ClassSelection classes) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors(plan, testRoots))
                .configurationParameters(configuration);
        Predicate<String> classFilter = classes.filter(plan);
        if (classFilter != null) {
            request.filters((ClassNameFilter) className -> FilterResult.includedIf(classFilter.test(className),
                    () -> "matches the class patterns", () -> "does not match the class patterns"));
        }
        String tags = plan.tagExpression();
        if (tags != null && !tags.isBlank()) {
            try {
                request.filters(TagFilter.includeTags(tags));
            } catch (RuntimeException e) {
                throw new RunnerError("tag expression '" + tags + "' is not valid: " + e.getMessage(), e);
            }
        }
        TestPlan testPlan;
        List<String> logged = new ArrayList<>();
        Handler capture = capture(logged);
        Logger junit = Logger.getLogger("org.junit");
        Level level = junit.getLevel();
        junit.setLevel(Level.FINE);
        junit.addHandler(capture);
        try {
            testPlan = launcher.discover(request.build());
        } catch (RuntimeException | LinkageError e) {
            throw new RunnerError("test discovery failed: " + Causes.describe(e), e);
        } finally {
            junit.removeHandler(capture);
            junit.setLevel(level);
        }
        List<DiscoveredTest> tests = new ArrayList<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier node : testPlan.getDescendants(root)) {
                if (TestIds.isPlannable(testPlan, node)) tests.add(new DiscoveredTest(TestIds.of(testPlan, node)));
            }
        }
        if (tests.isEmpty()) throw new RunnerError(nothingFound(plan, testRoots, testPlan, classFilter, logged));
        tests.sort((a, b) -> a.uniqueId().compareTo(b.uniqueId()));
        return tests;
    }

    /** Runs exactly these tests, by unique id. */
    LauncherDiscoveryRequest executionRequest(Set<String> uniqueIds) {
        List<DiscoverySelector> selectors = uniqueIds.stream()
                .sorted()
                .map(id -> (DiscoverySelector) org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId(id))
                .toList();
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameters(configuration)
                .build();
    }

    private static List<DiscoverySelector> selectors(RunPlan plan, List<Path> testRoots) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        plan.packages().forEach(p -> selectors.add(selectPackage(p)));
        plan.classes().forEach(c -> selectors.add(selectClass(c)));
        if (!selectors.isEmpty()) return selectors;
        Set<Path> roots = new LinkedHashSet<>();
        for (Path root : testRoots) {
            if (!Files.exists(root)) throw new RunnerError("test root " + root + " does not exist");
            roots.add(root.toAbsolutePath());
        }
        if (roots.isEmpty()) {
            throw new RunnerError("the plan names no packages or classes and there are no test roots to scan "
                    + "(put the suite's test jars in " + RunnerSettings.DEFAULT_TEST_DIR + ", set "
                    + RunnerSettings.TEST_ROOTS + ", or pass --tests)");
        }
        selectors.addAll(selectClasspathRoots(roots));
        return selectors;
    }

    private static String nothingFound(RunPlan plan, List<Path> roots, TestPlan testPlan,
                                       Predicate<String> classFilter, List<String> logged) {
        StringBuilder why = new StringBuilder("no tests matched the selection (");
        if (!plan.packages().isEmpty() || !plan.classes().isEmpty()) {
            why.append("packages ").append(plan.packages()).append(", classes ").append(plan.classes());
        } else {
            why.append("scanned ").append(roots.size() == 1 ? "test root " + roots.get(0) : roots.size() + " test roots");
            List<String> classes = classNames(roots);
            why.append(": ").append(classes.size()).append(" classes");
            if (classFilter != null) {
                long accepted = classes.stream().filter(classFilter).count();
                why.append(", ").append(accepted).append(" matching the class patterns ")
                        .append(patterns(plan));
            }
        }
        if (plan.tagExpression() != null) why.append(", tags '").append(plan.tagExpression()).append("'");
        why.append(")");
        List<String> engines = testPlan.getRoots().stream().map(TestIdentifier::getDisplayName).toList();
        why.append(engines.isEmpty() ? "; no test engine is on the suite's classpath (a JUnit 5 suite needs "
                + "junit-jupiter-engine among its test dependencies)" : "; engines: " + String.join(", ", engines));
        if (!logged.isEmpty()) {
            why.append("; while discovering, JUnit logged: ").append(String.join(" | ", logged));
        }
        return why.toString();
    }

    private static String patterns(RunPlan plan) {
        List<String> includes = plan.includePatterns().isEmpty() ? ClassPatterns.SUREFIRE_INCLUDES : plan.includePatterns();
        List<String> excludes = plan.excludePatterns().isEmpty() ? ClassPatterns.SUREFIRE_EXCLUDES : plan.excludePatterns();
        return "(includes " + includes + ", excludes " + excludes + ")";
    }

    /** Class names in the roots, without loading anything. */
    static List<String> classNames(List<Path> roots) {
        List<String> names = new ArrayList<>();
        for (Path root : roots) {
            try {
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        files.filter(f -> f.toString().endsWith(".class"))
                                .forEach(f -> names.add(className(root.relativize(f).toString())));
                    }
                } else if (Files.isRegularFile(root)) {
                    try (ZipFile jar = new ZipFile(root.toFile())) {
                        jar.stream().filter(e -> e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/"))
                                .forEach(e -> names.add(className(e.getName())));
                    }
                }
            } catch (IOException e) {
                // the count is a hint in an error message; an unreadable root was already reported by JUnit
            }
        }
        names.removeIf(name -> name.endsWith("module-info") || name.endsWith("package-info"));
        return names;
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.').replace('\\', '.');
    }

    private static Handler capture(List<String> logged) {
        return new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                if (record.getLevel().intValue() < Level.FINE.intValue() || logged.size() >= MAX_LOGGED) return;
                String message = record.getMessage();
                if (record.getThrown() != null) message = (message == null ? "" : message + ": ") + Causes.describe(record.getThrown());
                if (message != null && record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null) {
                    logged.add(message);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
    }

    /**
     * Which class-name filter applies: the plan's patterns when it has any, else the suite's own recorded ones
     * (written when it was packaged), else Surefire's defaults when roots are scanned; under package or class
     * selectors without patterns, none (they select what they name).
     */
    record ClassSelection(List<String> suiteIncludes, List<String> suiteExcludes) {
        static final ClassSelection NONE = new ClassSelection(List.of(), List.of());

        Predicate<String> filter(RunPlan plan) {
            if (!plan.includePatterns().isEmpty() || !plan.excludePatterns().isEmpty()) {
                check("includePatterns", plan.includePatterns());
                check("excludePatterns", plan.excludePatterns());
                return selector(plan.includePatterns(), plan.excludePatterns());
            }
            if (!suiteIncludes.isEmpty() || !suiteExcludes.isEmpty()) {
                check("the suite's includes", suiteIncludes);
                check("the suite's excludes", suiteExcludes);
                return selector(suiteIncludes, suiteExcludes);
            }
            if (!plan.packages().isEmpty() || !plan.classes().isEmpty()) return null;
            return selector(List.of(), List.of());
        }

        private static void check(String field, List<String> patterns) {
            try {
                ClassPatterns.validate(field, patterns);
            } catch (IllegalArgumentException e) {
                throw new RunnerError("class patterns: " + e.getMessage(), e);
            }
        }

        private static Predicate<String> selector(List<String> includes, List<String> excludes) {
            try {
                return ClassPatterns.selector(includes, excludes);
            } catch (IllegalArgumentException e) {
                throw new RunnerError("class patterns: " + e.getMessage(), e);
            }
        }
    }
}
