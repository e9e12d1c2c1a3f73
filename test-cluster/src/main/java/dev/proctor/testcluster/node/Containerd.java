package dev.proctor.testcluster.node;

import dev.proctor.testcluster.ChildProcess;
import dev.proctor.testcluster.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Debian's containerd (1.6) with runc and the CNI plugins from {@code /usr/lib/cni}. Its root, which holds the
 * imported images, lives in a cache folder and outlives the node, so that a warm start imports nothing; its
 * state (sockets, task bundles, rootfs mounts) lives in the node's work dir and goes with it.
 *
 * <p>{@code restrict_oom_score_adj} is the one setting this machine needs: it lacks {@code CAP_SYS_RESOURCE},
 * and without it every pod sandbox fails to start (REAL-NODE.md).
 */
final class Containerd implements AutoCloseable {
    static final String NAMESPACE = "k8s.io";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path socket;
    private final Path root;
    private final Path crictl;
    private final ChildProcess process;

    private Containerd(Path socket, Path root, Path crictl, ChildProcess process) {
        this.socket = socket;
        this.root = root;
        this.crictl = crictl;
        this.process = process;
    }

    static Containerd start(Path workDir, Path root, Path crictl, String sandboxImage, String serviceRange) {
        Path dir = workDir.resolve("containerd");
        Path socket = dir.resolve("containerd.sock");
        Path cniConfig = dir.resolve("net.d");
        Host.write(cniConfig.resolve("10-proctor.conflist"), HostNetwork.cniConfig(dir.resolve("ipam"), serviceRange));
        Path config = dir.resolve("config.toml");
        Host.write(config, """
                version = 2
                root = "%s"
                state = "%s"
                disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
                  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.tracing.processor.v1.otlp"]
                [grpc]
                  address = "%s"
                [plugins."io.containerd.grpc.v1.cri"]
                  sandbox_image = "%s"
                  restrict_oom_score_adj = true
                  enable_selinux = false
                  [plugins."io.containerd.grpc.v1.cri".containerd]
                    snapshotter = "overlayfs"
                    default_runtime_name = "runc"
                    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                      runtime_type = "io.containerd.runc.v2"
                  [plugins."io.containerd.grpc.v1.cri".cni]
                    bin_dir = "/usr/lib/cni"
                    conf_dir = "%s"
                [plugins."io.containerd.internal.v1.opt"]
                  path = "%s"
                """.formatted(root, dir.resolve("state"), socket, sandboxImage, cniConfig, dir.resolve("opt")));
        ChildProcess process = ChildProcess.start("containerd", List.of("containerd", "--config", config.toString()),
                Map.of(), workDir, workDir.resolve("containerd.log"));
        Containerd containerd = new Containerd(socket, root, crictl, process);
        try {
            Poll.until("containerd on " + socket, READY_TIMEOUT, process::isAlive,
                    () -> Files.exists(socket) && containerd.ctr("version").ok());
        } catch (IllegalStateException e) {
            process.close();
            throw new IllegalStateException(e.getMessage() + "\n" + process.logTail(30), e);
        }
        containerd.removeAllPods(); // what a killed run left in the persistent root
        return containerd;
    }

    String endpoint() {
        return "unix://" + socket;
    }

    /**
     * Imports each image archive unless the same archive (its name carries the hash of the image's inputs) was
     * imported into this root before.
     */
    void importImages(List<Images.Image> images) {
        Path record = root.resolve("proctor-imported.txt");
        Set<String> imported = new HashSet<>(readLines(record));
        Set<String> present = new HashSet<>(ctr("images", "ls", "-q").lines());
        for (Images.Image image : images) {
            String entry = image.ref() + " " + image.archive().getFileName();
            if (imported.contains(entry) && present.contains(image.ref())) continue;
            Host.Result result = ctr("images", "import", image.archive().toString());
            if (!result.ok()) throw new IllegalStateException("ctr images import " + image.archive() + " failed: " + result.output());
            imported.add(entry);
        }
        Host.write(record, String.join("\n", imported) + "\n");
    }

    /** Stops and removes every pod sandbox through the CRI, which also removes their network namespaces. */
    void removeAllPods() {
        Host.quietly(crictl.toString(), "--runtime-endpoint", endpoint(), "--timeout", "60s", "rmp", "--force", "--all");
        // anything the CRI did not know about (a crash between create and register)
        for (String task : ctr("tasks", "ls", "-q").lines()) {
            Host.quietly(Host.concat(ctrCommand(), "tasks", "kill", "-s", "SIGKILL", task).toArray(String[]::new));
            Host.quietly(Host.concat(ctrCommand(), "tasks", "delete", "--force", task).toArray(String[]::new));
        }
        for (String container : ctr("containers", "ls", "-q").lines()) {
            Host.quietly(Host.concat(ctrCommand(), "containers", "delete", container).toArray(String[]::new));
        }
    }

    Host.Result ctr(String... args) {
        return Host.run(Host.concat(ctrCommand(), args));
    }

    private List<String> ctrCommand() {
        return List.of("ctr", "--address", socket.toString(), "--namespace", NAMESPACE);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) removeAllPods();
        process.close();
    }
}
