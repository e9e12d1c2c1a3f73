package dev.proctor.testcluster.executor;

import dev.proctor.testcluster.ChildProcess;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The local process standing in for one pod's container, and the pod's lifecycle flags. Starting and
 * finalizing race (a pod may be deleted while it starts), so both go through this object's lock.
 */
final class PodProcess {
    /** Variables a JVM needs from the host; everything else comes from the pod, as in a container. */
    private static final String[] HOST_ENV = {"PATH", "JAVA_HOME", "LANG", "TMPDIR"};

    private final Pod pod;
    private boolean started;
    private boolean finalizing;
    private ChildProcess process;

    PodProcess(Pod pod) {
        this.pod = pod;
    }

    synchronized boolean markStarted() {
        if (started || finalizing) return false;
        started = true;
        return true;
    }

    synchronized boolean markFinalizing() {
        if (finalizing) return false;
        finalizing = true;
        return true;
    }

    synchronized boolean isFinalizing() {
        return finalizing;
    }

    /** Starts the program unless the pod is already being deleted. */
    synchronized boolean launch(RunnerProgram program, PodWorkspace workspace, Map<String, String> extraEnv) {
        if (finalizing) return false;
        ProcessBuilder builder = new ProcessBuilder(program.command())
                .directory(workspace.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(workspace.root().resolve("runner.log").toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> host = new HashMap<>(env);
        env.clear();
        for (String name : HOST_ENV) {
            if (host.containsKey(name)) env.put(name, host.get(name));
        }
        env.putAll(program.imageEnv());
        env.putAll(workspace.env());
        env.putAll(extraEnv);
        try {
            process = ChildProcess.of(pod.getMetadata().getName(), builder.start(), workspace.root().resolve("runner.log"));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the runner for pod " + pod.getMetadata().getName(), e);
        }
    }

    int awaitExit() {
        try {
            return process.process().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.kill();
            return 137;
        }
    }

    void stop(long graceSeconds) {
        ChildProcess running;
        synchronized (this) {
            finalizing = true;
            running = process;
        }
        if (running != null && running.isAlive()) running.stop(graceSeconds);
    }
}
