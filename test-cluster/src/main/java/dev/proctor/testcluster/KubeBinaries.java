package dev.proctor.testcluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The etcd, kube-apiserver, kube-controller-manager and kubectl binaries, compiled from the Kubernetes Go
 * modules by {@code hack/control-plane/build.sh} and cached (0.3 s when cached, minutes on a cold machine;
 * it needs Go). The script is the single source of how they are built; this class only calls it.
 */
public record KubeBinaries(Path binDir) {
    static final String BUILD_SCRIPT = "hack/control-plane/build.sh";

    public Path etcd() {
        return binDir.resolve("etcd");
    }

    public Path apiserver() {
        return binDir.resolve("kube-apiserver");
    }

    public Path controllerManager() {
        return binDir.resolve("kube-controller-manager");
    }

    public Path kubectl() {
        return binDir.resolve("kubectl");
    }

    /** Runs build.sh (idempotent, serialised by a flock) and takes the bin dir from its last stdout line. */
    public static KubeBinaries build(Path repoRoot, Path logDir) {
        KubeBinaries binaries = new KubeBinaries(BuildScript.run(repoRoot, BUILD_SCRIPT, logDir));
        for (Path binary : List.of(binaries.etcd(), binaries.apiserver(), binaries.controllerManager(), binaries.kubectl())) {
            if (!Files.isExecutable(binary)) throw new IllegalStateException(BUILD_SCRIPT + " reported success but " + binary + " is missing");
        }
        return binaries;
    }

    /**
     * The repository root: the system property {@code proctor.repo.root}, else the nearest folder above the
     * working directory that holds the build script (Maven runs tests in the module's folder).
     */
    public static Path repoRoot() {
        String configured = System.getProperty("proctor.repo.root");
        if (configured != null) return Path.of(configured).toAbsolutePath();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(BUILD_SCRIPT))) return dir;
        }
        throw new IllegalStateException("cannot find " + BUILD_SCRIPT + " above " + Path.of("").toAbsolutePath()
                + "; set -Dproctor.repo.root");
    }
}
