package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** An incident as the status shows it; the timeline keeps only its latest entries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentView(String id, String severity, String state, String summary, String openedAt,
                           String acknowledgedAt, String acknowledgedBy, String resolvedAt, String resolvedBy,
                           Integer escalationLevel, List<String> badRuns, List<Entry> timeline, Integer timelineDropped,
                           @JsonPropertyDescription("Key of the post-incident report (Markdown) in the policy's state ConfigMap proctor-sla-<policy>, once resolved; the newest 5 reports are kept.")
                           String report) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String at, String kind, String detail) {}
}
