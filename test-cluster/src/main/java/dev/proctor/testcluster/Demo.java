package dev.proctor.testcluster;

import dev.proctor.testcluster.executor.LocalPodExecutor;
import dev.proctor.testcluster.executor.RunnerProgram;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The self-contained demo behind {@code hack/demo.sh}, <b>demo tooling only</b>: a real control plane, Proctor's
 * CRDs, the packaged operator, the local pod executor running the fake runner (or the program named by
 * {@code PROCTOR_RUNNER_MAIN} and {@code PROCTOR_RUNNER_CLASSPATH}), one example run created with kubectl and
 * followed until its verdict. Everything stops when the run is over or on Ctrl-C.
 *
 * <p>Arguments: the repository root, the operator's {@code quarkus-run.jar}, the run manifest.
 */
public final class Demo {
    private static final String LABEL_RUN = "proctor.dev/run";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private Demo() {}

    public static void main(String[] args) {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path operatorJar = Path.of(args[1]).toAbsolutePath();
        Path manifest = Path.of(args[2]).toAbsolutePath();
        System.setProperty("proctor.repo.root", root.toString());
        int exit;
        say("starting etcd, kube-apiserver and kube-controller-manager (binaries: hack/control-plane/build.sh)");
        try (ControlPlane plane = ControlPlane.start()) {
            KubernetesClient client = plane.client();
            say("control plane up at " + plane.apiUrl() + "; kubeconfig " + plane.kubeconfig());
            Crds.installAll(client, root.resolve("crds"));
            say("CRDs installed and Established");
            client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("techshop-credentials").endMetadata()
                    .addToStringData("password", "demo-only").build()).createOr(s -> s.update());
            try (LocalPodExecutor executor = LocalPodExecutor.start(plane.newClient(), LABEL_RUN, runner());
                 OperatorProcess operator = OperatorProcess.start(operatorJar, plane, Map.of())) {
                say("local pod executor registered node " + LocalPodExecutor.NODE + "; operator running (log " + operator.log() + ")");
                ControlPlane.CommandResult created = plane.kubectl("create", "-f", manifest.toString(), "-o", "name");
                if (created.exitCode() != 0) throw new IllegalStateException("kubectl create failed: " + created.stderr());
                String run = created.stdout().trim();
                say("kubectl create -f " + root.relativize(manifest) + " -> " + run);
                exit = follow(plane, run);
            }
        }
        System.exit(exit);
    }

    /** Prints {@code kubectl get} lines whenever the run's row changes, then the verdict; 0 only for Succeeded. */
    private static int follow(ControlPlane plane, String run) {
        String last = "";
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        System.out.println(plane.kubectl("get", run).stdout().lines().findFirst().orElse(""));
        while (System.nanoTime() < deadline) {
            String row = plane.kubectl("get", run, "--no-headers").stdout().trim();
            String withoutAge = row.replaceAll("\\s+\\S+$", ""); // AGE changes every second, like `kubectl get -w` we print changes only
            if (!withoutAge.equals(last)) {
                System.out.println(row);
                last = withoutAge;
            }
            String phase = plane.kubectl("get", run, "-o", "jsonpath={.status.phase}").stdout().trim();
            if (List.of("Succeeded", "Failed", "Error").contains(phase)) {
                String failed = plane.kubectl("get", run, "-o", "jsonpath={.status.failedTests}").stdout().trim();
                say("verdict: " + phase + " — " + plane.kubectl("get", run, "-o", "jsonpath={.status.message}").stdout().trim()
                        + (failed.isEmpty() ? "" : "; failed: " + failed));
                System.out.println(plane.kubectl("describe", run).stdout());
                return "Succeeded".equals(phase) ? 0 : 1;
            }
            pause();
        }
        say("the run did not finish within " + RUN_TIMEOUT.toMinutes() + " min");
        return 2;
    }

    private static RunnerProgram runner() {
        String main = System.getenv("PROCTOR_RUNNER_MAIN");
        String classpath = System.getenv("PROCTOR_RUNNER_CLASSPATH");
        return main == null || classpath == null ? RunnerProgram.fake() : new RunnerProgram(main, classpath, RunnerProgram.QUICK_START);
    }

    private static void pause() {
        try {
            Thread.sleep(500); // a progress display polls kubectl, as `kubectl get -w` would watch
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void say(String message) {
        System.out.println("\033[1m== " + message + "\033[0m");
    }
}
