package dev.proctor.deploy.ci;

import dev.proctor.deploy.rules.OperatorStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CI pipeline examples under examples/ci and the run manifests they hand to run-suite.sh. */
final class CiExamples {
    static final List<String> PIPELINES = List.of("github-actions.yaml", "gitlab-ci.yaml", "Jenkinsfile");
    private static final Pattern RUN_SUITE_CALL = Pattern.compile("examples/ci/run-suite\\.sh\\s+(?:-\\S+\\s+\\S+\\s+)*(\\S+\\.ya?ml)");

    private CiExamples() {}

    static Path root() {
        return OperatorStack.repoRoot();
    }

    static Path dir() {
        return root().resolve("examples/ci");
    }

    static Path script() {
        return dir().resolve("run-suite.sh");
    }

    static String read(String file) {
        try {
            return Files.readString(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifests (paths from the repository root) a pipeline runs through run-suite.sh. */
    static Set<String> manifestsRunBy(String pipeline) {
        Set<String> manifests = new LinkedHashSet<>();
        Matcher m = RUN_SUITE_CALL.matcher(read(pipeline));
        while (m.find()) manifests.add(m.group(1));
        return manifests;
    }
}
