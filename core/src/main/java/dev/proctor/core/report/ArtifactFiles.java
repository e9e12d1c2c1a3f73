package dev.proctor.core.report;

import java.util.Locale;

/**
 * How a test's artifact files are named, in one place: the SDK names them after the test ({@link #stem}), the runner
 * files what a suite writes itself under folders named after it ({@link #safe}), and the reporter finds each test's
 * files again by the same names.
 */
public final class ArtifactFiles {
    public static final int MAX_STEM = 150;
    public static final int MAX_NAME = 120;

    /** What a file is, for the report: an image it shows inline, a trace, a video, or anything else it links to. */
    public enum Kind { SCREENSHOT, TRACE, VIDEO, HAR, OTHER }

    private ArtifactFiles() {}

    /**
     * The SDK's file stem of a test id ({@code class#method}, or feature and scenario) made safe for any file
     * system — {@code dev.shop.CartTest#addsItem} in {@code dev.shop.CartTest#addsItem-trace.zip}. Long ids are
     * shortened with a hash so that two tests never share a name.
     */
    public static String stem(String testId) {
        String safe = testId.replaceAll("[^A-Za-z0-9._#@-]+", "_");
        if (safe.length() <= MAX_STEM) return safe;
        String hash = Integer.toHexString(testId.hashCode());
        return safe.substring(0, MAX_STEM - hash.length() - 1) + "~" + hash;
    }

    /** A class or test name as a folder name of the runner's {@code tests/<class>/<test>/try-<n>/} layout. */
    public static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._#()\\[\\], =+-]", "_").strip();
        if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) cleaned = "_";
        return cleaned.length() <= MAX_NAME ? cleaned : cleaned.substring(0, MAX_NAME);
    }

    public static Kind kind(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg")) return Kind.SCREENSHOT;
        if (name.endsWith(".zip") && name.contains("trace")) return Kind.TRACE;
        if (name.endsWith(".webm") || name.endsWith(".mp4")) return Kind.VIDEO;
        if (name.endsWith(".har")) return Kind.HAR;
        return Kind.OTHER;
    }
}
