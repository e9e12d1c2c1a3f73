package dev.proctor.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes kubeconfig files for the test control plane: one cluster, one user, one context. Test tooling only. */
final class Kubeconfigs {
    private Kubeconfigs() {}

    /**
     * @param credentials the user's fields, e.g. {@code token} or {@code client-certificate-data} and {@code client-key-data}
     * @param namespace   the context's namespace, or null for a context that names none
     */
    static Path write(Path file, ControlPlane plane, String user, Map<String, String> credentials, String namespace) {
        String userFields = credentials.entrySet().stream().map(e -> "    " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: proctor
                  cluster:
                    server: %s
                    certificate-authority: %s
                users:
                - name: %s
                  user:
                %s
                contexts:
                - name: proctor
                  context: {cluster: proctor, user: %s%s}
                current-context: proctor
                """.formatted(plane.apiUrl(), plane.apiserverCertificate(), user, userFields, user,
                namespace == null ? "" : ", namespace: " + namespace);
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
