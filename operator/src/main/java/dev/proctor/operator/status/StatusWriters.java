package dev.proctor.operator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes each controller's {@link StatusWriter}, applying status as the Operator SDK would (server-side apply or not). */
@ApplicationScoped
public class StatusWriters {
    private final KubernetesClient client;
    private final Clock clock;
    private final boolean serverSideApply;

    public StatusWriters(KubernetesClient client, Clock clock,
                         @ConfigProperty(name = "quarkus.operator-sdk.enable-ssa", defaultValue = "true") boolean serverSideApply) {
        this.client = client;
        this.clock = clock;
        this.serverSideApply = serverSideApply;
    }

    /** @param controller the controller's name, which is also the Operator SDK's field manager for its status */
    public <R extends CustomResource<?, S>, S> StatusWriter<R, S> forController(String controller, Class<R> type, Supplier<R> factory) {
        return new StatusWriter<>(client, type, factory, controller, serverSideApply, clock);
    }
}
