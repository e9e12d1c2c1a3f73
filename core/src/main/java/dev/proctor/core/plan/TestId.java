package dev.proctor.core.plan;

import java.util.Objects;

/**
 * Engine-neutral identity of one test. {@code uniqueId} is the JUnit Platform unique id (stable across
 * machines for the same jars); {@code className}/{@code methodName} are what planning groups by. For
 * Cucumber scenarios the "class" is the feature file URI and the "method" the scenario name.
 */
public record TestId(String uniqueId, String className, String methodName, String displayName) {
    public TestId {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(className, "className");
        methodName = methodName == null ? "" : methodName;
        displayName = displayName == null ? methodName : displayName;
    }

    public static TestId of(String className, String methodName) {
        return new TestId(className + "#" + methodName, className, methodName, methodName);
    }

    /** The key this test is planned by: its class for {@link Granularity#CLASS}, class#method otherwise. */
    public String unitKey(Granularity granularity) {
        return granularity == Granularity.CLASS || methodName.isEmpty() ? className : className + "#" + methodName;
    }

    /** The method-level key ("class#method"), the form used in failed-test lists and include lists. */
    public String methodKey() {
        return methodName.isEmpty() ? className : className + "#" + methodName;
    }
}
