package dev.proctor.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTest {
    static final Route TREE = new Route("default", List.of(), false, List.of("alertname"), null, null, null, List.of(
            Route.to("pager", Matcher.eq("severity", "page")).withContinue()
                    .withGrouping(null, Duration.ofSeconds(10), null, null)
                    .withChildren(Route.to("pager-prod", Matcher.re("environment", "prod|production"))),
            Route.to("slack", Matcher.re("severity", "page|ticket")),
            Route.to("teams", Matcher.nre("suite", "shop.*"))));

    static List<String> receivers(String labels) {
        Map<String, String> map = new java.util.TreeMap<>();
        for (String pair : labels.split(" ")) if (!pair.isEmpty()) map.put(pair.split("=")[0], pair.split("=")[1]);
        return TREE.match(map).stream().map(RouteMatch::receiver).toList();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "'severity=page environment=prod suite=shop',  'pager-prod slack'", // nested match, then continue
            "'severity=page environment=dev suite=shop',   'pager slack'",      // no child matched: the parent itself
            "'severity=page environment=productionx suite=shop', 'pager slack'", // regexes are anchored
            "'severity=ticket suite=shop',                 'slack'",             // first match wins without continue
            "'severity=info suite=billing',                'teams'",
            "'severity=info',                              'teams'",             // a missing label is \"\"
            "'severity=info suite=shop-eu',                'default'"})          // nothing matched: the root
    void firstMatchWinsUnlessContinue(String labels, String expected) {
        assertThat(receivers(labels)).containsExactly(expected.split(" "));
    }

    @Test
    void childrenInheritWhatTheyDoNotSet() {
        List<RouteMatch> matches = TREE.match(Map.of("severity", "page", "environment", "prod", "suite", "shop"));

        RouteMatch prod = matches.get(0);
        assertThat(prod.groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(prod.groupInterval()).isEqualTo(Route.DEFAULT_GROUP_INTERVAL);
        assertThat(prod.repeatInterval()).isEqualTo(Route.DEFAULT_REPEAT_INTERVAL);
        assertThat(prod.groupBy()).containsExactly("alertname");
        assertThat(matches.get(1).groupWait()).isEqualTo(Route.DEFAULT_GROUP_WAIT);
        assertThat(prod.routeId()).isNotEqualTo(matches.get(1).routeId());
        assertThat(prod.routeId()).isEqualTo("{}/{severity=\"page\"}/0/{environment=~\"prod|production\"}/0");
    }

    @Test
    void groupKeysComeFromTheGroupingLabels() {
        RouteMatch byName = TREE.match(Map.of("alertname", "RunFailed", "suite", "shop-eu")).get(0);
        Route all = new Route("r", null, false, List.of("..."), null, null, null, null);
        RouteMatch everything = all.match(Map.of("a", "1", "b", "2")).get(0);

        assertThat(byName.groupKey(Map.of("alertname", "RunFailed", "suite", "shop-eu"))).isEqualTo("{}:{alertname=\"RunFailed\"}");
        assertThat(everything.groupByAll()).isTrue();
        assertThat(everything.groupKey(Map.of("a", "1", "b", "2"))).isEqualTo("{}:{a=\"1\", b=\"2\"}");
    }

    @Test
    void matchersParseLikeAlertmanagers() {
        assertThat(Matcher.parse("severity=~\"page|ticket\"")).isEqualTo(new Matcher.Valid(Matcher.re("severity", "page|ticket")));
        assertThat(Matcher.parse(" team != ops ")).isEqualTo(new Matcher.Valid(Matcher.ne("team", "ops")));
        assertThat(Matcher.parse("suite!~shop.*")).isEqualTo(new Matcher.Valid(Matcher.nre("suite", "shop.*")));
        assertThat(Matcher.parse("team=\"\"")).isEqualTo(new Matcher.Valid(Matcher.eq("team", "")));
        assertThat(Matcher.parse("suite=~(")).isInstanceOf(Matcher.Invalid.class);
        assertThat(Matcher.parse("no operator")).isInstanceOf(Matcher.Invalid.class);
        assertThat(Matcher.parse(null)).isInstanceOf(Matcher.Invalid.class);
    }

    @Test
    void emptyValueMatchesAbsentLabel() {
        assertThat(Matcher.eq("team", "").matches(Map.of())).isTrue();
        assertThat(Matcher.ne("team", "").matches(Map.of("team", "ops"))).isTrue();
        assertThat(Matcher.re("team", ".*").matches(Map.of())).isTrue();
        assertThat(Matcher.nre("team", ".+").matches(Map.of())).isTrue();
    }
}
