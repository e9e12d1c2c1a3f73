package dev.proctor.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's idempotent build scripts under {@code hack/} (they build or find cached what the
 * test cluster needs and are serialised by a flock) and returns the path their last stdout line names. The
 * scripts are the single source of how things are built; Java only calls them.
 */
public final class BuildScript {
    private static final long TIMEOUT_MINUTES = 30;

    private BuildScript() {}

    /** Runs {@code repoRoot/script}; its output goes to {@code logDir}. */
    public static Path run(Path repoRoot, String script, Path logDir) {
        Path path = repoRoot.resolve(script);
        String name = path.getFileName().toString().replace(".sh", "");
        Path out = logDir.resolve(name + ".stdout");
        Path err = logDir.resolve(name + ".stderr");
        try {
            Process build = new ProcessBuilder(path.toString())
                    .directory(repoRoot.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!build.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                build.descendants().forEach(ProcessHandle::destroyForcibly);
                build.destroyForcibly();
                throw new IllegalStateException(script + " did not finish in " + TIMEOUT_MINUTES + " min; output in " + logDir);
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            if (build.exitValue() != 0 || lines.isEmpty()) {
                throw new IllegalStateException(script + " failed with exit code " + build.exitValue()
                        + " (it needs Go 1.26+ on the PATH and the Go module proxy or a warm module cache). Last output:\n"
                        + tail(err, 30) + "\nFull output: " + out + " and " + err);
            }
            return Path.of(lines.get(lines.size() - 1).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
