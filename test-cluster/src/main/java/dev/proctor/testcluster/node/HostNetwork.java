package dev.proctor.testcluster.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The node's network on this host, under the rules of {@code REAL-NODE.md}: pods talk only to each other and to
 * this host. A bridge {@value #BRIDGE} holds the node's address; the CNI bridge plugin adds pods to it with no
 * gateway, no masquerading and routes only to the pod and Service ranges; forwarding is on for the bridge alone
 * (the global {@code ip_forward} stays 0); a guard rule drops anything leaving the bridge for elsewhere.
 *
 * <p>{@link #remove()} takes all of it away again, with kube-proxy's and the kubelet's own {@code KUBE-*} chains,
 * and is safe to call when nothing is there (it also clears what a killed test JVM left behind).
 */
final class HostNetwork {
    static final String BRIDGE = "cni0";
    static final String NODE_IP = "10.244.0.1";
    static final String POD_RANGE = "10.244.0.0/24";
    private static final String GUARD_COMMENT = "proctor-real-node: pods reach only pods and this host";
    private static final List<String> TABLES = List.of("filter", "nat", "mangle");

    private HostNetwork() {}

    static void create() {
        Host.check("ip", "link", "add", BRIDGE, "type", "bridge");
        Host.check("ip", "addr", "add", NODE_IP + "/24", "dev", BRIDGE);
        Host.check("ip", "link", "set", BRIDGE, "up");
        Host.write(Path.of("/proc/sys/net/ipv4/conf", BRIDGE, "forwarding"), "1");
        Host.check("iptables", "-I", "FORWARD", "1", "-i", BRIDGE, "!", "-o", BRIDGE,
                "-m", "comment", "--comment", GUARD_COMMENT, "-j", "DROP");
    }

    /** The CNI configuration containerd reads: the bridge above, host-local addresses kept in {@code ipamDir}. */
    static String cniConfig(Path ipamDir, String serviceRange) {
        return """
                {
                  "cniVersion": "1.0.0",
                  "name": "proctor",
                  "plugins": [{
                    "type": "bridge", "bridge": "%s", "isGateway": false, "ipMasq": false, "hairpinMode": true,
                    "ipam": {
                      "type": "host-local", "dataDir": "%s",
                      "ranges": [[{"subnet": "%s", "gateway": "%s"}]],
                      "routes": [{"dst": "%s", "gw": "%s"}]
                    }
                  }]
                }
                """.formatted(BRIDGE, ipamDir, POD_RANGE, NODE_IP, serviceRange, NODE_IP);
    }

    /** Removes the guard rule, every KUBE-* chain and jump (iptables and ip6tables), kube-proxy's nft tables and the bridge. */
    static void remove() {
        for (String tool : List.of("iptables", "ip6tables")) {
            for (String table : TABLES) removeOurRules(tool, table);
        }
        for (String family : List.of("ip", "ip6")) {
            if (Host.run("nft", "list", "table", family, "kube-proxy").ok()) Host.quietly("nft", "delete", "table", family, "kube-proxy");
        }
        if (Files.exists(Path.of("/sys/class/net", BRIDGE))) Host.quietly("ip", "link", "delete", BRIDGE);
        try (var namespaces = Files.list(Path.of("/run/netns"))) {
            // the CRI removes a sandbox's network namespace with the sandbox; these are what a crash left
            namespaces.filter(ns -> ns.getFileName().toString().startsWith("cni-"))
                    .forEach(ns -> Host.quietly("ip", "netns", "delete", ns.getFileName().toString()));
        } catch (java.io.IOException noNamespaces) {
            // /run/netns does not exist: nothing to remove
        }
    }

    /** Rewrites one table without the KUBE-* chains, the rules that jump to them and the guard rule. */
    private static void removeOurRules(String tool, String table) {
        Host.Result saved = Host.run(tool + "-save", "-t", table);
        if (!saved.ok() || !isOurs(saved.output())) return;
        String kept = withoutOurRules(saved.output());
        try {
            Path file = Files.createTempFile("proctor-" + tool + "-" + table, ".rules");
            Files.writeString(file, kept);
            Host.quietly("sh", "-c", tool + "-restore -T " + table + " < " + file);
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            System.err.println("[real-node] cannot rewrite " + tool + " table " + table + ": " + e.getMessage());
        }
    }

    /** An {@code iptables-save} table without the KUBE-* chains, the rules in or jumping to them, and the guard rule. */
    static String withoutOurRules(String saved) {
        return saved.lines()
                .filter(line -> !line.startsWith(":KUBE-") && !line.startsWith("-A KUBE-")
                        && !line.contains("-j KUBE-") && !line.contains("--jump KUBE-") && !line.contains(GUARD_COMMENT))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static boolean isOurs(String rules) {
        return rules.contains("KUBE-") || rules.contains(GUARD_COMMENT);
    }

    /** What {@link #remove()} would still find: empty when the host is clean. */
    static List<String> leftovers() {
        List<String> found = new java.util.ArrayList<>();
        if (Files.exists(Path.of("/sys/class/net", BRIDGE))) found.add("bridge " + BRIDGE);
        for (String tool : List.of("iptables", "ip6tables")) {
            for (String table : TABLES) {
                if (isOurs(Host.run(tool + "-save", "-t", table).output())) found.add(tool + " rules in " + table);
            }
        }
        return found;
    }
}
