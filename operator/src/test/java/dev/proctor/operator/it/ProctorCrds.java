package dev.proctor.operator.it;

import dev.proctor.testcluster.Crds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;

/** The committed CRDs under crds/, installed as users install them. */
final class ProctorCrds {
    static final Path DIR = Path.of("../crds");
    static final String TEST_SUITE_RUNS = "testsuiteruns.proctor.dev";

    private ProctorCrds() {}

    static List<CustomResourceDefinition> install(KubernetesClient client) {
        return Crds.installAll(client, DIR);
    }
}
