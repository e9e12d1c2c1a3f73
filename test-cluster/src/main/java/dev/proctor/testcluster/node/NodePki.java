package dev.proctor.testcluster.node;

import java.nio.file.Path;

/**
 * The certificates between the apiserver and the kubelet, made with openssl: a CA, the apiserver's client
 * certificate for the kubelet ({@code system:masters}, so the kubelet's webhook authorizer allows logs and exec)
 * and the kubelet's serving certificate, whose SAN is the node's address.
 */
record NodePki(Path ca, Path apiserverClientCert, Path apiserverClientKey, Path kubeletCert, Path kubeletKey) {

    static NodePki create(Path dir, String nodeName, String nodeIp) {
        Path ca = dir.resolve("ca.crt");
        Path caKey = dir.resolve("ca.key");
        dir.toFile().mkdirs();
        Host.check("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=proctor-node-ca",
                "-keyout", caKey.toString(), "-out", ca.toString());
        NodePki pki = new NodePki(ca, dir.resolve("apiserver-kubelet-client.crt"), dir.resolve("apiserver-kubelet-client.key"),
                dir.resolve("kubelet.crt"), dir.resolve("kubelet.key"));
        sign(dir, ca, caKey, pki.apiserverClientKey(), pki.apiserverClientCert(), "/O=system:masters/CN=kube-apiserver-kubelet-client",
                "extendedKeyUsage=clientAuth");
        sign(dir, ca, caKey, pki.kubeletKey(), pki.kubeletCert(), "/CN=" + nodeName,
                "extendedKeyUsage=serverAuth\nsubjectAltName=IP:" + nodeIp + ",DNS:" + nodeName);
        return pki;
    }

    private static void sign(Path dir, Path ca, Path caKey, Path key, Path cert, String subject, String extensions) {
        Path csr = dir.resolve(cert.getFileName() + ".csr");
        Path ext = dir.resolve(cert.getFileName() + ".ext");
        Host.write(ext, extensions + "\n");
        Host.check("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", key.toString(), "-out", csr.toString());
        Host.check("openssl", "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
    }
}
