package dev.proctor.sdk.browser;

import java.nio.file.Path;

/**
 * File names for a test's artifacts: the test id ({@code class#method}, or feature and scenario) made safe for any
 * file system, then the kind — {@code dev.shop.CartTest#addsItem-trace.zip}. Long ids are shortened with a hash so
 * that two tests never share a name.
 */
public final class ArtifactNames {
    static final int MAX_STEM = 150;

    private ArtifactNames() {}

    public static String stem(String testId) {
        String safe = testId.replaceAll("[^A-Za-z0-9._#@-]+", "_");
        if (safe.length() <= MAX_STEM) return safe;
        String hash = Integer.toHexString(testId.hashCode());
        return safe.substring(0, MAX_STEM - hash.length() - 1) + "~" + hash;
    }

    public static Path file(Path dir, String testId, String kind) {
        return dir.resolve(stem(testId) + "-" + kind);
    }
}
