package dev.proctor.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The etcd, kube-apiserver, kube-controller-manager and kubectl binaries, compiled from the Kubernetes Go
 * modules by {@code hack/control-plane/build.sh} and cached (0.3 s when cached, minutes on a cold machine;
 * it needs Go). The script is the single source of how they are built; this class only calls it.
 */
public record KubeBinaries(Path binDir) {
    static final String BUILD_SCRIPT = "hack/control-plane/build.sh";
    private static final long BUILD_TIMEOUT_MINUTES = 30;

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
        Path script = repoRoot.resolve(BUILD_SCRIPT);
        Path out = logDir.resolve("build.stdout");
        Path err = logDir.resolve("build.stderr");
        try {
            Process build = new ProcessBuilder(script.toString())
                    .directory(repoRoot.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!build.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                build.descendants().forEach(ProcessHandle::destroyForcibly);
                build.destroyForcibly();
                throw new IllegalStateException(script + " did not finish in " + BUILD_TIMEOUT_MINUTES + " min; output in " + logDir);
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            if (build.exitValue() != 0 || lines.isEmpty()) {
                throw new IllegalStateException(script + " failed with exit code " + build.exitValue()
                        + " (it needs Go 1.26+ on the PATH and the Go module proxy or a warm module cache). Last output:\n"
                        + tail(err, 30) + "\nFull output: " + out + " and " + err);
            }
            KubeBinaries binaries = new KubeBinaries(Path.of(lines.get(lines.size() - 1).trim()));
            for (Path binary : List.of(binaries.etcd(), binaries.apiserver(), binaries.controllerManager(), binaries.kubectl())) {
                if (!Files.isExecutable(binary)) throw new IllegalStateException(script + " reported success but " + binary + " is missing");
            }
            return binaries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
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

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
