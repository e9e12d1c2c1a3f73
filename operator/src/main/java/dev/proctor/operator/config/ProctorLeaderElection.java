package dev.proctor.operator.config;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * With more than one replica, only the holder of this Lease reconciles; the others keep warm caches and take
 * over when the lease expires. Active in the prod profile (quarkus.operator-sdk.activate-leader-election-for-profiles).
 *
 * <p>The Lease lives in {@code proctor.leader-election.namespace} if set, else in the client's namespace — the pod's
 * own namespace in a cluster, the kubeconfig context's namespace outside one — else in {@code default}: a kubeconfig
 * whose context names no namespace (common with k3s, kind and cloud kubeconfigs) must not stop the operator from
 * starting. The choice is logged at start-up.
 *
 * <p>An instance that loses the lease must stop at once, or two instances would act on the same runs. JOSDK's own
 * exit-on-stop-leading calls {@code System.exit} on the thread that noticed; during a normal shutdown that thread
 * is the shutdown hook itself, and the JVM deadlocks until the kubelet kills it (found by RestartLoopIT: every
 * SIGTERM waited 10 s). Exiting from a separate daemon thread ends a leader that lost its lease the same way and
 * lets a shutdown that is already under way finish.
 */
@Singleton
public class ProctorLeaderElection extends LeaderElectionConfiguration {
    public static final String LEASE = "proctor-operator";
    private static final Logger LOG = Logger.getLogger(ProctorLeaderElection.class);

    /** When neither the configuration nor the client names a namespace. */
    public static final String FALLBACK_NAMESPACE = "default";

    private final String namespace;

    @Inject
    public ProctorLeaderElection(KubernetesClient client, ProctorConfig config) {
        this(identityOfThisInstance(), LeaseNamespace.choose(config.leaderElection().namespace(), Optional.ofNullable(client.getNamespace())));
    }

    private ProctorLeaderElection(String identity, LeaseNamespace lease) {
        super(LEASE, lease.namespace(), LEASE_DURATION_DEFAULT_VALUE, RENEW_DEADLINE_DEFAULT_VALUE, RETRY_PERIOD_DEFAULT_VALUE,
                identity, new LeaderCallbacks(() -> LOG.infof("leading as %s: this instance reconciles", identity),
                        ProctorLeaderElection::stopLeading, leader -> LOG.infof("leader is %s", leader)),
                false);
        this.namespace = lease.namespace();
        LOG.infof("leader election: Lease %s/%s (namespace %s), identity %s", lease.namespace(), LEASE, lease.source(), identity);
    }

    /** Where the leader Lease lives, and why there. */
    record LeaseNamespace(String namespace, String source) {
        static LeaseNamespace choose(Optional<String> configured, Optional<String> clientNamespace) {
            if (configured.filter(ns -> !ns.isBlank()).isPresent()) {
                return new LeaseNamespace(configured.get(), "from proctor.leader-election.namespace");
            }
            if (clientNamespace.filter(ns -> !ns.isBlank()).isPresent()) {
                return new LeaseNamespace(clientNamespace.get(), "of the client: the pod's namespace, or the kubeconfig context's");
            }
            return new LeaseNamespace(FALLBACK_NAMESPACE, "by default: neither the configuration nor the kubeconfig context names one");
        }
    }

    /** The namespace of the Lease. */
    public String namespace() {
        return namespace;
    }

    /** The pod name ({@code HOSTNAME}, as Kubernetes sets it), else a random one: never shared by two instances. */
    private static String identityOfThisInstance() {
        String hostname = System.getenv("HOSTNAME");
        return hostname == null || hostname.isBlank() ? "proctor-" + UUID.randomUUID() : hostname;
    }

    /** This instance's holder identity in the Lease. */
    public String identity() {
        return getIdentity().orElseThrow();
    }

    private static void stopLeading() {
        if (shuttingDown()) {
            LOG.info("stopped leading: shutting down (LeaseRelease hands the Lease over)");
            return;
        }
        LOG.warn("lost the leader lease: exiting so that only the new leader acts");
        Thread exit = new Thread(() -> System.exit(1), "proctor-lost-lease-exit");
        exit.setDaemon(true);
        exit.start();
    }

    /** Whether the JVM is already running its shutdown hooks (SIGTERM): then no hook can be added any more. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }
}
