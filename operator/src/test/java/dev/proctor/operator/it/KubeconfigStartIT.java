package dev.proctor.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.run.RunPhase;
import dev.proctor.operator.config.ProctorLeaderElection;
import dev.proctor.testcluster.ClientCertificates;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.WithControlPlane;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The operator starts as {@code hack/run-operator.sh} starts it against a user's cluster — from nothing but a
 * kubeconfig — when that kubeconfig logs in with an EC P-256 client certificate (as k3s issues them) and its context
 * names no namespace (as kind, k3s and cloud kubeconfigs often do): it says where its leader Lease lives, takes the
 * Lease there and runs a suite.
 */
@WithControlPlane
class KubeconfigStartIT {

    @ParameterizedTest(name = "EC P-256 key in {0} form")
    @EnumSource(ClientCertificates.KeyForm.class)
    void startsFromAKubeconfigWithAnEcClientKeyAndNoNamespace(ClientCertificates.KeyForm form, KubernetesClient client,
                                                              ControlPlane plane) throws Exception {
        String name = "kubeconfig-" + form.name().toLowerCase(java.util.Locale.ROOT);
        Path kubeconfig = plane.clientCertificateKubeconfig(name + ".kubeconfig", "proctor-" + name, List.of("system:masters"), form,
                null);
        String text = Files.readString(kubeconfig);
        assertThat(text).doesNotContain("namespace:");
        String key = new String(Base64.getDecoder().decode(
                text.lines().filter(l -> l.contains("client-key-data:")).findFirst().orElseThrow().split(":", 2)[1].trim()));
        assertThat(key).startsWith(form == ClientCertificates.KeyForm.SEC1 ? "-----BEGIN EC PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----");

        ProctorStack.get().withOperatorFromKubeconfig("operator-" + name, kubeconfig, operator -> {
            Runs.create(client, name, 2, Map.of(), "");
            assertThat(Runs.awaitFinished(client, name).getStatus().phase).isEqualTo(RunPhase.Succeeded);
            Lease lease = client.leases().inNamespace(ProctorLeaderElection.FALLBACK_NAMESPACE).withName(ProctorLeaderElection.LEASE).get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("operator-" + name);
            assertThat(operator.logTail(400)).contains("leader election: Lease default/proctor-operator (namespace by default");
        });
    }
}
