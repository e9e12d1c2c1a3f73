package dev.proctor.runner.launch;

import dev.proctor.core.plan.TestId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.descriptor.UriSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns what an engine discovered into core's engine-neutral {@link TestId}.
 *
 * <p>JUnit Jupiter tests map to their class and method. Cucumber scenarios have no class: the feature's URI
 * ({@code classpath:dev/.../cart.feature}) plays the class and the scenario's name the method — for an outline
 * example, the names of the nodes below the feature joined with " / " — so planning by class keeps a feature
 * together, exactly as it keeps a test class together.
 */
final class TestIds {
    static final String PATH_SEPARATOR = " / ";

    private TestIds() {}

    /**
     * Whether a node is a unit the runner plans and selects: a test, or a method container that has no children yet
     * (a parameterized or factory method, whose invocations only appear while it runs).
     */
    static boolean isPlannable(TestPlan plan, TestIdentifier node) {
        if (node.isTest()) return true;
        return node.getSource().filter(MethodSource.class::isInstance).isPresent() && plan.getChildren(node).isEmpty();
    }

    static TestId of(TestPlan plan, TestIdentifier node) {
        Optional<TestSource> source = node.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource method) {
            return new TestId(node.getUniqueId(), method.getClassName(), method.getMethodName(), node.getDisplayName());
        }
        String container = source.flatMap(TestIds::documentUri).orElseGet(() -> topContainer(plan, node).getDisplayName());
        if (source.isPresent() && source.get() instanceof ClassSource cls) container = cls.getClassName();
        return new TestId(node.getUniqueId(), container, pathBelowTop(plan, node), node.getDisplayName());
    }

    /** The feature (or other document) a node comes from, without its line position. */
    private static Optional<String> documentUri(TestSource source) {
        if (source instanceof ClasspathResourceSource resource) {
            return Optional.of("classpath:" + resource.getClasspathResourceName());
        }
        if (source instanceof FileSource file) return Optional.of(file.getFile().toURI().toString());
        if (source instanceof UriSource uri) {
            String text = uri.getUri().toString();
            int query = text.indexOf('?');
            return Optional.of(query < 0 ? text : text.substring(0, query));
        }
        return Optional.empty();
    }

    /** The engine's direct child on the way to this node: a test class, or a feature. */
    private static TestIdentifier topContainer(TestPlan plan, TestIdentifier node) {
        TestIdentifier current = node;
        while (true) {
            Optional<TestIdentifier> parent = plan.getParent(current);
            if (parent.isEmpty() || plan.getParent(parent.get()).isEmpty()) return current;
            current = parent.get();
        }
    }

    private static String pathBelowTop(TestPlan plan, TestIdentifier node) {
        TestIdentifier top = topContainer(plan, node);
        if (top.equals(node)) return node.getDisplayName();
        Deque<String> names = new ArrayDeque<>();
        TestIdentifier current = node;
        while (!current.equals(top)) {
            names.addFirst(current.getDisplayName());
            current = plan.getParent(current).orElseThrow();
        }
        return String.join(PATH_SEPARATOR, names);
    }
}
