package dev.proctor.testcluster;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts the three components in order, each only after the previous one is ready (as
 * {@code hack/control-plane/up.sh} does). The flags, and why each is there, are documented in
 * {@code hack/control-plane/README.md}.
 */
final class ControlPlaneLauncher {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    /** Controllers Proctor relies on; deliberately not node-lifecycle (no kubelet heartbeats here). */
    private static final String CONTROLLERS = String.join(",", "job-controller", "cronjob-controller",
            "garbage-collector-controller", "ttl-after-finished-controller", "namespace-controller",
            "serviceaccount-controller", "serviceaccount-token-controller", "root-ca-certificate-publisher-controller",
            "resourcequota-controller");
    /** With a real node: its taints and heartbeats, the operator's and app's Deployments, Services' endpoints. */
    private static final String NODE_CONTROLLERS = String.join(",", "node-lifecycle-controller", "deployment-controller",
            "replicaset-controller", "endpointslice-controller", "endpoints-controller", "pod-garbage-collector-controller",
            "disruption-controller", "persistentvolume-binder-controller");

    private ControlPlaneLauncher() {}

    static void launch(ControlPlane plane) {
        startEtcd(plane);
        startApiserver(plane);
        startControllerManager(plane);
    }

    private static void startEtcd(ControlPlane plane) {
        var ports = plane.ports();
        String client = "http://127.0.0.1:" + ports.etcd();
        String peer = "http://127.0.0.1:" + ports.etcdPeer();
        ChildProcess etcd = start(plane, "etcd", List.of(plane.binaries().etcd().toString(),
                "--name=proctor",
                "--data-dir=" + plane.workDir().resolve("etcd"),
                "--listen-client-urls=" + client, "--advertise-client-urls=" + client,
                "--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
                "--initial-cluster=proctor=" + peer,
                "--unsafe-no-fsync=true", // test data; a large speed-up on slow disks
                "--log-level=warn"));
        await(etcd, "etcd /health", () -> InsecureHttp.get(client + "/health", null).ok());
    }

    private static void startApiserver(ControlPlane plane) {
        var ports = plane.ports();
        Path key = plane.credentials().serviceAccountKey();
        List<String> command = new java.util.ArrayList<>(List.of(plane.binaries().apiserver().toString(),
                "--secure-port=" + ports.apiserver(),
                "--etcd-servers=http://127.0.0.1:" + ports.etcd(),
                "--cert-dir=" + plane.workDir().resolve("apiserver-certs"),
                "--token-auth-file=" + plane.credentials().tokenFile(),
                "--client-ca-file=" + plane.credentials().clientCaFile(),
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-key-file=" + key, "--service-account-signing-key-file=" + key,
                "--authorization-mode=RBAC",
                // as on hardened clusters (OpenShift): setting blockOwnerDeletion needs update on the owner's
                // finalizers, so the chart's RBAC is proven to include it
                "--enable-admission-plugins=OwnerReferencesPermissionEnforcement",
                "--service-cluster-ip-range=" + ControlPlane.SERVICE_RANGE,
                "--audit-policy-file=" + writeAuditPolicy(plane), // who asked for what: tests attribute API cost by user agent
                "--audit-log-path=" + plane.auditLog(),
                "--profiling=false"));
        plane.nodeAccess().ifPresentOrElse(node -> command.addAll(List.of(
                // pods reach the apiserver through the `kubernetes` Service, whose endpoint is the node's address
                "--bind-address=0.0.0.0", "--advertise-address=" + node.advertiseAddress(),
                "--kubelet-client-certificate=" + node.kubeletClientCertificate(),
                "--kubelet-client-key=" + node.kubeletClientKey(),
                "--kubelet-preferred-address-types=InternalIP")), () -> command.addAll(List.of(
                "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
                "--endpoint-reconciler-type=none"))); // a loopback advertise address cannot be an endpoint
        ChildProcess apiserver = start(plane, "kube-apiserver", command);
        writeKubeconfig(plane);
        await(apiserver, "kube-apiserver /readyz", () -> Files.exists(plane.apiserverCertificate())
                && InsecureHttp.get(plane.apiUrl() + "/readyz", plane.token()).ok());
    }

    private static void startControllerManager(ControlPlane plane) {
        String kubeconfig = plane.kubeconfig().toString();
        int port = plane.ports().controllerManager();
        ChildProcess kcm = start(plane, "kube-controller-manager", List.of(plane.binaries().controllerManager().toString(),
                "--kubeconfig=" + kubeconfig,
                "--authentication-skip-lookup=true", // no front proxy: skip its CA bundle lookup
                "--authorization-kubeconfig=" + kubeconfig,
                "--bind-address=127.0.0.1", "--secure-port=" + port,
                "--controllers=" + CONTROLLERS + plane.nodeAccess().map(node -> "," + NODE_CONTROLLERS).orElse(""),
                "--leader-elect=true",
                "--use-service-account-credentials=false",
                "--root-ca-file=" + plane.apiserverCertificate(),
                "--service-account-private-key-file=" + plane.credentials().serviceAccountKey(),
                "--cluster-name=proctor",
                "--profiling=false"));
        await(kcm, "kube-controller-manager /healthz", () -> InsecureHttp.get("https://127.0.0.1:" + port + "/healthz", null).ok());
        KubernetesClient client = plane.client();
        await(kcm, "the kube-controller-manager leader lease", () -> {
            Lease lease = client.leases().inNamespace("kube-system").withName("kube-controller-manager").get();
            return lease != null && lease.getSpec().getHolderIdentity() != null;
        });
    }

    private static ChildProcess start(ControlPlane plane, String name, List<String> command) {
        ChildProcess process = ChildProcess.start(name, command, Map.of(), plane.workDir(), plane.workDir().resolve(name + ".log"));
        plane.started(process);
        return process;
    }

    private static void await(ChildProcess process, String what, java.util.function.BooleanSupplier ready) {
        try {
            Poll.until(what, READY_TIMEOUT, process::isAlive, ready);
        } catch (IllegalStateException e) {
            String tail = process.logTail(40);
            if (tail.contains("address already in use")) throw new ControlPlane.PortTakenException(process.name() + ": " + tail);
            throw new IllegalStateException(e.getMessage() + "\n---- last lines of " + process.log() + "\n" + tail, e);
        }
    }

    /** Metadata of every request (no bodies), once, when its response completed. */
    private static Path writeAuditPolicy(ControlPlane plane) {
        Path policy = plane.workDir().resolve("audit-policy.yaml");
        try {
            Files.writeString(policy, """
                    apiVersion: audit.k8s.io/v1
                    kind: Policy
                    omitStages: [RequestReceived, ResponseStarted]
                    rules:
                    - level: Metadata
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + policy, e);
        }
        return policy;
    }

    private static void writeKubeconfig(ControlPlane plane) {
        Kubeconfigs.write(plane.kubeconfig(), plane, Credentials.ADMIN_USER, Map.of("token", plane.token()), "default");
    }
}
