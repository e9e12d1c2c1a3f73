package dev.proctor.testcluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the JVM's shared {@link ControlPlane} in a fresh random namespace. Test methods
 * and lifecycle methods may take a {@link ControlPlane}, a {@link TestNamespace} and a Fabric8
 * {@code KubernetesClient} whose default namespace is the test's. When a test fails, the Pods, Jobs and Events
 * of its namespace are printed and the control plane's logs are kept. Test tooling only.
 *
 * <p>With {@code realNode = true} the class runs on a {@link dev.proctor.testcluster.node.RealNode} instead — its
 * own control plane plus a real kubelet and containerd running Proctor's images — which tests may also take as a
 * parameter. The node starts before the class's first test and is removed, with everything it put on the host,
 * after its last (or when the JVM is stopped); the run fails if anything is left.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ControlPlaneExtension.class)
public @interface WithControlPlane {
    /** One namespace for the whole class (the default, cheaper) or a new one for every test method. */
    Scope namespacePer() default Scope.CLASS;

    /** Pods run in real containers on a real node rather than as local processes (the local pod executor). */
    boolean realNode() default false;

    enum Scope { CLASS, METHOD }
}
