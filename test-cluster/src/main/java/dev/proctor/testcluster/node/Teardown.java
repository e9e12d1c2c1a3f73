package dev.proctor.testcluster.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a real node leaves on the host once its processes are gone, and its removal: mounts under the nodes'
 * work dirs and containerd's root (pod volumes, container root filesystems), the kubelet's {@code kubepods}
 * cgroups, the log links in {@code /var/log/containers}, and the network ({@link HostNetwork}). Safe to run
 * when there is nothing to remove.
 */
final class Teardown {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final Path CONTAINER_LOG_LINKS = Path.of("/var/log/containers");

    private Teardown() {}

    static void hostState(Path tempRoot, String workDirPrefix, Path containerdRoot) {
        for (String mount : mounts(tempRoot, workDirPrefix, containerdRoot)) {
            if (!Host.run("umount", mount).ok()) Host.quietly("umount", "-l", mount);
        }
        for (Path cgroup : kubepodsCgroups()) removeCgroup(cgroup);
        removeContainerLogLinks(tempRoot.resolve(workDirPrefix).toString());
        HostNetwork.remove();
    }

    /** What is still there: empty when the host is as clean as before the node. */
    static List<String> leftovers(Path tempRoot, String workDirPrefix) {
        List<String> left = new ArrayList<>(HostNetwork.leftovers());
        mounts(tempRoot, workDirPrefix, null).forEach(mount -> left.add("mount " + mount));
        kubepodsCgroups().forEach(cgroup -> left.add("cgroup " + cgroup));
        return left;
    }

    /** Mount points under a node's work dir or containerd's root, deepest first. */
    private static List<String> mounts(Path tempRoot, String workDirPrefix, Path containerdRoot) {
        List<String> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String point = line.split(" ")[1].replace("\\040", " ");
                boolean nodeDir = point.startsWith(tempRoot.resolve(workDirPrefix).toString());
                boolean containerd = containerdRoot != null && point.startsWith(containerdRoot.toString());
                if (nodeDir || containerd) found.add(point);
            }
        } catch (IOException e) {
            System.err.println("[real-node] cannot read /proc/mounts: " + e.getMessage());
        }
        found.sort(Comparator.comparingInt(String::length).reversed());
        return found;
    }

    /** {@code kubepods} under every cgroup v1 hierarchy (and the unified one), as the kubelet's cgroupfs driver made them. */
    private static List<Path> kubepodsCgroups() {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> hierarchies = Files.list(CGROUPS)) {
            hierarchies.map(h -> h.resolve("kubepods")).filter(Files::isDirectory).forEach(found::add);
        } catch (IOException e) {
            System.err.println("[real-node] cannot list " + CGROUPS + ": " + e.getMessage());
        }
        return found;
    }

    /** cgroup directories are removed with rmdir, innermost first; their files go with them. */
    private static void removeCgroup(Path cgroup) {
        try (Stream<Path> tree = Files.walk(cgroup)) {
            for (Path dir : tree.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                if (!dir.toFile().delete()) System.err.println("[real-node] cannot remove cgroup " + dir + " (a process still in it?)");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("[real-node] cannot walk " + cgroup + ": " + e.getMessage());
        }
    }

    /** The kubelet links every container's log into /var/log/containers: links into a node's work dir, or dangling. */
    private static void removeContainerLogLinks(String workDirs) {
        if (!Files.isDirectory(CONTAINER_LOG_LINKS)) return;
        try (Stream<Path> links = Files.list(CONTAINER_LOG_LINKS)) {
            for (Path link : links.filter(Files::isSymbolicLink).toList()) {
                if (!Files.exists(link) || Files.readSymbolicLink(link).toString().startsWith(workDirs)) Files.deleteIfExists(link);
            }
            try (Stream<Path> rest = Files.list(CONTAINER_LOG_LINKS)) {
                if (rest.findAny().isEmpty()) Files.deleteIfExists(CONTAINER_LOG_LINKS);
            }
        } catch (IOException e) {
            System.err.println("[real-node] cannot clear " + CONTAINER_LOG_LINKS + ": " + e.getMessage());
        }
    }
}
