package dev.proctor.deploy.argocd;

import dev.proctor.deploy.rules.OperatorStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Argo CD health checks under examples/argocd, in Argo CD's resource_customizations layout. */
final class HealthChecks {
    static final String GROUP = "proctor.dev";
    static final List<String> KINDS = List.of("TestSuiteRun", "SLAPolicy", "AlertRoute", "TestSuiteSchedule");

    private HealthChecks() {}

    static Path examples() {
        return OperatorStack.repoRoot().resolve("examples/argocd");
    }

    /** examples/argocd/health/proctor.dev/&lt;Kind&gt;. */
    static Path dir(String kind) {
        return examples().resolve("health").resolve(GROUP).resolve(kind);
    }

    static Path script(String kind) {
        return dir(kind).resolve("health.lua");
    }

    static List<Path> kindsOnDisk() {
        try (Stream<Path> dirs = Files.list(examples().resolve("health").resolve(GROUP))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
