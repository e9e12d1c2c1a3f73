package dev.proctor.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged operator ({@code quarkus-run.jar}) as a child JVM talking to a {@link ControlPlane} as admin,
 * with server-side apply and leader election as in production. Tests stop it gracefully (SIGTERM), crash it
 * (SIGKILL) and start it again; every start appends to the same log file. Test and demo tooling only.
 */
public final class OperatorProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** The tests' JVM: small, quick to start. */
    public static final List<String> TEST_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx384m", "-XX:TieredStopAtLevel=1");

    private final Path jar;
    private final ControlPlane plane;
    private final Map<String, String> extraEnv;
    private final Path kubeconfig;
    private final Path log;
    private final List<String> jvmOptions;
    private final int httpPort = FreePorts.next();
    private final Thread shutdownHook = new Thread(this::close, "operator-shutdown");
    private ChildProcess process;
    private int starts;

    private OperatorProcess(Path jar, ControlPlane plane, Map<String, String> extraEnv, Path kubeconfig, Path log, List<String> jvmOptions) {
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.plane = plane;
        this.extraEnv = Map.copyOf(extraEnv);
        this.kubeconfig = kubeconfig;
        this.log = log;
    }

    /**
     * Starts the operator and waits until its readiness endpoint answers.
     *
     * @param extraEnv further settings, e.g. {@code PROCTOR_STUCK_POD_GRACE}
     */
    public static OperatorProcess start(Path jar, ControlPlane plane, Map<String, String> extraEnv) {
        return start(jar, plane, extraEnv, "operator");
    }

    /**
     * One of several replicas: its own log ({@code <name>.log}) and its own leader-election identity ({@code HOSTNAME},
     * which Kubernetes sets to the pod name), as two pods of one Deployment have.
     */
    public static OperatorProcess start(Path jar, ControlPlane plane, Map<String, String> extraEnv, String name) {
        return start(jar, plane, extraEnv, name, null, TEST_JVM_OPTIONS);
    }

    /** As {@link #start(Path, ControlPlane, Map, String)}, with these JVM options instead of {@link #TEST_JVM_OPTIONS}. */
    public static OperatorProcess startWithJvmOptions(Path jar, ControlPlane plane, Map<String, String> extraEnv, String name,
                                                      List<String> jvmOptions) {
        return start(jar, plane, extraEnv, name, null, jvmOptions);
    }

    /**
     * Started as a user starts it against their own cluster ({@code hack/run-operator.sh}): with nothing but a
     * kubeconfig — its server, its credentials and its context's namespace, if any.
     */
    public static OperatorProcess startWithKubeconfig(Path jar, ControlPlane plane, Path kubeconfig, Map<String, String> extraEnv,
                                                      String name) {
        return start(jar, plane, extraEnv, name, kubeconfig, TEST_JVM_OPTIONS);
    }

    private static OperatorProcess start(Path jar, ControlPlane plane, Map<String, String> extraEnv, String name, Path kubeconfig,
                                         List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: package the operator first (./mvnw -pl operator -am package)");
        }
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("HOSTNAME", name);
        OperatorProcess operator = new OperatorProcess(jar, plane, env, kubeconfig, plane.logDir().resolve(name + ".log"), jvmOptions);
        Runtime.getRuntime().addShutdownHook(operator.shutdownHook);
        operator.start();
        return operator;
    }

    /** Starts the process again after {@link #stop()} or {@link #kill()}; waits until it is ready. */
    public synchronized void start() {
        if (process != null && process.isAlive()) throw new IllegalStateException("the operator is already running");
        starts++;
        note("==== start #" + starts + " at " + Instant.now());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        process = ChildProcess.start("operator", command, env(), jar.getParent(), log);
        try {
            Poll.until("the operator's readiness endpoint", READY_TIMEOUT, process::isAlive,
                    () -> InsecureHttp.get(healthUrl(), null).ok());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n---- last lines of " + log + "\n" + process.logTail(60), e);
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        if (kubeconfig != null) {
            env.put("KUBECONFIG", kubeconfig.toString());
            env.putAll(extraEnv);
            return env;
        }
        env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", plane.apiUrl());
        env.put("QUARKUS_KUBERNETES_CLIENT_TOKEN", plane.token());
        env.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
        env.put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "default"); // where the leader-election Lease lives
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("KUBECONFIG", plane.logDir().resolve("no-such-kubeconfig").toString()); // nothing from ~/.kube
        env.putAll(extraEnv);
        return env;
    }

    public String healthUrl() {
        return "http://127.0.0.1:" + httpPort + "/q/health/ready";
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + httpPort + "/q/metrics";
    }

    public Path log() {
        return log;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** SIGTERM, as Kubernetes stops a pod; SIGKILL after the grace period. */
    public synchronized void stop() {
        if (process == null) return;
        note("==== SIGTERM at " + Instant.now());
        process.stop();
    }

    /** SIGKILL: a crash, without any chance to release the leader lease. */
    public synchronized void kill() {
        if (process == null) return;
        note("==== SIGKILL at " + Instant.now());
        process.kill();
    }

    public String logTail(int lines) {
        return process == null ? "" : process.logTail(lines);
    }

    private void note(String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + log, e);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) process.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }
}
