package dev.proctor.testcluster.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Short host commands (ip, iptables, ctr, crictl, umount, openssl) as the real node's set-up and teardown need
 * them: run to completion with a bound, output captured. Teardown uses {@link #quietly} so that one step failing
 * never stops the next.
 */
final class Host {
    private static final long TIMEOUT_SECONDS = 120;

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        List<String> lines() {
            return output.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private Host() {}

    static Result run(String... command) {
        return run(List.of(command));
    }

    static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Runs the command and fails with its output when it exits non-zero. */
    static String check(String... command) {
        Result result = run(command);
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exitCode() + "): " + result.output().strip());
        }
        return result.output();
    }

    /** Runs the command; a failure is printed, not thrown (teardown goes on). */
    static void quietly(String... command) {
        Result result = run(command);
        if (!result.ok()) System.err.println("[real-node] " + String.join(" ", command) + ": " + result.output().strip());
    }

    static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    static void write(java.nio.file.Path file, String text) {
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
