package dev.proctor.core.alert.payload;

import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.Severity;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The words every renderer shares, so that Slack, Teams and Events say the same thing. Unmasked: callers mask. */
final class NotificationText {
    static final int MAX_LISTED_ALERTS = 10;

    private NotificationText() {}

    /** Alertmanager's default title: {@code [FIRING:2] <group label values>}, or the common alert name. */
    static String title(Notification n) {
        String status = n.status() == Notification.Status.Firing
                ? "[FIRING:" + n.firing().size() + "]" : "[RESOLVED]";
        String what = n.groupLabels().isEmpty() ? commonLabels(n).getOrDefault(Alert.ALERTNAME, "Proctor alerts")
                : String.join(" ", n.groupLabels().values());
        return status + " " + what;
    }

    /** One line per alert: {@code [page] SLOBurnRate objective=passRate: summary}. */
    static String line(Alert a, boolean resolved) {
        StringBuilder b = new StringBuilder();
        b.append(resolved ? "[resolved] " : "[" + a.severity().label() + "] ").append(a.type().name());
        a.labels().forEach((k, v) -> {
            if (!k.equals(Alert.ALERTNAME) && !k.equals(Alert.SEVERITY)) b.append(' ').append(k).append('=').append(v);
        });
        String summary = a.annotations().get("summary");
        if (summary != null) b.append(": ").append(summary);
        return b.toString();
    }

    static List<String> lines(Notification n) {
        return n.alerts().stream().map(a -> line(a, a.resolvedAt(n.at()))).toList();
    }

    /** Labels all alerts share, as Alertmanager's commonLabels. */
    static SortedMap<String, String> commonLabels(Notification n) {
        return common(n.alerts().stream().map(Alert::labels).toList());
    }

    static SortedMap<String, String> commonAnnotations(Notification n) {
        return common(n.alerts().stream().map(Alert::annotations).toList());
    }

    private static SortedMap<String, String> common(List<? extends Map<String, String>> maps) {
        TreeMap<String, String> common = new TreeMap<>();
        if (maps.isEmpty()) return common;
        common.putAll(maps.get(0));
        for (Map<String, String> m : maps) common.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        return common;
    }

    /** The most urgent severity among the firing alerts (Info when none fire). */
    static Severity highest(Notification n) {
        return n.firing().stream().map(Alert::severity).min(Enum::compareTo).orElse(Severity.Info);
    }

    /** At most {@code max} characters, cut at a code point boundary with an ellipsis. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) return text;
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }
}
