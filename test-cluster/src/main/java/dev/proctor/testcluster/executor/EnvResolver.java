package dev.proctor.testcluster.executor;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Resolves container env the way kubelet does; a missing non-optional reference is a configuration error. */
final class EnvResolver {
    private final KubernetesClient client;
    private final String namespace;

    EnvResolver(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String value(Pod pod, EnvVar var) {
        if (var.getValueFrom() == null) return var.getValue() == null ? "" : var.getValue();
        var from = var.getValueFrom();
        if (from.getSecretKeyRef() != null) {
            var ref = from.getSecretKeyRef();
            Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
            String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(ref.getKey());
            if (encoded == null) return missing(ref.getOptional(), "secret \"" + ref.getName() + "\" not found or has no key " + ref.getKey());
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
        if (from.getConfigMapKeyRef() != null) {
            var ref = from.getConfigMapKeyRef();
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(ref.getName()).get();
            String value = map == null || map.getData() == null ? null : map.getData().get(ref.getKey());
            return value != null ? value : missing(ref.getOptional(), "configmap \"" + ref.getName() + "\" not found or has no key " + ref.getKey());
        }
        if (from.getFieldRef() != null) {
            return switch (from.getFieldRef().getFieldPath()) {
                case "metadata.name" -> pod.getMetadata().getName();
                case "metadata.namespace" -> pod.getMetadata().getNamespace();
                case "spec.nodeName" -> pod.getSpec().getNodeName();
                case "status.podIP", "status.hostIP" -> "127.0.0.1";
                default -> "";
            };
        }
        return "";
    }

    Map<String, String> from(EnvFromSource source) {
        Map<String, String> values = new HashMap<>();
        String prefix = source.getPrefix() == null ? "" : source.getPrefix();
        if (source.getConfigMapRef() != null) {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(source.getConfigMapRef().getName()).get();
            if (map == null) missing(source.getConfigMapRef().getOptional(), "configmap \"" + source.getConfigMapRef().getName() + "\" not found");
            else if (map.getData() != null) map.getData().forEach((k, v) -> values.put(prefix + k, v));
        }
        if (source.getSecretRef() != null) {
            Secret secret = client.secrets().inNamespace(namespace).withName(source.getSecretRef().getName()).get();
            if (secret == null) missing(source.getSecretRef().getOptional(), "secret \"" + source.getSecretRef().getName() + "\" not found");
            else if (secret.getData() != null) secret.getData().forEach((k, v) ->
                    values.put(prefix + k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        return values;
    }

    private static String missing(Boolean optional, String message) {
        if (Boolean.TRUE.equals(optional)) return null;
        throw new PodWorkspace.ConfigError(message);
    }
}
