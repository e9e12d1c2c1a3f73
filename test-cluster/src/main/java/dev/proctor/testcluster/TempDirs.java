package dev.proctor.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of the temp dirs this tooling creates; failures are reported, never thrown (it runs at shutdown). */
public final class TempDirs {
    private TempDirs() {}

    public static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[test-cluster] could not delete " + dir + ": " + e.getMessage());
        }
    }
}
