package dev.proctor.testcluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import dev.proctor.testcluster.node.RealNode;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * JUnit 5 side of {@link WithControlPlane}: a namespace per class or per method, parameters for the control
 * plane, the namespace and a namespaced client, and a dump of the namespace when a test fails (before any
 * after-each method can clean up what would explain the failure). The namespace is deleted when the extension
 * store of its class or method closes.
 */
public final class ControlPlaneExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(ControlPlaneExtension.class);
    private static final String SCOPE_KEY = "scope";

    /** A namespace and the client bound to it, deleted and closed when its scope ends. */
    private record Scoped(TestNamespace namespace, KubernetesClient client)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            try {
                client.namespaces().withName(namespace.name()).delete();
            } finally {
                client.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (onRealNode(context)) {
            context.getStore(STORE).put(RealNodeResource.class, new RealNodeResource(RealNode.start()));
        }
        if (scope(context) == WithControlPlane.Scope.CLASS) open(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (scope(context) == WithControlPlane.Scope.METHOD) open(context);
    }

    private static WithControlPlane.Scope scope(ExtensionContext context) {
        return context.getRequiredTestClass().getAnnotation(WithControlPlane.class) == null ? WithControlPlane.Scope.CLASS
                : context.getRequiredTestClass().getAnnotation(WithControlPlane.class).namespacePer();
    }

    private static boolean onRealNode(ExtensionContext context) {
        WithControlPlane annotation = context.getRequiredTestClass().getAnnotation(WithControlPlane.class);
        return annotation != null && annotation.realNode();
    }

    /** The class's real node, started before its first test and removed after its last (the store closes it). */
    private static RealNode realNode(ExtensionContext context) {
        return context.getStore(STORE).get(RealNodeResource.class, RealNodeResource.class).node();
    }

    /** Fails the test run when the node left anything on the host: CI runs next on this machine. */
    private record RealNodeResource(RealNode node) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            node.close();
            if (!node.leftovers().isEmpty()) throw new IllegalStateException("the real node's teardown left " + node.leftovers());
        }
    }

    private static ControlPlane plane(ExtensionContext context) {
        return onRealNode(context) ? realNode(context).controlPlane() : ControlPlane.shared();
    }

    private static void open(ExtensionContext context) {
        ControlPlane plane = plane(context);
        String name = namespaceName(context.getRequiredTestClass().getSimpleName());
        plane.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("proctor.dev/test-class", context.getRequiredTestClass().getSimpleName()).endMetadata().build()).create();
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(plane.config()).withNamespace(name).build()).build();
        context.getStore(STORE).put(SCOPE_KEY, new Scoped(new TestNamespace(name), client));
    }

    /** {@code <class>-<random>}, lower case, within the 63 characters of a DNS label. */
    static String namespaceName(String testClass) {
        String prefix = testClass.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (prefix.length() > 40) prefix = prefix.substring(0, 40);
        return (prefix.isEmpty() ? "test" : prefix) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Scoped scoped(ExtensionContext context) {
        Scoped scoped = context.getStore(STORE).get(SCOPE_KEY, Scoped.class);
        if (scoped == null) {
            throw new ParameterResolutionException("no test namespace here: with namespacePer = METHOD only test methods get one");
        }
        return scoped;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ControlPlane.class || type == KubernetesClient.class || type == TestNamespace.class
                || (type == RealNode.class && onRealNode(context));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == ControlPlane.class) return plane(context);
        if (type == RealNode.class) return realNode(context);
        Scoped scoped = scoped(context);
        return type == TestNamespace.class ? scoped.namespace() : scoped.client();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Scoped scoped = context.getStore(STORE).get(SCOPE_KEY, Scoped.class);
        if (scoped != null) {
            NamespaceDump.print(scoped.client(), scoped.namespace().name(), context.getDisplayName(), System.out);
        }
        if (onRealNode(context)) {
            RealNode node = realNode(context);
            System.out.println(node.logTails(15));
            node.keepLogs();
        } else {
            ControlPlane.shared().keepLogs();
        }
        throw failure;
    }
}
