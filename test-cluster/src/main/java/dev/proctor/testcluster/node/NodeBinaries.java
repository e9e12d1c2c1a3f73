package dev.proctor.testcluster.node;

import dev.proctor.testcluster.BuildScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** kubelet, kube-proxy, kube-scheduler, CoreDNS and crictl as {@code hack/node/build.sh} builds and caches them. */
record NodeBinaries(Path binDir) {
    Path kubelet() {
        return binDir.resolve("kubelet");
    }

    Path kubeProxy() {
        return binDir.resolve("kube-proxy");
    }

    Path scheduler() {
        return binDir.resolve("kube-scheduler");
    }

    Path coredns() {
        return binDir.resolve("coredns");
    }

    Path crictl() {
        return binDir.resolve("crictl");
    }

    static NodeBinaries build(Path repoRoot, Path logDir) {
        NodeBinaries binaries = new NodeBinaries(BuildScript.run(repoRoot, RealNode.NODE_BUILD_SCRIPT, logDir));
        for (Path binary : List.of(binaries.kubelet(), binaries.kubeProxy(), binaries.scheduler(), binaries.coredns(), binaries.crictl())) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(RealNode.NODE_BUILD_SCRIPT + " reported success but " + binary + " is missing");
            }
        }
        return binaries;
    }
}
