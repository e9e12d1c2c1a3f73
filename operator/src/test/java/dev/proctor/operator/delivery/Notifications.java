package dev.proctor.operator.delivery;

import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.AlertType;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Notifications as the dispatcher makes them, for receiver tests. */
final class Notifications {
    static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private Notifications() {}

    static Alert burn(String incident) {
        Alert a = Alert.firing(AlertType.SLOBurnRate, Severity.Page,
                Map.of("policy", "smoke", "namespace", "shop", "objective", "passRate", "burn_pair", "1h/5m"),
                Map.of("summary", "passRate is burning its error budget at 20.0×"), AT.minusSeconds(60));
        return incident == null ? a : a.withAnnotation(Alert.INCIDENT, incident);
    }

    static Notification firing(String id, String incident) {
        return new Notification("shop/route/recv", "{}:{policy=\"smoke\"}", new TreeMap<>(Map.of("policy", "smoke")),
                Notification.Status.Firing, List.of(burn(incident)), AT, "proctor-dedup-" + id, id);
    }

    static Notification resolved(String id, String incident) {
        return new Notification("shop/route/recv", "{}:{policy=\"smoke\"}", new TreeMap<>(Map.of("policy", "smoke")),
                Notification.Status.Resolved, List.of(burn(incident).resolve(AT)), AT, "proctor-dedup-" + id, id);
    }
}
