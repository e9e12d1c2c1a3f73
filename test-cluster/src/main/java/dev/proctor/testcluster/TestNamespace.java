package dev.proctor.testcluster;

/** The random namespace a test runs in; deleted after the class or method it belongs to. */
public record TestNamespace(String name) {
    @Override
    public String toString() {
        return name;
    }
}
