package dev.proctor.operator.config;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Names the algorithm of the kubeconfig's client key when it is in PKCS #8 form ({@code BEGIN PRIVATE KEY}, what
 * {@code openssl genpkey} and many issuers write). Fabric8 reads the algorithm from the PEM header only, so it takes
 * such an EC P-256 key for RSA and fails with {@code Invalid DER: object is not integer} — in every client it builds,
 * including the one the Operator SDK builds while Quarkus is still starting. So this runs before Quarkus
 * ({@link ProctorMain}) and sets Fabric8's {@value #PROPERTY} system property, which wins over the kubeconfig's PEM
 * header. The key's own algorithm identifier says what it is: the JDK decodes it, no BouncyCastle needed. SEC 1 keys
 * ({@code BEGIN EC PRIVATE KEY}, as k3s writes them) and RSA keys need nothing and are left alone, as is a property
 * the user set.
 */
public final class ClientKeyAlgorithm {
    static final String PROPERTY = "kubernetes.certs.client.key.algo";
    private static final String PKCS8_HEADER = "-----BEGIN PRIVATE KEY-----";

    private ClientKeyAlgorithm() {}

    /** Sets {@value #PROPERTY} when the auto-configured client key is a PKCS #8 key; returns the algorithm it set. */
    public static Optional<String> nameForFabric8() {
        if (System.getProperty(PROPERTY) != null || System.getenv("KUBERNETES_CERTS_CLIENT_KEY_ALGO") != null) return Optional.empty();
        Optional<String> algorithm = of(Config.autoConfigure(null));
        algorithm.ifPresent(a -> System.setProperty(PROPERTY, a));
        return algorithm;
    }

    /** The algorithm of the config's client key when it is in PKCS #8 form. */
    static Optional<String> of(Config config) {
        return pkcs8Key(config).flatMap(ClientKeyAlgorithm::algorithmOf);
    }

    /** The DER bytes of the client key, when it is given in PKCS #8 PEM form. */
    static Optional<byte[]> pkcs8Key(Config config) {
        String pem;
        try {
            if (config.getClientKeyData() != null) {
                pem = new String(Base64.getMimeDecoder().decode(config.getClientKeyData()), StandardCharsets.US_ASCII);
            } else if (config.getClientKeyFile() != null) {
                pem = Files.readString(Path.of(config.getClientKeyFile()), StandardCharsets.US_ASCII);
            } else {
                return Optional.empty();
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // Fabric8 reports an unreadable key itself
        }
        int start = pem.indexOf(PKCS8_HEADER);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) return Optional.empty();
        return Optional.of(Base64.getMimeDecoder().decode(pem.substring(start + PKCS8_HEADER.length(), end)));
    }

    static Optional<String> algorithmOf(byte[] pkcs8) {
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                return Optional.of(algorithm);
            } catch (GeneralSecurityException notThisOne) {
                // try the next
            }
        }
        return Optional.empty();
    }
}
