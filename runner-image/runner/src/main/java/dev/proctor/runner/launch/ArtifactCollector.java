package dev.proctor.runner.launch;

import dev.proctor.core.plan.TestId;
import dev.proctor.core.report.ArtifactFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a suite that does not use the SDK writes itself — Playwright traces, screenshots, logs — after each
 * test attempt: every file matching one of the plan's {@code collect} globs (relative to the working directory)
 * ({@code **}{@code /} also matching no directory) that was written since the attempt started is copied to
 * {@code <artifacts>/tests/<class>/<test>/try-<n>/<path>}. One folder per test attempt, so a retry never overwrites
 * the files of the attempt before it; copies, so a suite that appends to its own files keeps them.
 *
 * <p>Files of failed attempts are kept; those of passing attempts only with {@code PROCTOR_KEEP_ARTIFACTS=always}, as
 * the SDK does. Tests running in parallel in one JVM cannot be told apart by their files: each gets what was written
 * while it ran.
 */
final class ArtifactCollector {
    static final String KEEP_ARTIFACTS = "PROCTOR_KEEP_ARTIFACTS";

    private final Path workingDir;
    private final Path target;
    private final List<PathMatcher> matchers = new ArrayList<>();
    private final List<Path> bases = new ArrayList<>();
    private final boolean keepPassing;

    ArtifactCollector(Path workingDir, Path artifactsDir, List<String> globs, boolean keepPassing) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.target = artifactsDir.resolve("tests");
        this.keepPassing = keepPassing;
        for (String glob : globs) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (IllegalArgumentException e) {
                throw new RunnerError("collect glob '" + glob + "' is not a valid glob: " + e.getMessage(), e);
            }
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            // "**/" also matches no directory at all, as in .gitignore and Ant (Java's glob alone would not)
            if (glob.contains("**/")) matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.replace("**/", "")));
            bases.add(this.workingDir.resolve(staticPrefix(glob)).normalize());
        }
    }

    boolean active() {
        return !matchers.isEmpty();
    }

    /** @return how many files were copied */
    int collect(TestId test, int tryNumber, boolean failed, Instant since) {
        if (matchers.isEmpty() || !failed && !keepPassing) return 0;
        Path folder = target.resolve(safe(test.className())).resolve(safe(testName(test))).resolve("try-" + tryNumber);
        int copied = 0;
        for (Path base : bases.stream().distinct().toList()) {
            copied += copyNewer(base, folder, since);
        }
        return copied;
    }

    private int copyNewer(Path base, Path folder, Instant since) {
        if (!Files.exists(base)) return 0;
        int[] copied = {0};
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Path relative = workingDir.relativize(file.toAbsolutePath().normalize());
                    if (attributes.isRegularFile() && !attributes.lastModifiedTime().toInstant().isBefore(since)
                            && matchers.stream().anyMatch(m -> m.matches(relative))) {
                        Path copy = folder.resolve(relative.toString());
                        Files.createDirectories(copy.getParent());
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                        copied[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    // never collect our own output
                    return dir.toAbsolutePath().normalize().startsWith(target.toAbsolutePath().normalize())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // artifacts are a help, never a reason to fail the shard
        }
        return copied[0];
    }

    private static String testName(TestId test) {
        String method = test.methodName().isEmpty() ? "class" : test.methodName();
        String display = test.displayName();
        boolean plain = display.equals(method) || display.startsWith(method + "(");
        return plain ? method : method + " " + display;
    }

    /** The directory part of a glob before its first wildcard: where to start walking. */
    static String staticPrefix(String glob) {
        int wildcard = glob.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int at = glob.indexOf(c);
            if (at >= 0) wildcard = Math.min(wildcard, at);
        }
        int slash = glob.lastIndexOf('/', wildcard);
        return slash < 0 ? "." : glob.substring(0, slash);
    }

    static String safe(String name) {
        return ArtifactFiles.safe(name);
    }
}
