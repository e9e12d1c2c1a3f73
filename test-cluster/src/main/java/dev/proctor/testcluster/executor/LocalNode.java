package dev.proctor.testcluster.executor;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.Map;

/**
 * The Node object the executor's pods are bound to, registered Ready as kubelet registers its node. The control
 * plane runs no node-lifecycle controller, so without heartbeats it simply stays Ready.
 */
final class LocalNode {
    private LocalNode() {}

    static void register(KubernetesClient client, String name) {
        String now = KubeletStatus.time(Instant.now());
        Node node = new NodeBuilder()
                .withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name).addToLabels("kubernetes.io/os", "linux")
                .addToLabels("proctor.dev/local-executor", "true")
                .endMetadata()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("local pod executor is posting ready status").withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                .addNewAddress().withType("InternalIP").withAddress(KubeletStatus.HOST_IP).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .withCapacity(Map.of("cpu", new Quantity("8"), "memory", new Quantity("16Gi"), "pods", new Quantity("500")))
                .withAllocatable(Map.of("cpu", new Quantity("8"), "memory", new Quantity("16Gi"), "pods", new Quantity("500")))
                .endStatus()
                .build();
        try {
            client.nodes().resource(node).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
        }
        // the status of a create may be dropped; write it through the status subresource as kubelet does
        client.nodes().withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                client.getKubernetesSerialization().asJson(Map.of("status", node.getStatus())));
    }
}
