package dev.proctor.runner.launch;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.proctor.core.plan.RunPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * Finds the suite's tests the way the plan selects them: package and class selectors (or, when the plan names
 * neither, every test in the suite's test jars), narrowed by the plan's JUnit tag expression. Cucumber scenarios
 * come through the same request: the Cucumber engine resolves package selectors to the feature files in them and
 * exposes a scenario's {@code @tags} as JUnit tags.
 */
final class SuiteDiscovery {
    private final Launcher launcher;
    private final Map<String, String> configuration;

    /** @param configuration JUnit configuration parameters used for discovery and every execution */
    SuiteDiscovery(Launcher launcher, Map<String, String> configuration) {
        this.launcher = launcher;
        this.configuration = Map.copyOf(configuration);
    }

    /** @return plannable tests in a stable order (sorted by unique id) */
    List<DiscoveredTest> discover(RunPlan plan, List<Path> testRoots) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors(plan, testRoots))
                .configurationParameters(configuration);
        String tags = plan.tagExpression();
        if (tags != null && !tags.isBlank()) {
            try {
                request.filters(TagFilter.includeTags(tags));
            } catch (RuntimeException e) {
                throw new RunnerError("tag expression '" + tags + "' is not valid: " + e.getMessage(), e);
            }
        }
        TestPlan testPlan;
        try {
            testPlan = launcher.discover(request.build());
        } catch (RuntimeException e) {
            throw new RunnerError("test discovery failed: " + e, e);
        }
        List<DiscoveredTest> tests = new ArrayList<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier node : testPlan.getDescendants(root)) {
                if (TestIds.isPlannable(testPlan, node)) tests.add(new DiscoveredTest(TestIds.of(testPlan, node)));
            }
        }
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
            throw new RunnerError("the plan names no packages or classes and there are no test jars to scan "
                    + "(put them in " + RunnerSettings.DEFAULT_TEST_DIR + " or set " + RunnerSettings.TEST_ROOTS + ")");
        }
        selectors.addAll(selectClasspathRoots(roots));
        return selectors;
    }
}
