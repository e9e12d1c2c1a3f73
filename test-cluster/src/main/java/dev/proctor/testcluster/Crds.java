package dev.proctor.testcluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Installs CRD files the way users do (server-side apply) and waits until the API server serves them. */
public final class Crds {
    private static final Duration ESTABLISHED_TIMEOUT = Duration.ofSeconds(60);

    private Crds() {}

    /** Applies every {@code *.yml}/{@code *.yaml} file in {@code dir}; returns once all are Established. */
    public static List<CustomResourceDefinition> installAll(KubernetesClient client, Path dir) {
        List<CustomResourceDefinition> installed = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
                    installed.add(client.resource(crd).fieldManager("proctor-test-cluster").forceConflicts().serverSideApply());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRDs from " + dir, e);
        }
        for (CustomResourceDefinition crd : installed) {
            String name = crd.getMetadata().getName();
            Poll.until("CRD " + name + " Established", ESTABLISHED_TIMEOUT, () -> true, () -> established(client, name));
        }
        return installed;
    }

    public static boolean established(KubernetesClient client, String name) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
