package dev.proctor.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientKeyAlgorithmTest {

    private static String pkcs8Pem(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) generator.initialize(new ECGenParameterSpec("secp256r1"));
        else generator.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static Config withKeyData(String pem) {
        return new ConfigBuilder(Config.empty()).withClientKeyData(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)))
                .build();
    }

    @Test
    void aPkcs8EcKeyIsNamedEcSoFabric8DoesNotTakeItForRsa() throws Exception {
        assertThat(ClientKeyAlgorithm.of(withKeyData(pkcs8Pem("EC")))).contains("EC");
    }

    @Test
    void aPkcs8RsaKeyIsNamedRsaAndOtherFormsNeedNothing() throws Exception {
        assertThat(ClientKeyAlgorithm.of(withKeyData(pkcs8Pem("RSA")))).contains("RSA");
        assertThat(ClientKeyAlgorithm.of(withKeyData("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n")))
                .as("SEC 1: Fabric8 reads it from the header").isEmpty();
        assertThat(ClientKeyAlgorithm.of(new ConfigBuilder(Config.empty()).withOauthToken("t").build())).as("no client key").isEmpty();
    }
}
