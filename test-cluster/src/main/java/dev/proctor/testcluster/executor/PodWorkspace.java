package dev.proctor.testcluster.executor;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pod's filesystem and environment on the local machine, as kubelet would give them to the container:
 * ConfigMap and Secret volumes written out as files, emptyDirs as empty folders, env values resolved
 * (secretKeyRef, configMapKeyRef, envFrom), and every path that points into a mount — or at the termination
 * message file — rewritten to the local folder standing in for it.
 */
final class PodWorkspace {
    /** Kubelet keeps at most this much of the termination message file. */
    static final int MAX_TERMINATION_MESSAGE = 4096;

    private final Path root;
    private final Path terminationLog;
    private final Map<String, String> env;

    private PodWorkspace(Path root, Path terminationLog, Map<String, String> env) {
        this.root = root;
        this.terminationLog = terminationLog;
        this.env = env;
    }

    /** The container configuration cannot be honoured (a missing Secret or ConfigMap): CreateContainerConfigError. */
    static final class ConfigError extends RuntimeException {
        ConfigError(String message) {
            super(message);
        }
    }

    static PodWorkspace prepare(KubernetesClient client, Pod pod, Container container, Path root) {
        try {
            Files.createDirectories(root);
            String namespace = pod.getMetadata().getNamespace();
            Map<String, Path> volumes = new HashMap<>();
            for (Volume volume : pod.getSpec().getVolumes()) {
                Path dir = Files.createDirectories(root.resolve("volumes").resolve(volume.getName()));
                if (volume.getConfigMap() != null) {
                    ConfigMap map = client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
                    if (map == null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                        throw new ConfigError("configmap \"" + volume.getConfigMap().getName() + "\" not found");
                    }
                    if (map != null && map.getData() != null) writeAll(dir, map.getData());
                } else if (volume.getSecret() != null) {
                    Secret secret = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).get();
                    if (secret == null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                        throw new ConfigError("secret \"" + volume.getSecret().getSecretName() + "\" not found");
                    }
                    if (secret != null && secret.getData() != null) writeAll(dir, decode(secret.getData()));
                }
                volumes.put(volume.getName(), dir);
            }
            Map<String, Path> mounts = new HashMap<>();
            for (VolumeMount mount : container.getVolumeMounts()) {
                Path dir = volumes.get(mount.getName());
                if (dir == null) continue;
                if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) dir = Files.createDirectories(dir.resolve(mount.getSubPath()));
                mounts.put(mount.getMountPath(), dir);
            }
            Path terminationLog = root.resolve("termination-log");
            String terminationPath = container.getTerminationMessagePath() == null ? "/dev/termination-log" : container.getTerminationMessagePath();
            Map<String, String> env = new LinkedHashMap<>();
            EnvResolver resolver = new EnvResolver(client, namespace);
            if (container.getEnvFrom() != null) {
                for (EnvFromSource source : container.getEnvFrom()) env.putAll(resolver.from(source));
            }
            if (container.getEnv() != null) {
                for (EnvVar var : container.getEnv()) {
                    String value = resolver.value(pod, var);
                    if (value != null) env.put(var.getName(), rewrite(value, mounts, terminationPath, terminationLog));
                }
            }
            return new PodWorkspace(root, terminationLog, env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the workspace of pod " + pod.getMetadata().getName(), e);
        }
    }

    /** A path into a mount, or the termination message path, as the local path that stands in for it. */
    static String rewrite(String value, Map<String, Path> mounts, String terminationPath, Path terminationLog) {
        if (value.equals(terminationPath)) return terminationLog.toString();
        return mounts.entrySet().stream()
                .filter(m -> value.equals(m.getKey()) || value.startsWith(m.getKey().endsWith("/") ? m.getKey() : m.getKey() + "/"))
                .max(Comparator.comparingInt(m -> m.getKey().length()))
                .map(m -> m.getValue() + value.substring(m.getKey().length()))
                .orElse(value);
    }

    private static Map<String, String> decode(Map<String, String> base64) {
        Map<String, String> plain = new HashMap<>();
        base64.forEach((k, v) -> plain.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return plain;
    }

    private static void writeAll(Path dir, Map<String, String> data) throws IOException {
        for (var entry : data.entrySet()) Files.writeString(dir.resolve(entry.getKey()), entry.getValue(), StandardCharsets.UTF_8);
    }

    Path root() {
        return root;
    }

    Path terminationLog() {
        return terminationLog;
    }

    Map<String, String> env() {
        return env;
    }

    /** The termination message as kubelet reports it: the file's first 4096 bytes, or null when there is none. */
    String terminationMessage() {
        try {
            if (!Files.exists(terminationLog)) return null;
            byte[] bytes = Files.readAllBytes(terminationLog);
            if (bytes.length == 0) return null;
            int length = Math.min(bytes.length, MAX_TERMINATION_MESSAGE);
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
