package dev.proctor.operator.alert;

import dev.proctor.core.alert.Dispatcher;
import dev.proctor.core.alert.Matcher;
import dev.proctor.core.alert.Route;
import dev.proctor.core.time.GoDuration;
import dev.proctor.operator.api.v1alpha1.AlertRoute;
import dev.proctor.operator.api.v1alpha1.sla.ChildRouteSpec;
import dev.proctor.operator.api.v1alpha1.sla.GroupingSpec;
import dev.proctor.operator.api.v1alpha1.sla.MatchSpec;
import dev.proctor.operator.api.v1alpha1.sla.MatcherSpec;
import dev.proctor.operator.api.v1alpha1.sla.ReceiverSpec;
import dev.proctor.operator.delivery.ReceiverKey;
import dev.proctor.operator.delivery.RouteReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The AlertRoutes that serve a namespace, as one core routing tree. The root takes what no route matches and
 * sends it nowhere ({@link Route#UNROUTED}); under it, one node per valid AlertRoute (by name, {@code continue} true
 * unless the route says otherwise, so every matching route hears of an alert); under each, its child routes, or one
 * node per receiver so that every receiver of the route gets the alert. Receivers are named
 * {@code <namespace>/<route>/<receiver>}.
 */
public final class RouteTree {
    public static final String NAMESPACE_LABEL = "namespace";

    /**
     * @param targets        each receiver by its {@link ReceiverKey#name()}
     * @param trackIncidents receivers with incidents of their own (PagerDuty), told of acknowledgements
     */
    public record Tree(Route root, Map<String, RouteReceiver> targets, Set<String> withoutResolved, Set<String> trackIncidents) {
        /** The tree as core's dispatcher takes it. */
        public Dispatcher.Config dispatchConfig() {
            return new Dispatcher.Config(root, withoutResolved, null);
        }
    }

    private RouteTree() {}

    private static String key(AlertRoute route, String receiver) {
        return ReceiverKey.of(route, receiver).name();
    }

    /** Whether a route serves the policies of {@code namespace}. */
    public static boolean serves(AlertRoute route, String namespace) {
        if (namespace.equals(route.getMetadata().getNamespace())) return true;
        MatchSpec m = route.getSpec() == null ? null : route.getSpec().match;
        return m != null && m.namespaces != null && m.namespaces.contains(namespace);
    }

    public static Tree build(List<AlertRoute> routes) {
        Map<String, RouteReceiver> targets = new LinkedHashMap<>();
        Set<String> withoutResolved = new HashSet<>();
        Set<String> trackIncidents = new HashSet<>();
        List<Route> nodes = new ArrayList<>();
        for (AlertRoute ar : routes.stream().filter(r -> problems(r).isEmpty())
                .sorted(Comparator.comparing((AlertRoute r) -> r.getMetadata().getNamespace()).thenComparing(r -> r.getMetadata().getName()))
                .toList()) {
            for (ReceiverSpec r : ar.getSpec().receivers) {
                targets.put(key(ar, r.name), new RouteReceiver(ReceiverKey.of(ar, r.name), r));
                if (Boolean.FALSE.equals(r.sendResolved)) withoutResolved.add(key(ar, r.name));
                if (r.pagerduty != null) trackIncidents.add(key(ar, r.name));
            }
            nodes.add(node(ar));
        }
        Route root = new Route(Route.UNROUTED, List.of(), false, null, null, null, null, nodes);
        return new Tree(root, targets, withoutResolved, trackIncidents);
    }

    private static Route node(AlertRoute ar) {
        GroupingSpec g = ar.getSpec().grouping;
        List<Route> children = new ArrayList<>();
        if (ar.getSpec().routes != null && !ar.getSpec().routes.isEmpty()) {
            for (ChildRouteSpec c : ar.getSpec().routes) {
                Route child = grouped(new Route(key(ar, c.receiver), parse(c.matchers), Boolean.TRUE.equals(c.continueMatching),
                        null, null, null, null, null), c.grouping);
                children.add(child);
            }
        } else if (ar.getSpec().receivers.size() > 1) {
            for (ReceiverSpec r : ar.getSpec().receivers) children.add(Route.to(key(ar, r.name)).withContinue());
        }
        boolean cont = g == null || g.continueMatching == null || g.continueMatching;
        Route node = new Route(key(ar, ar.getSpec().receivers.get(0).name), matchers(ar), cont, null, null, null, null, children);
        return grouped(node, g);
    }

    private static Route grouped(Route route, GroupingSpec g) {
        if (g == null) return route;
        return route.withGrouping(g.groupBy, duration(g.groupWait), duration(g.groupInterval), duration(g.repeatInterval));
    }

    private static Duration duration(String text) {
        return text == null ? null : GoDuration.parse(text);
    }

    /** The route's own match as core matchers; an unreadable one makes the route invalid (see {@link #problems}). */
    static List<Matcher> matchers(AlertRoute ar) {
        MatchSpec m = ar.getSpec().match;
        List<Matcher> out = new ArrayList<>();
        if (m == null) return out;
        if (m.severities != null && !m.severities.isEmpty()) {
            out.add(Matcher.re("severity", m.severities.stream().map(Enum::name).sorted().collect(Collectors.joining("|"))));
        }
        if (m.alertTypes != null && !m.alertTypes.isEmpty()) {
            out.add(Matcher.re("alertname", m.alertTypes.stream().map(Enum::name).sorted().collect(Collectors.joining("|"))));
        }
        if (m.labels != null) m.labels.forEach((k, v) -> out.add(Matcher.eq(k, v)));
        out.addAll(parse(m.matchers));
        return out;
    }

    private static List<Matcher> parse(List<MatcherSpec> specs) {
        List<Matcher> out = new ArrayList<>();
        if (specs == null) return out;
        for (MatcherSpec m : specs) if (parse(m) instanceof Matcher.Valid v) out.add(v.matcher());
        return out;
    }

    /** Through core's parser, so that a bad regular expression is an answer naming the matcher, not an exception. */
    static Matcher.Parsed parse(MatcherSpec m) {
        String value = m.value == null ? "" : m.value.replace("\\", "\\\\").replace("\"", "\\\"");
        return Matcher.parse(m.name + (m.op == null ? "=" : m.op) + "\"" + value + "\"");
    }

    /** What makes a route unusable, in words for its Ready condition; empty when it is fine. */
    public static List<String> problems(AlertRoute ar) {
        List<String> problems = new ArrayList<>();
        if (ar.getSpec() == null || ar.getSpec().receivers == null || ar.getSpec().receivers.isEmpty()) {
            problems.add("spec.receivers is empty");
            return problems;
        }
        List<MatcherSpec> texts = new ArrayList<>();
        if (ar.getSpec().match != null && ar.getSpec().match.matchers != null) texts.addAll(ar.getSpec().match.matchers);
        Set<String> names = ar.getSpec().receivers.stream().map(r -> r.name).collect(Collectors.toSet());
        if (ar.getSpec().routes != null) {
            for (ChildRouteSpec c : ar.getSpec().routes) {
                if (c.matchers != null) texts.addAll(c.matchers);
                if (!names.contains(c.receiver)) problems.add("spec.routes names receiver '" + c.receiver + "', which is not in spec.receivers");
            }
        }
        for (MatcherSpec t : texts) if (parse(t) instanceof Matcher.Invalid i) problems.add(i.reason());
        return problems;
    }
}
