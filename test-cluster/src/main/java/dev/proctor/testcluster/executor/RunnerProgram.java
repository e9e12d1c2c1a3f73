package dev.proctor.testcluster.executor;

import dev.proctor.testcluster.fake.FakeRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Java program the executor runs in place of the pod's container image: a main class on a classpath, with
 * the environment the image's {@code ENV} lines would give. The fake runner by default; the real runner plugs in
 * through {@link #suiteImage}, laid out exactly as runner-image/Dockerfile and a suite's Dockerfile lay it out.
 *
 * @param imageEnv variables the image itself sets; the pod's own env wins over them, as in a container
 */
public record RunnerProgram(String mainClass, String classpath, List<String> jvmOptions, Map<String, String> imageEnv) {
    /** Small, fast-starting JVMs: a shard of the fake runner lives for well under a second. */
    public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
            "-Xmx128m", "-Xshare:auto");
    /** The runner image's JVM flags (JAVA_TOOL_OPTIONS in runner-image/Dockerfile), with room for a browser suite. */
    public static final List<String> RUNNER_IMAGE_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx384m");
    /** The real runner's entry point (the ENTRYPOINT of runner-image/Dockerfile). */
    public static final String RUNNER_MAIN = "dev.proctor.runner.launch.RunnerMain";

    public RunnerProgram {
        jvmOptions = List.copyOf(jvmOptions);
        imageEnv = Map.copyOf(imageEnv);
    }

    public RunnerProgram(String mainClass, String classpath, List<String> jvmOptions) {
        this(mainClass, classpath, jvmOptions, Map.of());
    }

    /** {@link FakeRunner} on the classpath of this JVM. */
    public static RunnerProgram fake() {
        return new RunnerProgram(FakeRunner.class.getName(), System.getProperty("java.class.path"), QUICK_START);
    }

    /**
     * The real runner with a suite, from the build output that the two Dockerfiles copy into the image:
     * {@code runner/target/{proctor-runner-*.jar, lib/}} is {@code /opt/proctor/runner/lib} (the runner's classpath:
     * no JUnit), {@code runner/target/launchers} is {@code /opt/proctor/runner/launchers}, the suite's
     * {@code target/lib/} is {@code /opt/proctor/suite/lib} and its jar {@code /opt/proctor/suite/tests}; the runner
     * loads the suite with a launcher of the suite's JUnit Platform version, as in the image. The image's env: no
     * browser download, Debian's Chromium, HOME in a scratch folder.
     *
     * @param runnerTarget  runner-image/runner/target after {@code package}
     * @param suiteTarget   the suite module's target after {@code package}
     * @param home          the HOME the image gives (Playwright unpacks its driver under the temp dir)
     */
    public static RunnerProgram suiteImage(Path runnerTarget, Path suiteTarget, Path home) {
        for (Path lib : List.of(runnerTarget.resolve("lib"), runnerTarget.resolve("launchers"), suiteTarget.resolve("lib"))) {
            if (!Files.isDirectory(lib)) {
                throw new IllegalStateException(lib + " does not exist: package the runner and the suite first (./mvnw package)");
            }
        }
        String classpath = String.join(File.pathSeparator, runnerTarget.resolve("*").toString(),
                runnerTarget.resolve("lib").resolve("*").toString());
        return new RunnerProgram(RUNNER_MAIN, classpath, RUNNER_IMAGE_JVM, Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "PROCTOR_CHROMIUM_PATH", "/usr/bin/chromium",
                "PROCTOR_LAUNCHERS_DIR", runnerTarget.resolve("launchers").toString(),
                "PROCTOR_TEST_ROOTS", jars(suiteTarget),
                "PROCTOR_SUITE_CLASSPATH", jars(suiteTarget.resolve("lib")),
                "HOME", home.toString()));
    }

    /** The jars directly in a folder (not sources or javadoc), path-separated. */
    private static String jars(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return String.join(File.pathSeparator, files.map(Path::toString)
                    .filter(f -> f.endsWith(".jar") && !f.endsWith("-sources.jar") && !f.endsWith("-javadoc.jar"))
                    .sorted().toList());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        return command;
    }
}
