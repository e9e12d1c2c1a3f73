package dev.proctor.deploy.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool of the install checks (promtool, lua5.1, yamllint, shellcheck, bash, kubectl). */
public record Command(int exitCode, String stdout, String stderr) {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public String output() {
        return stdout + (stderr.isEmpty() ? "" : "\n" + stderr);
    }

    public static Command run(Path dir, String... command) {
        return run(dir, Map.of(), DEFAULT_TIMEOUT, List.of(command));
    }

    /** Runs {@code command} in {@code dir} with {@code env} added to this JVM's environment; kills it after {@code timeout}. */
    public static Command run(Path dir, Map<String, String> env, Duration timeout, List<String> command) {
        try {
            Path out = Files.createTempFile("proctor-cmd", ".out");
            Path err = Files.createTempFile("proctor-cmd", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                            + " s; output so far:\n" + Files.readString(out) + "\n" + Files.readString(err));
                }
                return new Command(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** The path of {@code tool} on the PATH, or a failure that says how to get it. */
    public static Path require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) return candidate;
        }
        throw new AssertionError(tool + " is not on the PATH: install the Debian package " + debianPackage + " (.ci/run does)");
    }

    /** Whether {@code tool} is on the PATH, for optional linters. */
    public static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}
