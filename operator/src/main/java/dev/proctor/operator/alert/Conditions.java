package dev.proctor.operator.alert;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** metav1.Conditions whose lastTransitionTime moves only when their status does. */
public final class Conditions {
    private Conditions() {}

    public static List<Condition> set(List<Condition> previous, String type, boolean status, String reason, String message,
                                      Long generation, Instant now) {
        Condition old = previous == null ? null : previous.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String value = status ? "True" : "False";
        String since = old != null && value.equals(old.getStatus()) && old.getLastTransitionTime() != null
                ? old.getLastTransitionTime() : now.toString();
        Condition next = new ConditionBuilder().withType(type).withStatus(value).withReason(reason)
                .withMessage(message == null ? "" : message).withObservedGeneration(generation)
                .withLastTransitionTime(since).build();
        List<Condition> out = new ArrayList<>();
        if (previous != null) for (Condition c : previous) if (!type.equals(c.getType())) out.add(c);
        out.add(next);
        out.sort(java.util.Comparator.comparing(Condition::getType));
        return out;
    }

    public static Condition get(List<Condition> conditions, String type) {
        return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
}
