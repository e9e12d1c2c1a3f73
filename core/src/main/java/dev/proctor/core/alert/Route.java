package dev.proctor.core.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A node of the routing tree, with Prometheus Alertmanager's documented semantics:
 * <ul>
 *   <li>an alert enters at the root, which matches everything (its matchers are ignored);
 *   <li>at each node that matches, the children are tried in order; a child that matches (itself or through its
 *       own children) ends the search unless it has {@code continue} set, in which case the next siblings are
 *       tried too; when no child matches, the node itself is the match;
 *   <li>receiver, groupBy and the three timers are inherited from the parent when unset (null, or an empty
 *       groupBy, as in Alertmanager); {@code groupBy: ["..."]} groups by all labels;
 *   <li>root defaults: groupWait 30s, groupInterval 5m, repeatInterval 4h, no grouping labels (one group).
 * </ul>
 *
 * @param continueMatching Alertmanager's {@code continue}
 */
public record Route(String receiver, List<Matcher> matchers, boolean continueMatching, List<String> groupBy,
                    Duration groupWait, Duration groupInterval, Duration repeatInterval, List<Route> routes) {
    public static final String GROUP_BY_ALL = "...";
    /** The receiver of a root that takes what no route matches and sends it nowhere: its notifications are dropped. */
    public static final String UNROUTED = "proctor-unrouted";
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    public Route {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        routes = routes == null ? List.of() : List.copyOf(routes);
        groupWait = nonNegative(groupWait);
        groupInterval = positive(groupInterval);
        repeatInterval = positive(repeatInterval);
    }

    /** A leaf or inner node that inherits everything it does not set. */
    public static Route to(String receiver, Matcher... matchers) {
        return new Route(receiver, List.of(matchers), false, null, null, null, null, null);
    }

    public Route withContinue() {
        return new Route(receiver, matchers, true, groupBy, groupWait, groupInterval, repeatInterval, routes);
    }

    public Route withChildren(Route... children) {
        return new Route(receiver, matchers, continueMatching, groupBy, groupWait, groupInterval, repeatInterval, List.of(children));
    }

    public Route withGrouping(List<String> by, Duration wait, Duration interval, Duration repeat) {
        return new Route(receiver, matchers, continueMatching, by, wait, interval, repeat, routes);
    }

    /** Where an alert with these labels goes: one or more matches (more with {@code continue}), in tree order. */
    public List<RouteMatch> match(Map<String, String> labels) {
        if (receiver == null || receiver.isBlank()) throw new IllegalStateException("the root route needs a receiver");
        RouteMatch root = new RouteMatch("{}", receiver, groupBy.contains(GROUP_BY_ALL), groupBy(groupBy),
                orElse(groupWait, DEFAULT_GROUP_WAIT), orElse(groupInterval, DEFAULT_GROUP_INTERVAL),
                orElse(repeatInterval, DEFAULT_REPEAT_INTERVAL));
        List<RouteMatch> all = new ArrayList<>();
        children(root, labels, all);
        if (all.isEmpty()) all.add(root);
        return all;
    }

    private void children(RouteMatch self, Map<String, String> labels, List<RouteMatch> out) {
        for (int i = 0; i < routes.size(); i++) {
            Route child = routes.get(i);
            if (!child.matchers.stream().allMatch(m -> m.matches(labels))) continue;
            RouteMatch inherited = child.inherit(self, i);
            int before = out.size();
            child.children(inherited, labels, out);
            if (out.size() == before) out.add(inherited);
            if (!child.continueMatching) break;
        }
    }

    private RouteMatch inherit(RouteMatch parent, int index) {
        String id = parent.routeId() + "/" + matchers.stream().map(Matcher::toString).collect(Collectors.joining(",", "{", "}"))
                + "/" + index;
        boolean all = groupBy.isEmpty() ? parent.groupByAll() : groupBy.contains(GROUP_BY_ALL);
        List<String> by = groupBy.isEmpty() ? parent.groupBy() : groupBy(groupBy);
        return new RouteMatch(id, receiver == null || receiver.isBlank() ? parent.receiver() : receiver, all, by,
                orElse(groupWait, parent.groupWait()), orElse(groupInterval, parent.groupInterval()),
                orElse(repeatInterval, parent.repeatInterval()));
    }

    private static List<String> groupBy(List<String> names) {
        return names.stream().filter(n -> !GROUP_BY_ALL.equals(n)).distinct().sorted().toList();
    }

    private static Duration orElse(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }

    private static Duration nonNegative(Duration d) {
        return d == null || d.isNegative() ? null : d;
    }

    private static Duration positive(Duration d) {
        return d == null || d.isNegative() || d.isZero() ? null : d;
    }
}
