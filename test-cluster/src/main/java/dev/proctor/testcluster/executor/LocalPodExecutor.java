package dev.proctor.testcluster.executor;

import dev.proctor.testcluster.TempDirs;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for kubelet — <b>for tests and the demo only</b>. It registers a Ready Node, binds every unbound pod
 * that carries a given label to it (there is no scheduler), runs a {@link RunnerProgram} for each pod as a local
 * process with the pod's resolved env and its ConfigMap volumes written out as files, and writes the pod's
 * status exactly as kubelet would: Pending (ContainerCreating) → Running → terminated with exit code, reason
 * and the termination message. A {@link PodScript} per namespace can instead play OOMKilled, eviction or a stuck
 * image pull. Like kubelet, it stops the process of a pod being deleted and then finishes the deletion
 * (grace period 0): a bound pod is otherwise never removed.
 */
public final class LocalPodExecutor implements AutoCloseable {
    public static final String NODE = "local-executor";
    private static final long STOP_GRACE_SECONDS = 3;

    private final KubernetesClient client;
    private final RunnerProgram program;
    private final Path workRoot;
    private final Map<String, Function<Pod, PodScript>> scripts = new ConcurrentHashMap<>();
    private final Map<String, PodProcess> pods = new ConcurrentHashMap<>();
    private final Map<String, Boolean> binding = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-pod-executor");
        t.setDaemon(true);
        return t;
    });
    private SharedIndexInformer<Pod> informer;

    private LocalPodExecutor(KubernetesClient client, RunnerProgram program, Path workRoot) {
        this.client = client;
        this.program = program;
        this.workRoot = workRoot;
    }

    /**
     * Registers the node and starts watching pods that carry {@code podLabel} (in every namespace).
     *
     * @param client an admin client the executor may keep using until {@link #close()}
     */
    public static LocalPodExecutor start(KubernetesClient client, String podLabel, RunnerProgram program) {
        Path root;
        try {
            root = Files.createTempDirectory("proctor-pods-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the executor's work dir", e);
        }
        LocalPodExecutor executor = new LocalPodExecutor(client, program, root);
        LocalNode.register(client, NODE);
        executor.informer = client.pods().inAnyNamespace().withLabel(podLabel).inform(executor.handler(), 0);
        return executor;
    }

    /** Chooses what happens to each new pod of {@code namespace}; by default the runner program runs. */
    public void script(String namespace, Function<Pod, PodScript> script) {
        scripts.put(namespace, script);
    }

    /** Where pod folders (written ConfigMaps, termination logs, artifacts, runner logs) live. */
    public Path workRoot() {
        return workRoot;
    }

    private ResourceEventHandler<Pod> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                observe(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                observe(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                PodProcess run = pods.remove(pod.getMetadata().getUid());
                if (run != null) workers.execute(() -> run.stop(STOP_GRACE_SECONDS));
                binding.remove(pod.getMetadata().getUid());
            }
        };
    }

    private void observe(Pod pod) {
        String uid = pod.getMetadata().getUid();
        String node = pod.getSpec().getNodeName();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            if (NODE.equals(node)) {
                PodProcess run = pods.computeIfAbsent(uid, u -> new PodProcess(pod));
                if (run.markFinalizing()) workers.execute(() -> finalizeDeletion(pod, run));
            }
            return;
        }
        if (node == null) {
            if (binding.putIfAbsent(uid, Boolean.TRUE) == null) workers.execute(() -> bind(pod));
        } else if (NODE.equals(node) && !isTerminal(pod)) {
            PodProcess run = pods.computeIfAbsent(uid, u -> new PodProcess(pod));
            if (run.markStarted()) workers.execute(() -> execute(pod, run));
        }
    }

    private void bind(Pod pod) {
        try {
            client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(new BindingBuilder()
                    .withNewMetadata().withName(pod.getMetadata().getName()).endMetadata()
                    .withNewTarget().withApiVersion("v1").withKind("Node").withName(NODE).endTarget()
                    .build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT && e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                log("cannot bind " + name(pod) + ": " + e.getMessage());
            }
        }
    }

    private void execute(Pod pod, PodProcess run) {
        Instant startTime = Instant.now();
        try {
            PodScript script = scripts.getOrDefault(pod.getMetadata().getNamespace(), p -> PodScript.run()).apply(pod);
            writeStatus(pod, KubeletStatus.creating(pod, startTime));
            if (script instanceof PodScript.ImagePullBackOff) {
                writeStatus(pod, KubeletStatus.pending(pod, startTime, "ImagePullBackOff",
                        "Back-off pulling image \"" + pod.getSpec().getContainers().get(0).getImage() + "\""));
            } else if (script instanceof PodScript.Evicted) {
                writeStatus(pod, KubeletStatus.running(pod, startTime, Instant.now()));
                writeStatus(pod, KubeletStatus.evicted(pod, startTime, Instant.now()));
            } else if (script instanceof PodScript.OomKilled) {
                Instant started = Instant.now();
                writeStatus(pod, KubeletStatus.running(pod, startTime, started));
                writeStatus(pod, KubeletStatus.terminated(pod, startTime, started, Instant.now(), 137, "OOMKilled", null));
            } else if (script instanceof PodScript.Exited exited) {
                Instant started = Instant.now();
                writeStatus(pod, KubeletStatus.running(pod, startTime, started));
                writeStatus(pod, KubeletStatus.terminated(pod, startTime, started, Instant.now(), exited.exitCode(), null,
                        exited.terminationMessage()));
            } else if (script instanceof PodScript.Run runScript) {
                runProgram(pod, run, startTime, runScript);
            }
        } catch (RuntimeException e) {
            log("pod " + name(pod) + ": " + e);
        }
    }

    private void runProgram(Pod pod, PodProcess run, Instant startTime, PodScript.Run script) {
        Container container = pod.getSpec().getContainers().get(0);
        PodWorkspace workspace;
        try {
            workspace = PodWorkspace.prepare(client, pod, container, workRoot.resolve(pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName()));
        } catch (PodWorkspace.ConfigError e) {
            writeStatus(pod, KubeletStatus.pending(pod, startTime, "CreateContainerConfigError", e.getMessage()));
            return;
        }
        Instant started = Instant.now();
        if (!run.launch(program, workspace, script.extraEnv())) return; // deleted meanwhile
        writeStatus(pod, KubeletStatus.running(pod, startTime, started));
        int exitCode = run.awaitExit();
        if (run.isFinalizing()) return; // kubelet reports nothing more for a pod it is tearing down
        writeStatus(pod, KubeletStatus.terminated(pod, startTime, started, Instant.now(), exitCode, null, workspace.terminationMessage()));
    }

    private void finalizeDeletion(Pod pod, PodProcess run) {
        run.stop(STOP_GRACE_SECONDS);
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) log("cannot delete " + name(pod) + ": " + e.getMessage());
        }
    }

    private void writeStatus(Pod pod, PodStatus status) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                            client.getKubernetesSerialization().asJson(Map.of("status", status)));
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) throw e;
        }
    }

    private static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static void log(String message) {
        System.err.println("[local-pod-executor] " + message);
    }

    /**
     * Stops watching, stops every pod process and removes the pod folders (kept with {@code -Dproctor.keep=true});
     * the Node object stays, it belongs to the cluster.
     */
    @Override
    public void close() {
        if (informer != null) informer.close();
        pods.values().forEach(p -> p.stop(STOP_GRACE_SECONDS));
        workers.shutdownNow();
        if (Boolean.getBoolean("proctor.keep")) log("pod folders kept in " + workRoot);
        else TempDirs.delete(workRoot);
    }
}
