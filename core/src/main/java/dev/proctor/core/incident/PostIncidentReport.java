package dev.proctor.core.incident;

import dev.proctor.core.sla.RunRecord;
import dev.proctor.core.time.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The Markdown report written when an incident resolves: what happened when, which runs and tests were involved,
 * and how long it took to notice and to recover.
 * <ul>
 *   <li>time to detect: finish of the first bad run of the streak → incident opened;
 *   <li>time to acknowledge: opened → acknowledged (when it was);
 *   <li>time to resolve: opened → resolved.
 * </ul>
 * Text from tests and alerts is escaped for Markdown tables; the caller masks secrets before publishing.
 */
public final class PostIncidentReport {
    private PostIncidentReport() {}

    /** @param runs the policy's run history; the bad runs the incident recorded are listed from it */
    public static String markdown(Incident incident, List<RunRecord> runs) {
        StringBuilder md = new StringBuilder();
        md.append("# Post-incident report: ").append(incident.id()).append("\n\n");
        md.append(cell(incident.summary())).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Severity", incident.severity().label());
        row(md, "State", incident.state().name());
        incident.labels().forEach((k, v) -> row(md, "Label `" + cell(k) + "`", v));
        row(md, "First bad run", incident.firstBadRunAt().toString());
        row(md, "Opened", incident.openedAt().toString());
        row(md, "Acknowledged", incident.acknowledgedAt() == null ? "never"
                : incident.acknowledgedAt() + " by " + incident.acknowledgedBy());
        row(md, "Resolved", incident.resolvedAt() == null ? "not yet" : incident.resolvedAt() + " by " + incident.resolvedBy());
        row(md, "Escalation level", Integer.toString(incident.escalationLevel()));
        row(md, "Time to detect", span(incident.firstBadRunAt(), incident.openedAt()));
        row(md, "Time to acknowledge", span(incident.openedAt(), incident.acknowledgedAt()));
        row(md, "Time to resolve", span(incident.openedAt(), incident.resolvedAt()));

        md.append("\n## Timeline\n\n");
        if (incident.timelineDropped() > 0) {
            md.append("_").append(incident.timelineDropped()).append(" earlier entries were dropped._\n\n");
        }
        md.append("| Time | Event | Detail |\n|---|---|---|\n");
        for (TimelineEntry e : incident.timeline()) {
            md.append("| ").append(e.at()).append(" | ").append(e.kind()).append(" | ").append(cell(e.detail())).append(" |\n");
        }

        md.append("\n## Failed runs\n\n");
        if (incident.badRuns().isEmpty()) {
            md.append("No failed run was recorded.\n");
        } else {
            md.append("| Run | Finished | Phase | Reason | Failed / tests |\n|---|---|---|---|---|\n");
            for (int i = 0; i < incident.badRuns().size(); i++) {
                String name = incident.badRuns().get(i);
                String key = incident.badRunKeys().get(i);
                RunRecord r = runs.stream().filter(x -> x.key().equals(key)).findFirst().orElse(null);
                if (r == null) {
                    md.append("| ").append(cell(name)).append(" | | | no longer in the history | |\n");
                } else {
                    md.append("| ").append(cell(r.run())).append(" | ").append(r.finishedAt()).append(" | ").append(r.phase())
                            .append(" | ").append(cell(r.reason())).append(" | ").append(r.failed()).append(" / ")
                            .append(r.tests()).append(" |\n");
                }
            }
        }
        md.append("\n## Failed tests\n\n");
        if (incident.failedTests().isEmpty()) md.append("None recorded.\n");
        for (String test : incident.failedTests()) md.append("- `").append(test.replace("`", "'")).append("`\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
    }

    private static String span(Instant from, Instant to) {
        if (from == null || to == null) return "—";
        Duration d = Duration.between(from, to);
        return d.isNegative() ? "0s" : GoDuration.format(d);
    }

    /** One table cell: no line breaks, pipes escaped. */
    static String cell(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
