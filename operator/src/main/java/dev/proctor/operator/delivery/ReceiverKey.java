package dev.proctor.operator.delivery;

import dev.proctor.operator.api.v1alpha1.AlertRoute;
import java.util.Optional;

/**
 * One receiver of one AlertRoute. Its {@link #name()}, {@code <namespace>/<route>/<receiver>}, is how the routing tree,
 * the outbox and the metrics name the receiver; it is written and read here only.
 */
public record ReceiverKey(String namespace, String route, String receiver) {
    public static ReceiverKey of(AlertRoute route, String receiver) {
        return new ReceiverKey(route.getMetadata().getNamespace(), route.getMetadata().getName(), receiver);
    }

    /** The key a {@link #name()} stands for; empty for a name that is not one (a hand-edited outbox). */
    public static Optional<ReceiverKey> parse(String name) {
        String[] parts = name == null ? new String[0] : name.split("/", 3);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) return Optional.empty();
        return Optional.of(new ReceiverKey(parts[0], parts[1], parts[2]));
    }

    public String name() {
        return namespace + "/" + route + "/" + receiver;
    }

    @Override
    public String toString() {
        return name();
    }
}
