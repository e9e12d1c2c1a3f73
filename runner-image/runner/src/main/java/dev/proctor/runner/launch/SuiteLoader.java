package dev.proctor.runner.launch;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the suite on its own JUnit Platform version.
 *
 * <p>A JUnit Platform launcher works only with engines built for its own platform version (Jupiter 5.9 on launcher
 * 1.13 fails with {@code NoSuchMethodError}s inside JUnit), so the runner does not bring one fixed launcher onto
 * the suite's classpath. Its own jars hold no JUnit at all; at start it reads which {@code junit-platform-engine}
 * the suite carries and builds one class loader of the runner's jars, the suite's jars and a launcher of exactly
 * that version: the suite's own if it has one, else one of those the runner image bundles
 * ({@code /opt/proctor/runner/launchers/junit-platform-launcher-<version>.jar}; the same minor version if the exact
 * one is not there). When none fits, the shard fails with one error naming both versions and the fix.
 *
 * <p>A runner started on a classpath that already has a launcher (the suite's jars beside the runner's, as older
 * suite images do, and the runner's own tests) runs there as it is.
 */
final class SuiteLoader {
    static final String LAUNCHER_CLASS = "org.junit.platform.launcher.core.LauncherFactory";
    private static final Pattern FILE_VERSION = Pattern.compile("junit-platform-(engine|launcher)-(\\d[^/\\\\]*)\\.jar");

    private SuiteLoader() {}

    /** The launcher to use and where it came from, e.g. "1.9.3, bundled with the runner". */
    record Choice(String platformVersion, List<Path> launcherJars, String source) {
        String describe() {
            return "JUnit Platform " + platformVersion + " (launcher " + source + ")";
        }
    }

    static boolean platformVisible(ClassLoader loader) {
        try {
            Class.forName(LAUNCHER_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @throws RunnerError naming the suite's platform version and the launchers available when none fits */
    static Choice choose(List<Path> suiteJars, Path launchersDir) {
        Optional<JarVersion> engine = Optional.empty();
        Optional<JarVersion> launcher = Optional.empty();
        List<String> junit4 = new ArrayList<>();
        for (Path jar : suiteJars) {
            if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) continue;
            JarVersion version = JarVersion.of(jar);
            if (version == null) {
                if (jar.getFileName().toString().matches("junit-4.*\\.jar")) junit4.add(jar.getFileName().toString());
                continue;
            }
            if (version.artifact().equals("junit-platform-engine") && engine.isEmpty()) engine = Optional.of(version);
            if (version.artifact().equals("junit-platform-launcher") && launcher.isEmpty()) launcher = Optional.of(version);
        }
        if (engine.isEmpty()) {
            throw new RunnerError("the suite's classpath has no JUnit Platform (no junit-platform-engine jar among "
                    + suiteJars.size() + " entries" + (junit4.isEmpty() ? "" : "; found " + junit4.get(0)
                    + ": JUnit 4 tests need junit-vintage-engine") + "): a JUnit 5 suite has junit-jupiter-engine (or "
                    + "cucumber-junit-platform-engine) among its test dependencies");
        }
        String platform = engine.get().version();
        if (launcher.isPresent()) {
            if (launcher.get().version().equals(platform)) {
                return new Choice(platform, List.of(), launcher.get().version() + ", the suite's own");
            }
            throw new RunnerError("the suite carries junit-platform-launcher " + launcher.get().version()
                    + " but its JUnit Platform is " + platform + " (" + engine.get().jar().getFileName()
                    + "): a launcher works only with its own platform version; align them (e.g. import junit-bom)");
        }
        List<JarVersion> bundled = bundled(launchersDir);
        Optional<JarVersion> exact = bundled.stream().filter(b -> b.version().equals(platform)).findFirst();
        if (exact.isPresent()) return new Choice(platform, List.of(exact.get().jar()), platform + ", bundled with the runner");
        String minor = minor(platform);
        Optional<JarVersion> sameMinor = bundled.stream().filter(b -> minor(b.version()).equals(minor))
                .max(Comparator.comparing(b -> patch(b.version())));
        if (sameMinor.isPresent()) {
            return new Choice(platform, List.of(sameMinor.get().jar()), sameMinor.get().version()
                    + ", bundled with the runner (same minor version as the suite's " + platform + ")");
        }
        throw new RunnerError("the suite uses JUnit Platform " + platform + " (" + engine.get().jar().getFileName()
                + ") and this runner brings launchers for " + (bundled.isEmpty() ? "none (" + launchersDir + " is empty)"
                : bundled.stream().map(JarVersion::version).toList()) + ": none matches. Add "
                + "org.junit.platform:junit-platform-launcher:" + platform + " to the suite's test dependencies "
                + "(the proctor:suite goal adds it), or run on a runner image that bundles it");
    }

    static URLClassLoader create(List<Path> runnerClasspath, Choice choice, List<Path> suiteClasspath) {
        List<URL> urls = new ArrayList<>();
        for (Path path : runnerClasspath) urls.add(url(path));
        for (Path path : suiteClasspath) urls.add(url(path));
        for (Path path : choice.launcherJars()) urls.add(url(path));
        return new URLClassLoader("proctor-suite", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** The runner's own classpath, as the JVM was started with it. */
    static List<Path> runnerClasspath() {
        List<Path> paths = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) paths.add(Path.of(entry));
        }
        return paths;
    }

    private static URL url(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new RunnerError("not a usable classpath entry: " + path, e);
        }
    }

    private static List<JarVersion> bundled(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(JarVersion::of).filter(v -> v != null && v.artifact().equals("junit-platform-launcher"))
                    .sorted(Comparator.comparing(JarVersion::version, SuiteLoader::compareVersions)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c = p.matches("\\d+") && q.matches("\\d+") ? Integer.compare(Integer.parseInt(p), Integer.parseInt(q)) : p.compareTo(q);
            if (c != 0) return c;
        }
        return 0;
    }

    private static String minor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    private static int patch(String version) {
        String[] parts = version.split("[.-]");
        try {
            return parts.length >= 3 ? Integer.parseInt(parts[2]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A JUnit Platform jar's artifact and version, from its manifest or, failing that, its file name. */
    record JarVersion(String artifact, String version, Path jar) {
        static JarVersion of(Path jar) {
            if (!jar.toString().endsWith(".jar")) return null;
            try (JarFile file = new JarFile(jar.toFile())) {
                if (file.getManifest() != null) {
                    Attributes main = file.getManifest().getMainAttributes();
                    String title = main.getValue("Implementation-Title");
                    String version = main.getValue("Implementation-Version");
                    if (version != null && ("junit-platform-engine".equals(title) || "junit-platform-launcher".equals(title))) {
                        return new JarVersion(title, version, jar);
                    }
                }
            } catch (IOException e) {
                // fall back to the name
            }
            Matcher name = FILE_VERSION.matcher(jar.getFileName().toString());
            return name.matches() ? new JarVersion("junit-platform-" + name.group(1), name.group(2), jar) : null;
        }
    }
}
