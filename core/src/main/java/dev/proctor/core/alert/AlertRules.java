package dev.proctor.core.alert;

import dev.proctor.core.run.RunPhase;
import dev.proctor.core.sla.ObjectiveStatus;
import dev.proctor.core.sla.PairStatus;
import dev.proctor.core.sla.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finished runs and SLO evaluations → alerts.
 *
 * <p>The rules are stateless, like Prometheus rules: every evaluation reports each alert it knows about as firing
 * or resolved, and the dispatcher merges the reports. So run alerts are keyed by suite, not by run: the next
 * failed run of a suite is the same RunFailed alert still firing (its annotations name the latest run), and the
 * next Succeeded run resolves it. An Error run says nothing about the tests, so it neither fires nor resolves
 * RunFailed; a run that executed its tests resolves RunError. Reasons and run names are annotations, never
 * labels, so that a resolving report has the same labels as the firing one.
 */
public final class AlertRules {
    public static final String SUITE = "suite";
    public static final String OBJECTIVE = "objective";
    public static final String LONG_WINDOW = "long_window";
    public static final String SHORT_WINDOW = "short_window";
    public static final String BURN_PAIR = "burn_pair";
    /** Names listed in an annotation; the rest are counted. */
    static final int MAX_LISTED_TESTS = 10;

    private AlertRules() {}

    /**
     * @param labels labels every alert of the policy carries (policy, namespace, environment…)
     */
    public static List<Alert> forRun(AlertSettings settings, Map<String, String> labels, RunRecord run) {
        TreeMap<String, String> base = new TreeMap<>(labels);
        base.put(SUITE, run.suite());
        Instant at = run.finishedAt();
        List<Alert> alerts = new ArrayList<>();
        Alert failed = Alert.firing(AlertType.RunFailed, settings.severity(AlertType.RunFailed), base, Map.of(), at);
        Alert error = Alert.firing(AlertType.RunError, settings.severity(AlertType.RunError), base, Map.of(), at);
        Alert flaky = Alert.firing(AlertType.FlakyTestDetected, settings.severity(AlertType.FlakyTestDetected), base, Map.of(), at);
        switch (run.phase()) {
            case Failed -> {
                alerts.add(annotate(failed, run, run.failed() + " of " + run.tests() + " tests failed in run " + run.run(),
                        "failedTests", list(run.failedTests(), run.failedTestsOmitted())));
                alerts.add(error.resolve(at));
            }
            case Error -> alerts.add(annotate(error, run, "run " + run.run() + " did not finish: " + run.reason(),
                    "reason", run.reason()));
            case Succeeded -> {
                alerts.add(failed.resolve(at));
                alerts.add(error.resolve(at));
            }
            default -> {
                return List.of(); // a run still going says nothing yet
            }
        }
        if (run.flaky() > 0) {
            alerts.add(annotate(flaky, run, run.flaky() + " flaky " + (run.flaky() == 1 ? "test" : "tests") + " in run " + run.run(),
                    "flakyTests", list(run.flakyTests(), Math.max(0, run.flaky() - run.flakyTests().size()))));
        } else if (run.phase() != RunPhase.Error) {
            alerts.add(flaky.resolve(at));
        }
        return alerts;
    }

    /** One SLOBurnRate alert per burn pair and one BudgetExhausted per objective, each firing or resolved. */
    public static List<Alert> forSlo(AlertSettings settings, Map<String, String> labels, List<ObjectiveStatus> statuses) {
        List<Alert> alerts = new ArrayList<>();
        for (ObjectiveStatus status : statuses) {
            Instant at = status.evaluatedAt();
            TreeMap<String, String> base = new TreeMap<>(labels);
            base.put(OBJECTIVE, status.objective().name());
            for (PairStatus pair : status.pairs()) {
                TreeMap<String, String> l = new TreeMap<>(base);
                l.put(BURN_PAIR, pair.pair().name());
                l.put(LONG_WINDOW, pair.longWindow());
                l.put(SHORT_WINDOW, pair.shortWindow());
                TreeMap<String, String> a = new TreeMap<>();
                a.put("summary", status.objective().name() + " is burning its error budget at " + rate(pair.longTally().rate())
                        + "× over " + pair.longWindow() + " and " + rate(pair.shortTally().rate()) + "× over " + pair.shortWindow()
                        + " (threshold " + rate(pair.pair().factor()) + "×)");
                a.put("budgetRemaining", percent(status.budgetRemaining()));
                if (status.budgetExhaustedAt() != null) a.put("budgetExhaustedAt", status.budgetExhaustedAt().toString());
                Alert alert = Alert.firing(AlertType.SLOBurnRate, settings.severity(pair.pair().urgency()), l, a, at);
                alerts.add(pair.firing() ? alert : alert.resolve(at));
            }
            Alert exhausted = Alert.firing(AlertType.BudgetExhausted, settings.severity(AlertType.BudgetExhausted), base,
                    Map.of("summary", status.objective().name() + " has spent its error budget ("
                            + percent(status.budgetRemaining()) + " remaining over " + status.objective().window().describe() + ")"),
                    at);
            alerts.add(status.budgetRemaining() <= 0 ? exhausted : exhausted.resolve(at));
        }
        return alerts;
    }

    private static Alert annotate(Alert alert, RunRecord run, String summary, String listName, String list) {
        TreeMap<String, String> a = new TreeMap<>();
        a.put("summary", summary);
        a.put("run", run.run());
        if (list != null && !list.isEmpty()) a.put(listName, list);
        return new Alert(alert.type(), alert.severity(), alert.labels(), a, alert.startsAt(), alert.endsAt());
    }

    private static String list(List<String> names, int omitted) {
        List<String> shown = names.stream().limit(MAX_LISTED_TESTS).toList();
        int more = omitted + names.size() - shown.size();
        return String.join(", ", shown) + (more > 0 ? (shown.isEmpty() ? "" : ", ") + "and " + more + " more" : "");
    }

    static String rate(Double rate) {
        return rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f", rate);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
