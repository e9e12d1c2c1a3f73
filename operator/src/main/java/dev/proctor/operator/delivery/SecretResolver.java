package dev.proctor.operator.delivery;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads one key of a Secret in the route's namespace. A missing Secret or key is an answer, not an exception; its
 * message names the Secret and the key, never a value.
 */
@ApplicationScoped
public class SecretResolver {
    public sealed interface Resolved permits Value, Missing {}

    public record Value(String value) implements Resolved {}

    /** @param reason SecretNotFound or KeyNotFound */
    public record Missing(String reason, String message) implements Resolved {}

    private final KubernetesClient client;

    public SecretResolver(KubernetesClient client) {
        this.client = client;
    }

    public Resolved resolve(String namespace, SecretKeySelector ref) {
        if (ref == null || ref.getName() == null || ref.getKey() == null) {
            return new Missing("SecretNotFound", "a secretKeyRef needs name and key");
        }
        Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
        if (secret == null) {
            return new Missing("SecretNotFound", "Secret " + namespace + "/" + ref.getName() + " (key " + ref.getKey() + ") does not exist");
        }
        String value = null;
        if (secret.getData() != null && secret.getData().get(ref.getKey()) != null) {
            try {
                value = new String(Base64.getDecoder().decode(secret.getData().get(ref.getKey())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Missing("KeyNotFound", "key " + ref.getKey() + " of Secret " + namespace + "/" + ref.getName() + " is not base64");
            }
        } else if (secret.getStringData() != null) {
            value = secret.getStringData().get(ref.getKey());
        }
        if (value == null || value.isBlank()) {
            return new Missing("KeyNotFound", "Secret " + namespace + "/" + ref.getName() + " has no key " + ref.getKey());
        }
        return new Value(value.strip());
    }
}
