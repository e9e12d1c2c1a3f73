package dev.proctor.operator.config;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.ZonedDateTime;
import org.jboss.logging.Logger;

/**
 * Hands the leader Lease over when this instance stops gracefully (a rolling update, a drained node), so the
 * standby takes over within one retry period (2 s) instead of waiting for the lease to expire (15 s).
 *
 * <p>Runs after the Operator SDK has stopped (its shutdown observer has the default priority; this one comes
 * later), so nothing reconciles any more when the Lease is given up. The release is what client-go's
 * {@code ReleaseOnCancel} writes — no holder, a 1-second lease — and only if this instance still holds it, with
 * the Lease's resourceVersion as a precondition, so it can never take the Lease from a new leader. Needs
 * {@code quarkus.operator-sdk.close-client-on-stop=false}: the client must outlive the operator by this much.
 */
@ApplicationScoped
public class LeaseRelease {
    private static final Logger LOG = Logger.getLogger(LeaseRelease.class);

    @Inject
    KubernetesClient client;

    @Inject
    ProctorLeaderElection election;

    void onStop(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) ShutdownEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) return; // leader election runs in the prod profile only
        String identity = election.identity();
        try {
            Lease lease = client.resources(Lease.class).inNamespace(election.namespace()).withName(ProctorLeaderElection.LEASE).get();
            if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) return;
            ZonedDateTime now = ZonedDateTime.now();
            lease.getSpec().setHolderIdentity(null);
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setAcquireTime(now);
            lease.getSpec().setRenewTime(now);
            client.resource(lease).inNamespace(election.namespace()).update(); // resourceVersion set: a Lease someone else renewed meanwhile is left alone
            LOG.infof("released the leader Lease %s held by %s", ProctorLeaderElection.LEASE, identity);
        } catch (KubernetesClientException e) {
            LOG.warnf("could not release the leader Lease (the standby takes over when it expires): %s", e.getMessage());
        }
    }
}
