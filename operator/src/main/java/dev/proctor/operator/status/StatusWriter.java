package dev.proctor.operator.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Writes a custom resource's status and lets the next reconcile read its own write.
 *
 * <p>Only the operator writes these statuses, so the status it last wrote <i>is</i> the stored one — but the informer
 * cache learns of it only when the watch event arrives, after the write returned, and the Operator SDK (5.2) keeps no
 * copy of a status patch's result. A reconcile running in between would start from an older status: repeat Events,
 * count a finished run twice, write again. So each write's result is kept here per object (uid) and
 * {@link #freshest} returns it until the cache shows the same status, then forgets it. An entry also expires after
 * {@link #MAX_AGE}, so a status someone else wrote (kubectl edit --subresource=status) wins in the end.
 *
 * <p>Writes are server-side apply patches of the status subresource under the controller's field manager, without a
 * resourceVersion: this operator is the status's only writer, so there is no one to lose a race to. Where the API
 * server cannot apply (Fabric8's mock server in tests), a read-modify-write of the status is used instead.
 */
public final class StatusWriter<R extends CustomResource<?, S>, S> {
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Written<S>(S status, Instant at) {}

    private final KubernetesClient client;
    private final Class<R> type;
    private final Supplier<R> factory;
    private final String fieldManager;
    private final boolean serverSideApply;
    private final Clock clock;
    private final Map<String, Written<S>> written = new ConcurrentHashMap<>();

    public StatusWriter(KubernetesClient client, Class<R> type, Supplier<R> factory, String fieldManager,
                        boolean serverSideApply, Clock clock) {
        this.client = client;
        this.type = type;
        this.factory = factory;
        this.fieldManager = fieldManager;
        this.serverSideApply = serverSideApply;
        this.clock = clock;
    }

    /** The status to reconcile from: this operator's last write while the cache has not caught up with it. */
    public S freshest(R resource) {
        String uid = resource.getMetadata().getUid();
        Written<S> mine = uid == null ? null : written.get(uid);
        if (mine == null) return resource.getStatus();
        if (same(resource.getStatus(), mine.status()) || clock.instant().isAfter(mine.at().plus(MAX_AGE))) {
            written.remove(uid, mine);
            return resource.getStatus();
        }
        return mine.status();
    }

    /** Writes {@code status} as the resource's whole status and remembers the stored result. */
    public S write(R resource, S status) {
        R stored;
        if (serverSideApply) {
            R patch = factory.get();
            patch.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
                    .withNamespace(resource.getMetadata().getNamespace()).build());
            patch.setStatus(status);
            stored = client.resource(patch).subresource("status").patch(new PatchContext.Builder()
                    .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(fieldManager).withForce(true).build());
        } else {
            stored = client.resources(type).inNamespace(resource.getMetadata().getNamespace())
                    .withName(resource.getMetadata().getName()).editStatus(current -> {
                        current.setStatus(status);
                        return current;
                    });
        }
        if (stored != null && stored.getMetadata().getUid() != null) {
            written.put(stored.getMetadata().getUid(), new Written<>(stored.getStatus(), clock.instant()));
            forgetExpired();
        }
        return stored == null ? status : stored.getStatus();
    }

    /** Whether two statuses hold the same content (as JSON, so list and map implementations do not matter). */
    public static boolean same(Object a, Object b) {
        if (a == null || b == null) return Objects.equals(a, b);
        return JSON.valueToTree(a).equals(JSON.valueToTree(b));
    }

    /** Statuses remembered now (for tests and the memory figures). */
    public int remembered() {
        return written.size();
    }

    private void forgetExpired() {
        if (written.size() < 256) return;
        Instant oldest = clock.instant().minus(MAX_AGE);
        written.entrySet().removeIf(e -> e.getValue().at().isBefore(oldest));
    }
}
