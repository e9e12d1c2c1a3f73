package dev.proctor.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What the control plane needs to authenticate, made without openssl: an admin bearer token in a static token file
 * (group {@code system:masters}), an RSA key that signs service-account tokens, written as PKCS#8 PEM, which
 * kube-apiserver and kube-controller-manager both read, and a client CA for certificate logins.
 */
record Credentials(String token, Path tokenFile, Path serviceAccountKey, Path clientCaFile, ClientCertificates clientCa) {
    static final String ADMIN_USER = "proctor-admin";

    static Credentials create(Path dir) {
        try {
            Files.createDirectories(dir);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            Path tokenFile = dir.resolve("tokens.csv");
            Files.writeString(tokenFile, token + "," + ADMIN_USER + "," + ADMIN_USER + ",system:masters\n");
            Path key = dir.resolve("sa.key");
            Files.writeString(key, rsaPrivateKeyPem(), StandardCharsets.US_ASCII);
            Path clientCaFile = dir.resolve("client-ca.crt");
            return new Credentials(token, tokenFile, key, clientCaFile, ClientCertificates.createCa(clientCaFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write credentials to " + dir, e);
        }
    }

    private static String rsaPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no RSA key generator", e);
        }
    }
}
