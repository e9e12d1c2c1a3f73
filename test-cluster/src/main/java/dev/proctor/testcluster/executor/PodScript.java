package dev.proctor.testcluster.executor;

import java.util.Map;

/**
 * What the local executor does with one pod: run the runner program, or play one of the infrastructure
 * failures a real node produces. Tests pick a script per pod through {@link LocalPodExecutor#script}.
 */
public sealed interface PodScript {

    /** Run the runner program with the pod's environment plus {@code extraEnv} (e.g. fake-runner knobs). */
    record Run(Map<String, String> extraEnv) implements PodScript {
        public Run {
            extraEnv = Map.copyOf(extraEnv);
        }
    }

    /**
     * The container exits at once with this code and termination message, without starting any process: cheap
     * enough for tests that need many pods.
     */
    record Exited(int exitCode, String terminationMessage) implements PodScript {}

    /** The container is killed by the kernel's OOM killer: terminated, reason OOMKilled, exit code 137. */
    record OomKilled() implements PodScript {}

    /** The node evicts the pod: phase Failed, reason Evicted, no container termination recorded. */
    record Evicted() implements PodScript {}

    /** The image never arrives: the container waits with reason ImagePullBackOff, forever. */
    record ImagePullBackOff() implements PodScript {}

    static PodScript run() {
        return new Run(Map.of());
    }

    static PodScript run(Map<String, String> extraEnv) {
        return new Run(extraEnv);
    }

    static PodScript exited(int exitCode, String terminationMessage) {
        return new Exited(exitCode, terminationMessage);
    }

    static PodScript oomKilled() {
        return new OomKilled();
    }

    static PodScript evicted() {
        return new Evicted();
    }

    static PodScript imagePullBackOff() {
        return new ImagePullBackOff();
    }
}
