package dev.proctor.sdk.vitals;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Core web vitals of one page as the browser measured them. A metric the browser did not report (no contentful
 * paint yet, say) is null.
 *
 * @param fcpMillis first contentful paint
 * @param lcpMillis largest contentful paint (the latest candidate when measured)
 * @param cls       cumulative layout shift, shifts right after user input excluded
 * @param tbtMillis total blocking time: the part of each long task over 50 ms, after first contentful paint
 */
public record Vitals(String url, Double fcpMillis, Double lcpMillis, double cls, double tbtMillis) {

    /** As JUnit report entry pairs ({@code vitals.lcpMs = 812}), the form the runner writes into JUnit XML. */
    public Map<String, String> asReportEntry() {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("vitals.url", url);
        if (fcpMillis != null) entry.put("vitals.fcpMs", String.valueOf(Math.round(fcpMillis)));
        if (lcpMillis != null) entry.put("vitals.lcpMs", String.valueOf(Math.round(lcpMillis)));
        entry.put("vitals.cls", String.format(java.util.Locale.ROOT, "%.4f", cls));
        entry.put("vitals.tbtMs", String.valueOf(Math.round(tbtMillis)));
        return entry;
    }
}
