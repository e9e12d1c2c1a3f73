package dev.proctor.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one builder of metav1.Conditions for the three reconcilers: each carries {@code observedGeneration}, and its
 * {@code lastTransitionTime} moves only when its status does.
 */
public final class Conditions {
    public static final String TRUE = "True";
    public static final String FALSE = "False";

    private Conditions() {}

    /**
     * The condition {@code type} as it is now: its transition time is the one it had in {@code previous} while its
     * status stays the same, else {@code now}.
     */
    public static Condition condition(List<Condition> previous, String type, boolean status, String reason, String message,
                                      Long generation, Instant now) {
        String value = status ? TRUE : FALSE;
        Condition old = get(previous, type);
        String since = old != null && value.equals(old.getStatus()) && old.getLastTransitionTime() != null
                ? old.getLastTransitionTime() : now.toString();
        return new ConditionBuilder().withType(type).withStatus(value).withReason(reason)
                .withMessage(message == null ? "" : message).withObservedGeneration(generation)
                .withLastTransitionTime(since).build();
    }

    /** {@code previous} with the condition {@code type} set as {@link #condition} builds it, sorted by type. */
    public static List<Condition> set(List<Condition> previous, String type, boolean status, String reason, String message,
                                      Long generation, Instant now) {
        Condition next = condition(previous, type, status, reason, message, generation, now);
        List<Condition> out = new ArrayList<>();
        if (previous != null) for (Condition c : previous) if (!type.equals(c.getType())) out.add(c);
        out.add(next);
        out.sort(Comparator.comparing(Condition::getType));
        return out;
    }

    public static Condition get(List<Condition> conditions, String type) {
        return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        Condition c = get(conditions, type);
        return c != null && TRUE.equals(c.getStatus());
    }
}
