package dev.proctor.deploy.rules;

import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.Crds;
import dev.proctor.testcluster.KubeBinaries;
import dev.proctor.testcluster.OperatorProcess;
import dev.proctor.testcluster.executor.LocalPodExecutor;
import dev.proctor.testcluster.executor.RunnerProgram;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the install-check ITs share in one JVM, started once: the real control plane with the committed CRDs
 * (crds/, installed as users install them), the local pod executor running the fake runner, and the packaged
 * operator as a child process. Test classes isolate themselves by namespace.
 */
public final class OperatorStack {
    /** The label the operator puts on every pod of a run (ProctorNames.LABEL_RUN). */
    public static final String RUN_LABEL = "proctor.dev/run";
    private static OperatorStack instance;

    public final ControlPlane plane;
    public final LocalPodExecutor executor;
    public final OperatorProcess operator;

    private OperatorStack(ControlPlane plane, LocalPodExecutor executor, OperatorProcess operator) {
        this.plane = plane;
        this.executor = executor;
        this.operator = operator;
    }

    public static synchronized OperatorStack get() {
        if (instance != null) return instance;
        ControlPlane plane = ControlPlane.shared();
        Crds.installAll(plane.client(), repoRoot().resolve("crds"));
        LocalPodExecutor executor = LocalPodExecutor.start(plane.newClient(), RUN_LABEL, RunnerProgram.fake());
        Runtime.getRuntime().addShutdownHook(new Thread(executor::close, "executor-shutdown"));
        OperatorProcess operator = OperatorProcess.start(operatorJar(), plane, Map.of(
                "QUARKUS_OPERATOR_SDK_CRD_VALIDATE", "true",
                // a failing receiver gives up within seconds rather than the production minute
                "PROCTOR_DELIVERY_INITIAL_BACKOFF", "100ms",
                "PROCTOR_DELIVERY_MAX_BACKOFF", "500ms"));
        instance = new OperatorStack(plane, executor, operator);
        return instance;
    }

    public static Path repoRoot() {
        return KubeBinaries.repoRoot();
    }

    /** The packaged operator; failsafe passes its path (see helm/pom.xml). */
    private static Path operatorJar() {
        return Path.of(System.getProperty("proctor.operator.jar",
                repoRoot().resolve("operator/target/quarkus-app/quarkus-run.jar").toString())).toAbsolutePath();
    }
}
