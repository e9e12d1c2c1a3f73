package dev.proctor.core.alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A route an alert matched, with everything inherited resolved.
 *
 * @param routeId    the node's path from the root: matchers and sibling index per level, as Alertmanager's route ID
 * @param groupByAll {@code groupBy: ["..."]}: every label is a grouping label
 */
public record RouteMatch(String routeId, String receiver, boolean groupByAll, List<String> groupBy,
                         Duration groupWait, Duration groupInterval, Duration repeatInterval) {

    /** The alert's values of the grouping labels; labels it does not have are left out. */
    public SortedMap<String, String> groupLabels(Map<String, String> labels) {
        TreeMap<String, String> group = new TreeMap<>();
        if (groupByAll) {
            group.putAll(labels);
        } else {
            for (String name : groupBy) if (labels.containsKey(name)) group.put(name, labels.get(name));
        }
        return group;
    }

    /** {@code <routeId>:{name="value", …}}, unique per route and grouping labels. */
    public String groupKey(Map<String, String> labels) {
        return routeId + ":" + groupLabels(labels).entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
