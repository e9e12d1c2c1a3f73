package dev.proctor.core.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Alertmanager's dispatcher as a pure state machine: alerts in, notifications out, and when to call again.
 *
 * <p>Semantics, as Alertmanager documents and implements them (dispatch.go, notify.go's DedupStage):
 * <ul>
 *   <li>an alert goes to every group of every route it matches ({@link Route#match}); a group is created by
 *       its first firing alert and waits {@code groupWait} before it is first flushed. If that alert started
 *       more than groupWait ago (it fired while nobody looked), the group flushes at once;
 *   <li>after a flush the group is flushed again every {@code groupInterval}; alerts that arrive in between
 *       wait for that tick, so a receiver hears about changes at most once per groupInterval;
 *   <li>a flush notifies when the notification log says so: never notified and something fires; an alert fires
 *       that was not firing last time; all alerts resolved and some fired last time (the resolved notification);
 *       an alert resolved that was not reported resolved (receivers that want resolved alerts only); or nothing
 *       changed and the last notification is {@code repeatInterval} old (so repeats land on interval ticks);
 *   <li>after a flush, resolved alerts leave the group, and a group left empty is removed.
 * </ul>
 * A resolved report for an alert no group holds is ignored: the receiver never heard of it. Everything is
 * computed from {@code now}; call {@link #step} on every change and again at {@link Step#nextWakeUp()}.
 */
public final class Dispatcher {
    private Dispatcher() {}

    /**
     * @param root               the routing tree
     * @param withoutResolved    receivers that do not want resolved alerts (Alertmanager's send_resolved: false);
     *                           the log still records the resolve
     */
    public record Config(Route root, Set<String> withoutResolved, DispatchLimits limits) {
        public Config {
            Objects.requireNonNull(root, "root");
            withoutResolved = withoutResolved == null ? Set.of() : Set.copyOf(withoutResolved);
            limits = limits == null ? DispatchLimits.defaults() : limits;
        }

        public static Config of(Route root) {
            return new Config(root, Set.of(), DispatchLimits.defaults());
        }
    }

    /** @param nextWakeUp the earliest pending flush, or null when no group is waiting */
    public record Step(DispatchState state, List<Notification> notifications, Instant nextWakeUp) {}

    /** Takes the reported alerts in (none on a timer wake-up) and flushes every group that is due at {@code now}. */
    public static Step step(DispatchState state, Config config, List<Alert> reported, Instant now) {
        Map<String, AggregationGroup> groups = new LinkedHashMap<>();
        for (AggregationGroup g : state.groups()) groups.put(g.key(), g);
        long dropped = state.droppedAlerts();
        for (Alert alert : reported) {
            for (RouteMatch match : config.root().match(alert.labels())) {
                String key = match.groupKey(alert.labels());
                AggregationGroup group = groups.get(key);
                if (group == null) {
                    if (alert.resolvedAt(now)) continue;
                    if (groups.size() >= config.limits().maxGroups()) {
                        dropped++;
                        continue;
                    }
                    group = new AggregationGroup(key, match.routeId(), match.receiver(), match.groupLabels(alert.labels()),
                            match.groupWait(), match.groupInterval(), match.repeatInterval(), now,
                            now.plus(match.groupWait()), false, List.of());
                }
                List<Alert> alerts = new ArrayList<>(group.alerts());
                String fingerprint = alert.fingerprint();
                int known = indexOf(alerts, fingerprint);
                if (known >= 0) {
                    alerts.set(known, alerts.get(known).mergedWith(alert));
                } else if (alert.resolvedAt(now)) {
                    continue;
                } else if (alerts.size() >= config.limits().maxAlertsPerGroup()) {
                    dropped++;
                    continue;
                } else {
                    alerts.add(alert);
                }
                Instant next = group.nextFlush();
                if (!group.flushed() && alert.startsAt().plus(group.groupWait()).isBefore(now)) next = now;
                groups.put(key, group.with(next, group.flushed(), alerts));
            }
        }

        Map<String, NotificationLogEntry> log = new TreeMap<>();
        for (NotificationLogEntry e : state.log()) log.put(logKey(e.groupKey(), e.receiver()), e);
        List<Notification> notifications = new ArrayList<>();
        for (AggregationGroup group : List.copyOf(groups.values())) {
            if (group.nextFlush().isAfter(now)) continue;
            AggregationGroup remaining = flush(group, config, log, notifications, now);
            if (remaining == null) groups.remove(group.key()); else groups.put(group.key(), remaining);
        }

        List<NotificationLogEntry> kept = prune(log, groups, config.limits(), now);
        Instant wake = groups.values().stream().map(AggregationGroup::nextFlush).min(Comparator.naturalOrder()).orElse(null);
        return new Step(new DispatchState(List.copyOf(groups.values()), kept, dropped), List.copyOf(notifications), wake);
    }

    /** @return the group after the flush, or null when it is left empty */
    private static AggregationGroup flush(AggregationGroup group, Config config, Map<String, NotificationLogEntry> log,
                                          List<Notification> out, Instant now) {
        List<Alert> firing = group.alerts().stream().filter(a -> !a.resolvedAt(now)).toList();
        List<Alert> resolved = group.alerts().stream().filter(a -> a.resolvedAt(now)).toList();
        List<String> firingPrints = firing.stream().map(Alert::fingerprint).sorted().toList();
        List<String> resolvedPrints = resolved.stream().map(Alert::fingerprint).sorted().toList();
        boolean sendResolved = !config.withoutResolved().contains(group.receiver());
        String logKey = logKey(group.key(), group.receiver());
        NotificationLogEntry entry = log.get(logKey);
        if (needsUpdate(entry, firingPrints, resolvedPrints, sendResolved, group, now)) {
            List<Alert> visible = new ArrayList<>(firing);
            if (sendResolved) visible.addAll(resolved);
            if (!visible.isEmpty()) {
                out.add(notification(group, entry, firing.isEmpty(), visible, firingPrints, resolvedPrints, now));
            }
            log.put(logKey, new NotificationLogEntry(group.key(), group.receiver(), now, firingPrints, resolvedPrints));
        }
        if (firing.isEmpty()) return null;
        return group.with(now.plus(group.groupInterval()), true, firing);
    }

    /** Alertmanager's DedupStage.needsUpdate, verbatim in meaning. */
    static boolean needsUpdate(NotificationLogEntry entry, List<String> firing, List<String> resolved,
                               boolean sendResolved, AggregationGroup group, Instant now) {
        if (entry == null) return !firing.isEmpty();
        if (!entry.firing().containsAll(firing)) return true;
        if (firing.isEmpty()) return !entry.firing().isEmpty();
        if (sendResolved && !entry.resolved().containsAll(resolved)) return true;
        return entry.sentAt().isBefore(now.minus(group.repeatInterval()));
    }

    /**
     * The id hashes the content and the previous log entry's time: recomputing the same flush after a restart
     * (state not yet saved) gives the same id, while a repeat, whose previous entry is newer, gets a new one.
     */
    private static Notification notification(AggregationGroup group, NotificationLogEntry previous, boolean allResolved,
                                             List<Alert> alerts,
                                             List<String> firing, List<String> resolved, Instant now) {
        String incident = alerts.stream().map(a -> a.annotations().get(Alert.INCIDENT)).filter(Objects::nonNull)
                .sorted().findFirst().orElse("");
        String dedupKey = "proctor-" + hash(group.receiver(), group.key(), incident);
        Notification.Status status = allResolved ? Notification.Status.Resolved : Notification.Status.Firing;
        String id = hash(dedupKey, status.name(), String.join(",", firing), String.join(",", resolved),
                previous == null ? "first" : previous.sentAt().toString());
        return new Notification(group.receiver(), group.key(), group.groupLabels(), status, alerts, now, dedupKey, id);
    }

    /**
     * Forgets entries of groups that no longer exist once they are older than the retention, then the oldest
     * such entries beyond the cap. Entries of live groups stay: without them a repeat would come early.
     */
    private static List<NotificationLogEntry> prune(Map<String, NotificationLogEntry> log, Map<String, AggregationGroup> groups,
                                                    DispatchLimits limits, Instant now) {
        Set<String> live = new java.util.HashSet<>();
        for (AggregationGroup g : groups.values()) live.add(logKey(g.key(), g.receiver()));
        List<NotificationLogEntry> kept = new ArrayList<>();
        List<NotificationLogEntry> idle = new ArrayList<>();
        for (Map.Entry<String, NotificationLogEntry> e : log.entrySet()) {
            if (live.contains(e.getKey())) kept.add(e.getValue());
            else if (e.getValue().sentAt().isAfter(now.minus(limits.logRetention()))) idle.add(e.getValue());
        }
        idle.sort(Comparator.comparing(NotificationLogEntry::sentAt).reversed());
        kept.addAll(idle.subList(0, Math.max(0, Math.min(idle.size(), limits.maxLogEntries() - kept.size()))));
        return kept;
    }

    private static int indexOf(List<Alert> alerts, String fingerprint) {
        for (int i = 0; i < alerts.size(); i++) if (alerts.get(i).fingerprint().equals(fingerprint)) return i;
        return -1;
    }

    private static String logKey(String groupKey, String receiver) {
        return receiver + "\u0000" + groupKey;
    }

    static String hash(String... parts) {
        MessageDigest sha = Alert.sha256();
        for (String part : parts) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0xff);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    }
}
