package dev.proctor.testcluster.node;

import dev.proctor.testcluster.BuildScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Proctor's images as {@code hack/images/build.sh} builds them with buildah from the project's own Dockerfiles
 * (runner, TechShop suite, TechShop app, operator) plus the node's pause image, each an OCI archive cached by a
 * hash of its inputs. The Maven build must have packaged the jars the Dockerfiles copy.
 */
public record Images(List<Image> all) {
    static final String BUILD_SCRIPT = "hack/images/build.sh";
    public static final String RUNNER = "ghcr.io/proctor-dev/runner:0.1.0";
    public static final String TECHSHOP_SUITE = "ghcr.io/proctor-dev/techshop-suite:0.1.0";
    public static final String TECHSHOP_APP = "ghcr.io/proctor-dev/techshop-app:0.1.0";
    public static final String OPERATOR = "ghcr.io/proctor-dev/operator:0.1.0";
    public static final String PAUSE = "registry.k8s.io/pause:3.10";

    /** One image: the name pods use and the archive it was imported from. */
    public record Image(String ref, Path archive) {}

    public static Images build(Path repoRoot, Path logDir) {
        Path list = BuildScript.run(repoRoot, BUILD_SCRIPT, logDir);
        try {
            List<Image> images = Files.readAllLines(list).stream().filter(line -> !line.isBlank()).map(line -> {
                String[] parts = line.trim().split(" ", 2);
                return new Image(parts[0], Path.of(parts[1]));
            }).toList();
            if (images.stream().noneMatch(image -> image.ref().equals(PAUSE))) {
                throw new IllegalStateException(BUILD_SCRIPT + " built no pause image (" + list + ")");
            }
            return new Images(images);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + list, e);
        }
    }
}
