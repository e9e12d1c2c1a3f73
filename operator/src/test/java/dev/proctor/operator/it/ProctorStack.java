package dev.proctor.operator.it;

import dev.proctor.operator.naming.ProctorNames;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.OperatorProcess;
import dev.proctor.testcluster.KubeBinaries;
import dev.proctor.testcluster.SuiteLabelPolicy;
import dev.proctor.testcluster.executor.LocalPodExecutor;
import dev.proctor.testcluster.executor.RunnerProgram;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the operator ITs share in one JVM, started once: the control plane with Proctor's CRDs, the local pod
 * executor running the fake runner, and the packaged operator as a child process (SSA and leader election on,
 * as in production). Test classes isolate themselves by namespace; {@link RestartLoopIT} restarts the operator.
 */
final class ProctorStack {
    /** Short, so that a stuck image pull fails its attempt within a test's patience. */
    static final String STUCK_POD_GRACE = "5s";
    private static ProctorStack instance;

    final ControlPlane plane;
    final LocalPodExecutor executor;
    final OperatorProcess operator;

    private ProctorStack(ControlPlane plane, LocalPodExecutor executor, OperatorProcess operator) {
        this.plane = plane;
        this.executor = executor;
        this.operator = operator;
    }

    static synchronized ProctorStack get() {
        if (instance != null) return instance;
        ControlPlane plane = ControlPlane.shared();
        ProctorCrds.install(plane.client());
        // as the chart installs it on Kubernetes 1.36+: the API server labels each run with its suite (ApiCostIT)
        SuiteLabelPolicy.install(plane.client(), KubeBinaries.repoRoot());
        LocalPodExecutor executor = LocalPodExecutor.start(plane.newClient(), ProctorNames.LABEL_RUN, RunnerProgram.fake());
        Runtime.getRuntime().addShutdownHook(new Thread(executor::close, "executor-shutdown"));
        OperatorProcess operator = OperatorProcess.start(operatorJar(), plane, withDefaults(Map.of()));
        instance = new ProctorStack(plane, executor, operator);
        return instance;
    }

    /**
     * Runs {@code body} while another operator — other credentials or settings, same jar — stands in for the shared
     * one, which is stopped first and started again afterwards (also when the body fails).
     */
    void withOperatorInstead(String name, Map<String, String> env, Runnable body) {
        operator.stop();
        try (OperatorProcess standIn = standIn(name, env)) {
            body.run();
        } finally {
            operator.start();
        }
    }

    /** As {@link #withOperatorInstead}, with an operator started from nothing but {@code kubeconfig}. */
    OperatorProcess withOperatorFromKubeconfig(String name, java.nio.file.Path kubeconfig, java.util.function.Consumer<OperatorProcess> body) {
        operator.stop();
        try (OperatorProcess standIn = OperatorProcess.startWithKubeconfig(operatorJar(), plane, kubeconfig, withDefaults(Map.of()), name)) {
            body.accept(standIn);
            return standIn;
        } finally {
            operator.start();
        }
    }

    /** Another operator process (same jar, its own log and leader identity), started and ready. */
    OperatorProcess standIn(String name, Map<String, String> env) {
        return OperatorProcess.start(operatorJar(), plane, withDefaults(env), name);
    }

    private static Map<String, String> withDefaults(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("QUARKUS_OPERATOR_SDK_CRD_VALIDATE", "true",
                "PROCTOR_STUCK_POD_GRACE", STUCK_POD_GRACE));
        all.putAll(env);
        return all;
    }

    /** The packaged operator; failsafe passes its path, running from the IDE falls back to the usual place. */
    private static Path operatorJar() {
        return Path.of(System.getProperty("proctor.operator.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    }
}
