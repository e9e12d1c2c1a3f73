package dev.proctor.testcluster.node;

import dev.proctor.testcluster.ChildProcess;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.FreePorts;
import dev.proctor.testcluster.InsecureHttp;
import dev.proctor.testcluster.KubeBinaries;
import dev.proctor.testcluster.Poll;
import dev.proctor.testcluster.TempDirs;
import io.fabric8.kubernetes.api.model.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A real single-node cluster on this machine — <b>test and demo tooling only</b>: the test control plane (its
 * apiserver reachable from pods, the node controllers on), Debian's containerd with runc and the CNI bridge
 * ({@link HostNetwork}), and kubelet, kube-proxy, kube-scheduler and CoreDNS built from their Go modules by
 * {@code hack/node/build.sh}. Pods run Proctor's own images, built by {@code hack/images/build.sh} from the
 * project's Dockerfiles and imported into containerd. The measured facts behind each setting are in
 * {@code REAL-NODE.md} and {@code docs/real-node.md}.
 *
 * <p>Only one real node may run on a machine: a lock file says so. {@link #close()} takes everything away —
 * pods (through the CRI, so their network namespaces go too), processes, mounts, cgroups, the bridge, the guard
 * rule and every {@code KUBE-*} chain — also from a shutdown hook when the JVM is stopped, and a new node first
 * clears what a killed one left.
 */
public final class RealNode implements AutoCloseable {
    public static final String NODE_NAME = "proctor-node";
    public static final String NODE_IP = HostNetwork.NODE_IP;
    public static final String CLUSTER_DOMAIN = "cluster.local";
    static final String NODE_BUILD_SCRIPT = "hack/node/build.sh";
    private static final Path LOCK_FILE = Path.of("/run/proctor-real-node.lock");
    private static final Path CONTAINERD_ROOT = Path.of(System.getProperty("user.home"), ".cache/proctor/node/containerd");
    private static final String WORK_DIR_PREFIX = "proctor-node-";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path workDir;
    private final FileChannel lockChannel;
    private final List<ChildProcess> processes = new ArrayList<>();
    private final Map<String, Duration> startSteps = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "real-node-shutdown");
    private ControlPlane plane;
    private Containerd containerd;
    private Images images;
    private NodeBinaries binaries;
    private boolean keepWorkDir;
    private boolean closed;
    private List<String> leftovers = List.of();

    private RealNode(Path workDir, FileChannel lockChannel) {
        this.workDir = workDir;
        this.lockChannel = lockChannel;
    }

    /** Builds what is missing (binaries, images), then starts the control plane and the node and waits until it is Ready. */
    public static RealNode start() {
        FileChannel lock = lock();
        Path workDir;
        try {
            workDir = Files.createTempDirectory(WORK_DIR_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir", e);
        }
        RealNode node = new RealNode(workDir, lock);
        Runtime.getRuntime().addShutdownHook(node.shutdownHook);
        try {
            node.launch();
            return node;
        } catch (RuntimeException e) {
            node.keepWorkDir = true;
            node.close();
            throw new IllegalStateException("the real node did not start: " + e.getMessage() + "\nlogs in " + workDir, e);
        }
    }

    private static FileChannel lock() {
        try {
            FileChannel channel = FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held = channel.tryLock();
            if (held == null) {
                channel.close();
                throw new IllegalStateException("another real node runs on this machine (" + LOCK_FILE + " is locked); only one may");
            }
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + LOCK_FILE + " (the real node needs root)", e);
        }
    }

    private void launch() {
        Path root = KubeBinaries.repoRoot();
        Teardown.hostState(workDir.getParent(), WORK_DIR_PREFIX, CONTAINERD_ROOT); // what a killed run left
        binaries = step("binaries (hack/node/build.sh)", () -> NodeBinaries.build(root, workDir));
        images = step("images (hack/images/build.sh)", () -> Images.build(root, workDir));
        NodePki pki = step("certificates", () -> NodePki.create(workDir.resolve("node-pki"), NODE_NAME, NODE_IP));
        step("bridge " + HostNetwork.BRIDGE + " and guard rule", HostNetwork::create);
        plane = step("control plane", () -> ControlPlane.startForNode(workDir.resolve("control-plane"),
                new ControlPlane.NodeAccess(NODE_IP, pki.apiserverClientCert(), pki.apiserverClientKey())));
        containerd = step("containerd", () -> Containerd.start(workDir, CONTAINERD_ROOT, binaries.crictl(), Images.PAUSE,
                ControlPlane.SERVICE_RANGE));
        step("image imports", () -> containerd.importImages(images.all()));
        step("CoreDNS, kube-proxy, kube-scheduler, kubelet", () -> NodeComponents.startAll(this, binaries, pki));
        step("node Ready", this::awaitReady);
        System.out.println("[real-node] started: " + startSteps.entrySet().stream()
                .map(e -> e.getKey() + " " + seconds(e.getValue())).reduce((a, b) -> a + ", " + b).orElse(""));
    }

    private <T> T step(String name, Supplier<T> action) {
        long started = System.nanoTime();
        T result = action.get();
        startSteps.put(name, Duration.ofNanos(System.nanoTime() - started));
        return result;
    }

    private void step(String name, Runnable action) {
        step(name, () -> {
            action.run();
            return null;
        });
    }

    private void awaitReady() {
        var client = plane.client();
        Poll.until("node " + NODE_NAME + " Ready without taints", READY_TIMEOUT, this::processesAlive, () -> {
            Node node = client.nodes().withName(NODE_NAME).get();
            if (node == null || node.getStatus() == null || node.getStatus().getConditions() == null) return false;
            boolean ready = node.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            return ready && (node.getSpec().getTaints() == null || node.getSpec().getTaints().isEmpty());
        });
        Poll.until("kube-proxy's rules for the kubernetes Service", READY_TIMEOUT, this::processesAlive,
                () -> Host.run("iptables-save", "-t", "nat").output().contains("default/kubernetes:https"));
        Poll.until("the default ServiceAccount", READY_TIMEOUT, this::processesAlive,
                () -> client.serviceAccounts().inNamespace("default").withName("default").get() != null);
    }

    private boolean processesAlive() {
        for (ChildProcess process : processes) {
            if (!process.isAlive()) throw new IllegalStateException(process.name() + " exited:\n" + process.logTail(30));
        }
        return true;
    }

    void started(ChildProcess process) {
        processes.add(process);
    }

    Path workDir() {
        return workDir;
    }

    Containerd containerd() {
        return containerd;
    }

    /** The control plane this node belongs to: tests use its clients and kubectl as with the local executor. */
    public ControlPlane controlPlane() {
        return plane;
    }

    public Images images() {
        return images;
    }

    /** Where the kubelet and containerd keep their logs; kept after close when {@link #keepLogs()} was called. */
    public Path logDir() {
        return workDir;
    }

    public void keepLogs() {
        keepWorkDir = true;
        if (plane != null) plane.keepLogs();
    }

    /** The last lines of the node's processes' logs (kubelet, kube-proxy, …), for a failure message. */
    public String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        for (ChildProcess process : processes) {
            out.append("---- last lines of ").append(process.log()).append('\n').append(process.logTail(lines)).append('\n');
        }
        return out.toString();
    }

    /** After {@link #close()}: what it could not remove from the host (bridge, rules, mounts, cgroups); empty when clean. */
    public synchronized List<String> leftovers() {
        return leftovers;
    }

    static int freePort() {
        return FreePorts.next();
    }

    static boolean answers(String url) {
        return InsecureHttp.get(url, null).ok();
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** Stops the kubelet first (so it starts nothing new), then pods, components, containerd; then clears the host. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        long started = System.nanoTime();
        ChildProcess kubelet = processes.stream().filter(p -> p.name().equals("kubelet")).findFirst().orElse(null);
        if (kubelet != null) kubelet.close();
        if (containerd != null) containerd.removeAllPods();
        for (int i = processes.size() - 1; i >= 0; i--) processes.get(i).close();
        if (containerd != null) containerd.close();
        if (binaries != null) Host.quietly(binaries.kubeProxy().toString(), "--cleanup"); // its own rules; HostNetwork catches the rest
        Teardown.hostState(workDir.getParent(), WORK_DIR_PREFIX, CONTAINERD_ROOT);
        if (plane != null) plane.close();
        leftovers = Teardown.leftovers(workDir.getParent(), WORK_DIR_PREFIX);
        if (!leftovers.isEmpty()) System.err.println("[real-node] teardown left: " + leftovers);
        if (keepWorkDir) {
            System.err.println("[real-node] logs kept in " + workDir);
        } else {
            TempDirs.delete(workDir);
        }
        try {
            lockChannel.close();
        } catch (IOException e) {
            System.err.println("[real-node] cannot release " + LOCK_FILE + ": " + e.getMessage());
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is what is running
        }
        System.out.println("[real-node] removed in " + seconds(Duration.ofNanos(System.nanoTime() - started)));
    }

    @Override
    public String toString() {
        return "RealNode(" + NODE_NAME + " at " + NODE_IP + ", work dir " + workDir + ")";
    }
}
