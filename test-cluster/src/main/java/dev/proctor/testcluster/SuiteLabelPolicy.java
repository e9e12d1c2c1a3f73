package dev.proctor.testcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The MutatingAdmissionPolicy that labels each TestSuiteRun with its suite as the API server creates it
 * ({@value #FILE}: the file the Helm chart installs), applied the way users without Helm apply it. {@link #install}
 * returns once the policy is in effect: the API server compiles a new policy in the background, so a run created
 * right after the apply could still miss it.
 */
public final class SuiteLabelPolicy {
    public static final String FILE = "helm/proctor/files/suite-label-policy.yaml";
    /** The name of both of the file's objects, the policy and its binding. */
    public static final String NAME = "proctor.dev-suite-label";
    public static final String LABEL = "proctor.dev/suite";
    private static final Duration IN_EFFECT_TIMEOUT = Duration.ofSeconds(30);
    private static final String PROBE_NAMESPACE = "default";

    private SuiteLabelPolicy() {}

    public static void install(KubernetesClient client, Path repoRoot) {
        List<HasMetadata> objects;
        try (InputStream in = Files.newInputStream(repoRoot.resolve(FILE))) {
            objects = client.load(in).items();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
        for (HasMetadata object : objects) client.resource(object).fieldManager("proctor-test-cluster").forceConflicts().serverSideApply();
        Poll.until("suite label policy in effect", IN_EFFECT_TIMEOUT, () -> true, () -> labels(client));
    }

    /** Whether a run created now (a server-side dry run: admission runs, nothing is stored) gets the label. */
    public static boolean labels(KubernetesClient client) {
        GenericKubernetesResource probe = new GenericKubernetesResourceBuilder()
                .withApiVersion("proctor.dev/v1alpha1").withKind("TestSuiteRun")
                .withNewMetadata().withName("suite-label-probe").withNamespace(PROBE_NAMESPACE).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("suite", "probe", "runner", Map.of("image", "probe.invalid/runner:1"))))
                .build();
        GenericKubernetesResource created = client.genericKubernetesResources("proctor.dev/v1alpha1", "TestSuiteRun")
                .inNamespace(PROBE_NAMESPACE).resource(probe).dryRun().create();
        Map<String, String> labels = created.getMetadata().getLabels();
        return labels != null && "probe".equals(labels.get(LABEL));
    }
}
