package dev.proctor.operator.sla;

import dev.proctor.operator.api.v1alpha1.SLAPolicy;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Reads and writes a policy's state ConfigMap ({@code proctor-sla-<policy>}, owned by the policy): the data core's
 * {@code PolicyStateCodec} lays out. Writes carry the resourceVersion read.
 */
@ApplicationScoped
public class PolicyStateConfigMaps {
    private final KubernetesClient client;

    public PolicyStateConfigMaps(KubernetesClient client) {
        this.client = client;
    }

    /** The policy's state ConfigMap, or null when it has none yet. */
    public ConfigMap read(SLAPolicy policy) {
        return client.configMaps().inNamespace(policy.getMetadata().getNamespace())
                .withName(SlaNames.stateConfigMap(policy.getMetadata().getName())).get();
    }

    /**
     * Writes {@code data} when it differs from what is stored; a conflict (another writer) fails the reconcile, which
     * the Operator SDK retries. The worker's results stay unsettled until this succeeds, so the retry applies them again.
     */
    public void write(SLAPolicy policy, ConfigMap stored, Map<String, String> data) {
        if (stored != null && data.equals(stored.getData())) return;
        ConfigMap next = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(SlaNames.stateConfigMap(policy.getMetadata().getName()))
                .withNamespace(policy.getMetadata().getNamespace())
                .withResourceVersion(stored == null ? null : stored.getMetadata().getResourceVersion())
                .addToLabels(SlaNames.LABEL_POLICY, policy.getMetadata().getName())
                .addToLabels(ProctorNames.LABEL_MANAGED_BY, ProctorNames.MANAGED_BY)
                .addNewOwnerReference().withApiVersion(policy.getApiVersion()).withKind(policy.getKind())
                .withName(policy.getMetadata().getName()).withUid(policy.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(false).endOwnerReference()
                .endMetadata()
                .withData(data)
                .build();
        if (stored == null) client.resource(next).create();
        else client.resource(next).update();
    }
}
