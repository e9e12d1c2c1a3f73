package dev.proctor.testcluster.node;

import dev.proctor.testcluster.BuildScript;
import dev.proctor.testcluster.ControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Proctor installed on a {@link RealNode} as a user installs it: {@code helm install} of {@code helm/proctor} with
 * the operator image built from its Dockerfile (operator pod, ServiceAccount and RBAC, leader election Lease,
 * metrics Service), and the TechShop demo app as a Deployment and Service in namespace {@value #SHOP_NAMESPACE},
 * where {@code examples/techshop/smoke-run.yaml}'s baseUrl points. Test and demo tooling only.
 */
public final class ProctorOnNode {
    public static final String RELEASE = "proctor";
    public static final String OPERATOR_NAMESPACE = "proctor-system";
    public static final String SHOP_NAMESPACE = "staging";
    /** How long a shard pod may wait on an image it cannot get before its attempt fails (the chart's default is 5m). */
    public static final String STUCK_POD_GRACE = "15s";
    private static final String HELM_SCRIPT = "hack/tools/helm.sh";

    private final ControlPlane plane;
    private final Path helm;

    private ProctorOnNode(ControlPlane plane, Path helm) {
        this.plane = plane;
        this.helm = helm;
    }

    /** Installs the chart and the shop and waits until both are available; the shop's account takes {@code shopPassword}. */
    public static ProctorOnNode install(RealNode node, Path repoRoot, String shopPassword) {
        ControlPlane plane = node.controlPlane();
        Path helm = BuildScript.run(repoRoot, HELM_SCRIPT, node.logDir());
        ProctorOnNode installed = new ProctorOnNode(plane, helm);
        installed.helm("install", RELEASE, repoRoot.resolve("helm/proctor").toString(),
                "--namespace", OPERATOR_NAMESPACE, "--create-namespace",
                "--set", "image.pullPolicy=Never", // built here and imported into containerd: never pulled
                "--set", "operator.stuckPodGrace=" + STUCK_POD_GRACE,
                "--wait", "--timeout", "5m");
        installed.apply(shop(shopPassword), node.logDir().resolve("techshop.yaml"));
        installed.kubectl("rollout", "status", "-n", SHOP_NAMESPACE, "deployment/techshop", "--timeout=300s");
        return installed;
    }

    /** The shop as the runs' {@code spec.environment.baseUrl} names it (cluster DNS). */
    public static String shopUrl() {
        return "http://techshop." + SHOP_NAMESPACE + ".svc." + RealNode.CLUSTER_DOMAIN + ":8080";
    }

    /** helm against this cluster; fails with helm's output when it exits non-zero. */
    public String helm(String... args) {
        List<String> command = new ArrayList<>(List.of(helm.toString(), "--kubeconfig", plane.kubeconfig().toString()));
        command.addAll(List.of(args));
        Host.Result result = Host.run(command);
        if (!result.ok()) throw new IllegalStateException("helm " + String.join(" ", args) + " failed:\n" + result.output());
        return result.output();
    }

    private String kubectl(String... args) {
        ControlPlane.CommandResult result = plane.kubectl(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kubectl " + String.join(" ", args) + " failed:\n" + result.stderr() + result.stdout());
        }
        return result.stdout();
    }

    private void apply(String yaml, Path file) {
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        kubectl("apply", "-f", file.toString());
    }

    /** The TechShop app under Pod Security "restricted": read-only root, its JVM's temp files on an emptyDir. */
    private static String shop(String password) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %1$s
                  labels: {pod-security.kubernetes.io/enforce: restricted}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: techshop-app, namespace: %1$s}
                stringData: {password: "%2$s"}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: techshop, namespace: %1$s}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: techshop}}
                  template:
                    metadata: {labels: {app: techshop}}
                    spec:
                      automountServiceAccountToken: false
                      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                      containers:
                      - name: techshop
                        image: %3$s
                        imagePullPolicy: Never
                        args: ["--slow-ms=300"]
                        env:
                        - name: TECHSHOP_PASSWORD
                          valueFrom: {secretKeyRef: {name: techshop-app, key: password}}
                        ports: [{name: http, containerPort: 8080}]
                        readinessProbe: {httpGet: {path: /, port: http}, periodSeconds: 2}
                        resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
                        securityContext:
                          allowPrivilegeEscalation: false
                          readOnlyRootFilesystem: true
                          capabilities: {drop: [ALL]}
                        volumeMounts: [{name: tmp, mountPath: /tmp}]
                      volumes: [{name: tmp, emptyDir: {}}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: techshop, namespace: %1$s}
                spec:
                  selector: {app: techshop}
                  ports: [{name: http, port: 8080, targetPort: http}]
                """.formatted(SHOP_NAMESPACE, password, Images.TECHSHOP_APP);
    }
}
