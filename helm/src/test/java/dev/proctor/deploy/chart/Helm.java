package dev.proctor.deploy.chart;

import dev.proctor.testcluster.KubeBinaries;
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
 * The helm CLI, built from its Go module by {@code hack/tools/helm.sh} (cached in ~/.cache/proctor/helm; a cold
 * build takes minutes and needs Go), and the chart under {@code helm/proctor}. The script is the single source
 * of how helm is built; this class only calls it, as test-cluster's KubeBinaries calls the control-plane build.
 */
final class Helm {
    static final String SCRIPT = "hack/tools/helm.sh";
    private static final long BUILD_TIMEOUT_MINUTES = 30;
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static Path binary;
    private static Path monitoringCrds;

    /** Exit code and output of one helm (or kubectl) call. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private Helm() {}

    static Path repoRoot() {
        return KubeBinaries.repoRoot();
    }

    static Path chartDir() {
        return repoRoot().resolve("helm/proctor");
    }

    /** The helm binary: builds it on first use in this JVM (idempotent, serialised by the script's flock). */
    static synchronized Path binary() {
        if (binary == null) binary = Path.of(script());
        return binary;
    }

    /** prometheus-operator's example/prometheus-operator-crd directory in the Go module cache. */
    static synchronized Path monitoringCrds() {
        if (monitoringCrds == null) monitoringCrds = Path.of(script("monitoring-crds"));
        return monitoringCrds;
    }

    /** Runs hack/tools/helm.sh and returns its last stdout line. */
    private static String script(String... args) {
        Path root = repoRoot();
        List<String> command = new ArrayList<>(List.of(root.resolve(SCRIPT).toString()));
        command.addAll(List.of(args));
        Result result = exec(command, Map.of(), root, BUILD_TIMEOUT_MINUTES * 60);
        List<String> lines = result.stdout().lines().toList();
        if (!result.ok() || lines.isEmpty()) {
            throw new IllegalStateException(SCRIPT + " " + String.join(" ", args) + " failed (it needs Go 1.26+ and the Go module "
                    + "proxy or a warm module cache):\n" + result);
        }
        return lines.get(lines.size() - 1).strip();
    }

    /** {@code helm <args>} with a private HOME-less configuration, so nothing from ~/.config/helm leaks in. */
    static Result run(List<String> args) {
        List<String> command = new ArrayList<>(List.of(binary().toString()));
        command.addAll(args);
        Path scratch = scratch();
        return exec(command, Map.of(
                "HELM_CONFIG_HOME", scratch.resolve("config").toString(),
                "HELM_CACHE_HOME", scratch.resolve("cache").toString(),
                "HELM_DATA_HOME", scratch.resolve("data").toString()), repoRoot(), COMMAND_TIMEOUT_SECONDS);
    }

    /** {@code helm template} of the chart with the given values file (null: the defaults); fails on a non-zero exit. */
    static Rendered template(String release, String namespace, Path valuesFile) {
        Result result = tryTemplate(release, namespace, valuesFile);
        if (!result.ok()) throw new AssertionError("helm template failed: " + result);
        return Rendered.parse(result.stdout());
    }

    static Result tryTemplate(String release, String namespace, Path valuesFile, String... extra) {
        List<String> args = new ArrayList<>(List.of("template", release, chartDir().toString(), "--namespace", namespace));
        if (valuesFile != null) args.addAll(List.of("--values", valuesFile.toString()));
        args.addAll(List.of(extra));
        return run(args);
    }

    static Result exec(List<String> command, Map<String, String> env, Path dir, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("proctor-helm", ".out");
            Path err = Files.createTempFile("proctor-helm", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static synchronized Path scratch() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "proctor-helm-home-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }
}
