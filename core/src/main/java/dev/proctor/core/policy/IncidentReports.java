package dev.proctor.core.policy;

import dev.proctor.core.incident.Incident;
import dev.proctor.core.incident.PostIncidentReport;
import dev.proctor.core.mask.Masker;
import dev.proctor.core.sla.RunRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Post-incident reports (Markdown, from core's {@link PostIncidentReport}) kept in the policy's state ConfigMap
 * beside the state, written in the same update that records the incident as resolved — so an operator restart
 * neither loses a report nor writes it twice. Keys sort by resolution time; the newest {@value #KEEP} stay, so
 * the ConfigMap stays bounded. Read one with
 * {@code kubectl get configmap proctor-sla-<policy> -o jsonpath='{.data.report-…\.md}'}; the policy's status
 * names the key of each recent incident's report.
 */
public final class IncidentReports {
    public static final String PREFIX = "report-";
    public static final int KEEP = 5;

    private IncidentReports() {}

    /** {@code report-<resolved epoch seconds, 10 digits>-<incident id>.md}; null while the incident is not resolved. */
    public static String key(Incident incident) {
        if (incident.resolvedAt() == null) return null;
        return PREFIX + String.format("%010d", incident.resolvedAt().getEpochSecond()) + "-" + incident.id() + ".md";
    }

    /**
     * The ConfigMap's data: the state's keys, the reports already stored, and one for each incident resolved
     * now, trimmed to the newest {@value #KEEP}.
     */
    public static Map<String, String> withReports(Map<String, String> state, Map<String, String> stored, List<Incident> resolved,
                                           List<RunRecord> runs) {
        TreeMap<String, String> reports = new TreeMap<>();
        if (stored != null) stored.forEach((k, v) -> { if (k.startsWith(PREFIX)) reports.put(k, v); });
        for (Incident incident : resolved) {
            String key = key(incident);
            // report text comes from run and test names and alert summaries: mask anything shaped like a credential
            if (key != null) reports.put(key, Masker.patternsOnly().mask(PostIncidentReport.markdown(incident, runs)));
        }
        while (reports.size() > KEEP) reports.pollFirstEntry();
        Map<String, String> data = new HashMap<>(state);
        data.putAll(reports);
        return data;
    }
}
