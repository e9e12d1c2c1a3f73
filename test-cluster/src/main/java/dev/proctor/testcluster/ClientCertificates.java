package dev.proctor.testcluster;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The control plane's client CA (EC P-256), trusted by kube-apiserver ({@code --client-ca-file}), and client
 * certificates it signs with EC P-256 keys in either form users meet: SEC 1 ({@code BEGIN EC PRIVATE KEY}, with the
 * curve and public key, as k3s, Go and {@code openssl ecparam} write it) or PKCS #8 ({@code BEGIN PRIVATE KEY}, as
 * {@code openssl genpkey} writes it) — so tests log in with a kubeconfig the way users of those clusters do. Test
 * tooling only.
 */
public final class ClientCertificates {
    private static final Duration VALIDITY = Duration.ofDays(2);
    private final KeyPair caKey;
    private final X509CertificateHolder caCert;

    private ClientCertificates(KeyPair caKey, X509CertificateHolder caCert) {
        this.caKey = caKey;
        this.caCert = caCert;
    }

    /** A new CA, its certificate written to {@code caFile} for the apiserver. */
    static ClientCertificates createCa(Path caFile) {
        KeyPair key = ecKeyPair();
        X500Name name = new X500Name("CN=proctor-test-client-ca");
        X509CertificateHolder cert = sign(name, key, name, key, true);
        write(caFile, pem(cert));
        return new ClientCertificates(key, cert);
    }

    /** How a private key is written. */
    public enum KeyForm { SEC1, PKCS8 }

    /** A client certificate for {@code user} in {@code groups} (its subject's O), and its key. */
    public Issued issue(String user, List<String> groups, KeyForm form) {
        KeyPair key = ecKeyPair();
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
        groups.forEach(g -> subject.addRDN(BCStyle.O, g));
        subject.addRDN(BCStyle.CN, user);
        X509CertificateHolder cert = sign(subject.build(), key, caCert.getSubject(), caKey, false);
        return new Issued(pem(cert), form == KeyForm.SEC1 ? sec1Pem(key) : pem("PRIVATE KEY", key.getPrivate().getEncoded()));
    }

    /** RFC 5915 ECPrivateKey with the named curve and the public key, as OpenSSL and Go write it. */
    private static String sec1Pem(KeyPair key) {
        try {
            ECPrivateKey ec = (ECPrivateKey) key.getPrivate();
            ASN1BitString publicKey = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()).getPublicKeyData();
            org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ec.getS(), publicKey,
                    new X962Parameters(SECObjectIdentifiers.secp256r1));
            return pem("EC PRIVATE KEY", sec1.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** PEM texts: the certificate and its EC private key in SEC 1 form. */
    public record Issued(String certificatePem, String keyPem) {
        public String certificateData() {
            return Base64.getEncoder().encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII));
        }

        public String keyData() {
            return Base64.getEncoder().encodeToString(keyPem.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static X509CertificateHolder sign(X500Name subject, KeyPair subjectKey, X500Name issuer, KeyPair issuerKey, boolean ca) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, subjectKey.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate());
            return builder.build(signer);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certificate for " + subject, e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make EC P-256 keys", e);
        }
    }

    private static String pem(X509CertificateHolder certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
