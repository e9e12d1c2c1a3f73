package dev.proctor.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;

/**
 * With more than one replica, only the holder of this Lease reconciles; the others keep warm caches and
 * take over when the lease expires. Active in the prod profile (quarkus.operator-sdk.activate-leader-election-for-profiles);
 * the Lease lives in the operator's own namespace.
 */
@Singleton
public class ProctorLeaderElection extends LeaderElectionConfiguration {
    public static final String LEASE = "proctor-operator";

    public ProctorLeaderElection() {
        super(LEASE);
    }
}
