package dev.proctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The user's cluster, reached with their kubeconfig: TestSuiteRuns as generic resources, and Secrets. */
final class Cluster implements AutoCloseable {
    static final ResourceDefinitionContext RUNS = new ResourceDefinitionContext.Builder()
            .withGroup("proctor.dev").withVersion("v1alpha1").withKind("TestSuiteRun").withPlural("testsuiteruns")
            .withNamespaced(true).build();

    private final KubernetesClient client;
    private final String namespace;
    private final String apiUrl;

    private Cluster(KubernetesClient client, String namespace, String apiUrl) {
        this.client = client;
        this.namespace = namespace;
        this.apiUrl = apiUrl;
    }

    /**
     * @param kubeconfig the file, or null for $KUBECONFIG / ~/.kube/config (or the pod's service account)
     * @param context    the kubeconfig context, or null for its current one
     * @param namespace  or null for the context's namespace, else {@code default}
     */
    static Cluster connect(Path kubeconfig, String context, String namespace, Duration timeout) {
        Config config;
        if (kubeconfig != null) {
            if (!Files.isReadable(kubeconfig)) throw new CliException(ExitCodes.USAGE, "cannot read kubeconfig " + kubeconfig);
            config = Config.fromKubeconfig(context, new File(kubeconfig.toString()));
        } else {
            config = Config.autoConfigure(context);
        }
        int millis = (int) timeout.toMillis();
        config.setConnectionTimeout(millis);
        config.setRequestTimeout(millis);
        config.setRequestRetryBackoffLimit(1);
        config.setUserAgent("proctor-cli");
        String ns = namespace != null ? namespace : config.getNamespace() != null ? config.getNamespace() : "default";
        return new Cluster(new KubernetesClientBuilder().withConfig(config).build(), ns, config.getMasterUrl());
    }

    String namespace() {
        return namespace;
    }

    KubernetesClient client() {
        return client;
    }

    /** The run as the API server has it, or exit 3. */
    GenericKubernetesResource resource(String name) {
        GenericKubernetesResource resource = call(() -> client.genericKubernetesResources(RUNS).inNamespace(namespace).withName(name).get());
        if (resource == null) {
            throw new CliException(ExitCodes.NOT_FOUND, "TestSuiteRun " + name + " not found in namespace " + namespace);
        }
        return resource;
    }

    Run run(String name) {
        return toRun(resource(name));
    }

    /** Newest first. */
    List<Run> runs(boolean allNamespaces, String selector) {
        var runs = client.genericKubernetesResources(RUNS);
        List<GenericKubernetesResource> items = call(() -> {
            var listing = allNamespaces ? runs.inAnyNamespace() : runs.inNamespace(namespace);
            return (selector == null ? listing.list() : listing.withLabelSelector(selector).list()).getItems();
        });
        return items.stream().map(Cluster::toRun)
                .sorted(Comparator.comparing((Run r) -> r.metadata().creationTimestamp() == null ? "" : r.metadata().creationTimestamp())
                        .reversed().thenComparing(Run::name))
                .toList();
    }

    GenericKubernetesResource create(GenericKubernetesResource resource, boolean dryRun) {
        var op = client.genericKubernetesResources(RUNS).inNamespace(namespace).resource(resource);
        return call(() -> dryRun ? op.dryRun().create() : op.create());
    }

    /** One key of a Secret in the namespace, decoded; empty when the Secret or the key is not there. */
    Optional<String> secretValue(String secret, String key) {
        Secret found = call(() -> client.secrets().inNamespace(namespace).withName(secret).get());
        if (found == null || found.getData() == null || found.getData().get(key) == null) {
            if (found != null && found.getStringData() != null && found.getStringData().get(key) != null) {
                return Optional.of(found.getStringData().get(key));
            }
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(found.getData().get(key)), java.nio.charset.StandardCharsets.UTF_8));
    }

    static Run toRun(GenericKubernetesResource resource) {
        return Run.of(Run.JSON.valueToTree(resource));
    }

    static JsonNode toJson(GenericKubernetesResource resource) {
        return Run.JSON.valueToTree(resource);
    }

    /** A Kubernetes API call; what the API server or the network says becomes one line and exit 7 (404: exit 3). */
    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new CliException(ExitCodes.NOT_FOUND, "not found: " + firstLine(e.getMessage())
                        + " (is Proctor's TestSuiteRun CRD installed?)", e);
            }
            String what = e.getCode() > 0
                    ? "the Kubernetes API at " + apiUrl + " refused the request (HTTP " + e.getCode() + "): "
                            + firstLine(e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage())
                    : "the Kubernetes API at " + apiUrl + " did not answer: " + rootCause(e);
            throw new CliException(ExitCodes.CLUSTER, what, e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : firstLine(e.getMessage()) + ": " + message;
    }

    /**
     * What the network said: the outermost cause from the JDK's networking (e.g. {@code ConnectException}, whose own
     * cause is a less telling {@code ClosedChannelException}), else the innermost cause.
     */
    static String rootCause(Throwable e) {
        Throwable found = null;
        for (Throwable t = e; t != null && found == null; t = t.getCause() == t ? null : t.getCause()) {
            String pkg = t.getClass().getPackageName();
            if (pkg.startsWith("java.net") || pkg.startsWith("javax.net") || pkg.startsWith("java.nio.channels")) found = t;
            if (t.getCause() == null && found == null) found = t;
        }
        return found.getClass().getSimpleName() + (found.getMessage() == null ? "" : ": " + firstLine(found.getMessage()));
    }

    static String firstLine(String text) {
        if (text == null) return "";
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public void close() {
        client.close();
    }
}
