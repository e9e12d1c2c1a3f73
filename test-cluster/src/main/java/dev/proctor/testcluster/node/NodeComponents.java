package dev.proctor.testcluster.node;

import dev.proctor.testcluster.ChildProcess;
import dev.proctor.testcluster.ControlPlane;
import dev.proctor.testcluster.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The node's own processes and their configuration: CoreDNS (cluster DNS, on the node's address), kube-proxy
 * (iptables mode), kube-scheduler and the kubelet. Each setting that was needed on this machine is explained
 * where it is made; REAL-NODE.md has the measurements behind them.
 */
final class NodeComponents {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private NodeComponents() {}

    static void startAll(RealNode node, NodeBinaries binaries, NodePki pki) {
        ControlPlane plane = node.controlPlane();
        startCoreDns(node, binaries, plane);
        startScheduler(node, binaries, plane);
        startKubelet(node, binaries, plane, pki);
        startKubeProxy(node, binaries, plane); // it waits for its Node object; RealNode then waits for its rules
    }

    /** Cluster DNS without a pod: CoreDNS answers on the node's address, which every pod may reach. No forwarding: nothing outside resolves. */
    private static void startCoreDns(RealNode node, NodeBinaries binaries, ControlPlane plane) {
        int readyPort = RealNode.freePort();
        Path corefile = node.workDir().resolve("coredns/Corefile");
        Host.write(corefile, """
                .:53 {
                    bind %s
                    errors
                    ready 127.0.0.1:%d
                    kubernetes %s in-addr.arpa ip6.arpa {
                        kubeconfig %s proctor
                        pods insecure
                        fallthrough in-addr.arpa ip6.arpa
                    }
                    cache 30
                }
                """.formatted(RealNode.NODE_IP, readyPort, RealNode.CLUSTER_DOMAIN, plane.kubeconfig()));
        ChildProcess coredns = start(node, "coredns", List.of(binaries.coredns().toString(), "-conf", corefile.toString()));
        await(coredns, "CoreDNS /ready", () -> RealNode.answers("http://127.0.0.1:" + readyPort + "/ready"));
    }

    private static void startKubeProxy(RealNode node, NodeBinaries binaries, ControlPlane plane) {
        int healthz = RealNode.freePort();
        Path config = node.workDir().resolve("kube-proxy.yaml");
        Host.write(config, """
                apiVersion: kubeproxy.config.k8s.io/v1alpha1
                kind: KubeProxyConfiguration
                clientConnection: {kubeconfig: "%s"}
                hostnameOverride: %s
                mode: iptables
                clusterCIDR: %s
                healthzBindAddress: 127.0.0.1:%d
                metricsBindAddress: 127.0.0.1:%d
                nodePortAddresses: [primary]
                # leave the host's sysctls as they are: no node ports on 127.0.0.1 (route_localnet), no conntrack sizing
                iptables: {localhostNodePorts: false}
                conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
                """.formatted(plane.kubeconfig(), RealNode.NODE_NAME, HostNetwork.POD_RANGE, healthz, RealNode.freePort()));
        start(node, "kube-proxy", List.of(binaries.kubeProxy().toString(), "--config=" + config, "--v=1"));
    }

    private static void startScheduler(RealNode node, NodeBinaries binaries, ControlPlane plane) {
        int port = RealNode.freePort();
        ChildProcess scheduler = start(node, "kube-scheduler", List.of(binaries.scheduler().toString(),
                "--kubeconfig=" + plane.kubeconfig(),
                "--authentication-kubeconfig=" + plane.kubeconfig(), "--authorization-kubeconfig=" + plane.kubeconfig(),
                "--authentication-skip-lookup=true",
                "--bind-address=127.0.0.1", "--secure-port=" + port, "--leader-elect=false"));
        await(scheduler, "kube-scheduler /healthz", () -> RealNode.answers("https://127.0.0.1:" + port + "/healthz"));
    }

    private static void startKubelet(RealNode node, NodeBinaries binaries, ControlPlane plane, NodePki pki) {
        Path dir = node.workDir().resolve("kubelet");
        Path resolvConf = node.workDir().resolve("resolv.conf");
        Host.write(resolvConf, "# pods resolve cluster names only (CoreDNS on the node's address)\n");
        int healthz = RealNode.freePort();
        Path config = node.workDir().resolve("kubelet.yaml");
        Host.write(config, """
                apiVersion: kubelet.config.k8s.io/v1beta1
                kind: KubeletConfiguration
                # this machine mounts cgroup v1 hierarchies
                failCgroupV1: false
                cgroupDriver: cgroupfs
                containerRuntimeEndpoint: %s
                # the kubelet refuses a loopback node address: it serves on the bridge's
                address: %s
                port: %d
                readOnlyPort: 0
                healthzBindAddress: 127.0.0.1
                healthzPort: %d
                tlsCertFile: %s
                tlsPrivateKeyFile: %s
                authentication:
                  anonymous: {enabled: false}
                  webhook: {enabled: true}
                  x509: {clientCAFile: %s}
                authorization: {mode: Webhook}
                failSwapOn: false
                # images are imported, never pulled: never collect them
                imageGCHighThresholdPercent: 100
                imageGCLowThresholdPercent: 99
                evictionHard: {memory.available: "100Mi", nodefs.available: "1%%", imagefs.available: "1%%", nodefs.inodesFree: "1%%"}
                clusterDNS: [%s]
                clusterDomain: %s
                resolvConf: %s
                podLogsDirectory: %s
                volumePluginDir: %s
                serializeImagePulls: false
                shutdownGracePeriod: 0s
                maxPods: 40
                """.formatted(node.containerd().endpoint(), RealNode.NODE_IP, RealNode.freePort(), healthz,
                pki.kubeletCert(), pki.kubeletKey(), pki.ca(), RealNode.NODE_IP, RealNode.CLUSTER_DOMAIN, resolvConf,
                node.workDir().resolve("pod-logs"), node.workDir().resolve("volume-plugins")));
        ChildProcess kubelet = start(node, "kubelet", List.of(binaries.kubelet().toString(),
                "--config=" + config, "--kubeconfig=" + plane.kubeconfig(),
                "--root-dir=" + dir, "--cert-dir=" + node.workDir().resolve("kubelet-pki"),
                "--node-ip=" + RealNode.NODE_IP, "--hostname-override=" + RealNode.NODE_NAME, "--v=1"));
        await(kubelet, "kubelet /healthz", () -> RealNode.answers("http://127.0.0.1:" + healthz + "/healthz"));
    }

    private static ChildProcess start(RealNode node, String name, List<String> command) {
        ChildProcess process = ChildProcess.start(name, command, Map.of(), node.workDir(), node.workDir().resolve(name + ".log"));
        node.started(process);
        return process;
    }

    private static void await(ChildProcess process, String what, java.util.function.BooleanSupplier ready) {
        try {
            Poll.until(what, READY_TIMEOUT, process::isAlive, ready);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n---- last lines of " + process.log() + "\n" + process.logTail(40), e);
        }
    }
}
