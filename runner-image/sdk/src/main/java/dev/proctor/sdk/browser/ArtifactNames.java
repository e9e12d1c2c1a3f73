package dev.proctor.sdk.browser;

import dev.proctor.core.report.ArtifactFiles;
import java.nio.file.Path;

/**
 * File names for a test's artifacts: the test id ({@code class#method}, or feature and scenario) made safe for any
 * file system, then the kind — {@code dev.shop.CartTest#addsItem-trace.zip}. Long ids are shortened with a hash so
 * that two tests never share a name.
 */
public final class ArtifactNames {
    static final int MAX_STEM = ArtifactFiles.MAX_STEM;

    private ArtifactNames() {}

    public static String stem(String testId) {
        return ArtifactFiles.stem(testId);
    }

    public static Path file(Path dir, String testId, String kind) {
        return dir.resolve(stem(testId) + "-" + kind);
    }
}
