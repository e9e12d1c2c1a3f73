package dev.proctor.sdk.vitals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Upper limits for web vitals; unset limits are not checked. {@link #goodCoreWebVitals()} uses the thresholds that
 * Google calls "good" (FCP 1.8 s, LCP 2.5 s, CLS 0.1) and 200 ms of blocking time.
 */
public final class VitalsBudget {
    private Double fcp;
    private Double lcp;
    private Double cls;
    private Double tbt;

    public static VitalsBudget none() {
        return new VitalsBudget();
    }

    public static VitalsBudget goodCoreWebVitals() {
        return new VitalsBudget().maxFcpMillis(1800).maxLcpMillis(2500).maxCls(0.1).maxTbtMillis(200);
    }

    public VitalsBudget maxFcpMillis(double millis) { fcp = millis; return this; }

    public VitalsBudget maxLcpMillis(double millis) { lcp = millis; return this; }

    public VitalsBudget maxCls(double score) { cls = score; return this; }

    public VitalsBudget maxTbtMillis(double millis) { tbt = millis; return this; }

    /** @return one line per metric over its limit or not measured though limited; empty when within budget */
    public List<String> violations(Vitals vitals) {
        List<String> problems = new ArrayList<>();
        check(problems, "FCP", vitals.fcpMillis(), fcp, "ms");
        check(problems, "LCP", vitals.lcpMillis(), lcp, "ms");
        check(problems, "CLS", vitals.cls(), cls, "");
        check(problems, "TBT", vitals.tbtMillis(), tbt, "ms");
        return problems;
    }

    private static void check(List<String> problems, String metric, Double value, Double limit, String unit) {
        if (limit == null) return;
        if (value == null) {
            problems.add(metric + " was not measured");
        } else if (value > limit) {
            problems.add(String.format(Locale.ROOT, "%s %s%s > %s%s", metric, format(value), unit, format(limit), unit));
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) >= 1 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
