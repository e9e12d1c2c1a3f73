package dev.proctor.testcluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubernetes control plane for tests and the demo — <b>test and demo tooling only</b>: etcd,
 * kube-apiserver (static bearer token, RBAC, all default admission plugins) and kube-controller-manager
 * (Job controller, garbage collector, namespace and service-account controllers), each a child process on
 * free 127.0.0.1 ports with its data and logs in a temp dir. There is no scheduler and no kubelet: pods stay
 * Pending unless {@link dev.proctor.testcluster.executor.LocalPodExecutor} plays kubelet.
 *
 * <p>Start-up takes about 4 s once {@code hack/control-plane/build.sh} has cached the binaries, so one
 * instance is shared per JVM ({@link #shared()}) and tests isolate themselves by namespace. A shutdown hook
 * stops the processes when the JVM exits, also when it is interrupted.
 */
public final class ControlPlane implements AutoCloseable {
    private static final int START_ATTEMPTS = 3;
    /** User agent of every client made here, so that the audit log tells test traffic from the operator's. */
    public static final String USER_AGENT = "proctor-test-cluster";
    /** ClusterIPs of Services; {@code 10.0.0.1} is the {@code kubernetes} Service. */
    public static final String SERVICE_RANGE = "10.0.0.0/24";
    private static ControlPlane shared;

    private final Path workDir;
    private final KubeBinaries binaries;
    private final Credentials credentials;
    private final ComponentPorts ports;
    private final NodeAccess nodeAccess;
    private final List<ChildProcess> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "control-plane-shutdown");
    private KubernetesClient client;
    private volatile boolean keepWorkDir = Boolean.getBoolean("proctor.keep");
    private boolean closed;

    record ComponentPorts(int etcd, int etcdPeer, int apiserver, int controllerManager) {
        static ComponentPorts pick() {
            return new ComponentPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next());
        }
    }

    /**
     * What a control plane needs to serve a real node ({@code dev.proctor.testcluster.node.RealNode}): the apiserver
     * listens on every address and advertises the node's, so that pods reach it through the {@code kubernetes}
     * Service; it calls the kubelet (logs, exec) with a client certificate; the controllers of nodes,
     * Deployments and Services run too.
     */
    public record NodeAccess(String advertiseAddress, Path kubeletClientCertificate, Path kubeletClientKey) {}

    private ControlPlane(Path workDir, KubeBinaries binaries, Credentials credentials, ComponentPorts ports, NodeAccess nodeAccess) {
        this.workDir = workDir;
        this.binaries = binaries;
        this.credentials = credentials;
        this.ports = ports;
        this.nodeAccess = nodeAccess;
    }

    /** The one control plane of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized ControlPlane shared() {
        if (shared == null || shared.closed) shared = start();
        return shared;
    }

    /** Builds (or finds cached) binaries and starts a new control plane; retries when a port was taken meanwhile. */
    public static ControlPlane start() {
        return start(createWorkDir(), null);
    }

    /** A control plane for a real node, in {@code workDir}; see {@link NodeAccess}. */
    public static ControlPlane startForNode(Path workDir, NodeAccess node) {
        return start(workDir, node);
    }

    private static ControlPlane start(Path workDir, NodeAccess node) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
        KubeBinaries binaries = KubeBinaries.build(KubeBinaries.repoRoot(), workDir);
        Credentials credentials = Credentials.create(workDir.resolve("pki"));
        for (int attempt = 1; ; attempt++) {
            ControlPlane plane = new ControlPlane(workDir, binaries, credentials, ComponentPorts.pick(), node);
            Runtime.getRuntime().addShutdownHook(plane.shutdownHook);
            try {
                ControlPlaneLauncher.launch(plane);
                return plane;
            } catch (PortTakenException e) {
                plane.stopProcesses();
                plane.forgetHook();
                TempDirs.delete(workDir.resolve("etcd")); // bootstrapped for the old peer URL
                if (attempt == START_ATTEMPTS) throw new IllegalStateException("ports kept clashing; logs in " + workDir, e);
            } catch (RuntimeException e) {
                plane.keepWorkDir = true;
                plane.close();
                throw new IllegalStateException("the test control plane did not start: " + e.getMessage()
                        + "\nlogs in " + workDir, e);
            }
        }
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("proctor-cp-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir", e);
        }
    }

    /** A process reported its port as in use: another process took it between picking and binding. */
    static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }

    void started(ChildProcess process) {
        processes.add(process);
    }

    Path workDir() {
        return workDir;
    }

    KubeBinaries binaries() {
        return binaries;
    }

    Credentials credentials() {
        return credentials;
    }

    ComponentPorts ports() {
        return ports;
    }

    /** Present when this control plane serves a real node. */
    public java.util.Optional<NodeAccess> nodeAccess() {
        return java.util.Optional.ofNullable(nodeAccess);
    }

    /** On 127.0.0.1, or on the node's address when serving a real node (its serving certificate names only that). */
    public String apiUrl() {
        return "https://" + (nodeAccess == null ? "127.0.0.1" : nodeAccess.advertiseAddress()) + ":" + ports.apiserver();
    }

    /** The admin bearer token (group system:masters). */
    public String token() {
        return credentials.token();
    }

    /** A kubeconfig for kubectl and other tools, pointing at {@link #apiUrl()} with the admin token. */
    public Path kubeconfig() {
        return workDir.resolve("admin.kubeconfig");
    }

    /**
     * A kubeconfig that logs in with a client certificate (an EC P-256 key, as k3s issues) for {@code user} in
     * {@code groups}, as many clusters' kubeconfigs do, with a context naming {@code namespace} or — when null — none.
     */
    public Path clientCertificateKubeconfig(String fileName, String user, List<String> groups, ClientCertificates.KeyForm keyForm,
                                            String namespace) {
        ClientCertificates.Issued issued = credentials.clientCa().issue(user, groups, keyForm);
        return Kubeconfigs.write(workDir.resolve(fileName), this, user, java.util.Map.of(
                "client-certificate-data", issued.certificateData(), "client-key-data", issued.keyData()), namespace);
    }

    /** The apiserver's self-signed serving certificate (and its CA), written by the apiserver at start. */
    public Path apiserverCertificate() {
        return workDir.resolve("apiserver-certs/apiserver.crt");
    }

    /** kube-apiserver's audit log: one JSON line per completed request, with verb, resource and user agent. */
    public Path auditLog() {
        return workDir.resolve("audit.log");
    }

    public Path kubectlBinary() {
        return binaries.kubectl();
    }

    /** Where logs, etcd data and certificates live; kept after close when {@link #keepLogs()} was called. */
    public Path logDir() {
        return workDir;
    }

    /** A shared admin client; the caller must not close it. */
    public synchronized KubernetesClient client() {
        if (client == null) client = newClient();
        return client;
    }

    /** A new admin client that the caller owns and closes. */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    /** Fabric8 configuration for the admin: token auth, the self-signed serving certificate trusted. */
    public Config config() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(apiUrl())
                .withOauthToken(token())
                .withTrustCerts(true)
                .withDisableHostnameVerification(true)
                .withNamespace("default")
                .withUserAgent(USER_AGENT)
                .build();
    }

    /** Result of a kubectl call. */
    public record CommandResult(int exitCode, String stdout, String stderr) {}

    /** Runs the cached kubectl against this control plane. */
    public CommandResult kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(binaries.kubectl().toString(), "--kubeconfig=" + kubeconfig()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    /**
     * Runs a command (a kubectl plugin, the proctor CLI…) with this process's environment plus {@code env}, its
     * output captured; waits at most 10 minutes.
     */
    public CommandResult run(List<String> command, Map<String, String> env) {
        try {
            Path out = Files.createTempFile(workDir, "command", ".out");
            Path err = Files.createTempFile(workDir, "command", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) process.destroyForcibly();
            CommandResult result = new CommandResult(process.waitFor(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** GET on the apiserver with the admin token, e.g. {@code /metrics}. */
    public InsecureHttp.Response getRaw(String path) {
        return InsecureHttp.get(apiUrl() + path, token());
    }

    /** Keep the work dir (logs, etcd data) after close, e.g. because a test failed. */
    public void keepLogs() {
        keepWorkDir = true;
    }

    /** Environment for a process (e.g. the operator) that should talk to this control plane as admin. */
    public Map<String, String> kubeconfigEnv() {
        return Map.of("KUBECONFIG", kubeconfig().toString());
    }

    /** Stops kube-controller-manager, kube-apiserver, etcd in that order (the apiserver needs etcd to stop cleanly). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (client != null) client.close();
        stopProcesses();
        forgetHook();
        if (keepWorkDir) {
            System.err.println("[control-plane] logs and data kept in " + workDir);
        } else {
            TempDirs.delete(workDir);
        }
    }

    private void stopProcesses() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    private void forgetHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: it stops the processes itself
        }
    }

    /** The last log lines of every component, for a failure message. */
    String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        for (ChildProcess process : processes) {
            out.append("---- last lines of ").append(process.log()).append('\n').append(process.logTail(lines)).append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ControlPlane(" + apiUrl() + ", work dir " + workDir + ")";
    }
}
