package dev.proctor.testcluster.executor;

import dev.proctor.testcluster.fake.FakeRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java program the executor runs in place of the pod's container image: a main class on a classpath.
 * The fake runner by default; the real runner (runner-image) plugs in with its own main class and classpath.
 */
public record RunnerProgram(String mainClass, String classpath, List<String> jvmOptions) {
    /** Small, fast-starting JVMs: a shard of the fake runner lives for well under a second. */
    public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
            "-Xmx128m", "-Xshare:auto");

    public RunnerProgram {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** {@link FakeRunner} on the classpath of this JVM. */
    public static RunnerProgram fake() {
        return new RunnerProgram(FakeRunner.class.getName(), System.getProperty("java.class.path"), QUICK_START);
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
