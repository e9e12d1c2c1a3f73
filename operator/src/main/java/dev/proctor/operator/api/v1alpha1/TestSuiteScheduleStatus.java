package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestSuiteScheduleStatus {
    public Long observedGeneration;
    @JsonPropertyDescription("The latest slot handled: run, skipped (Forbid) or missed.")
    public String lastScheduleTime;
    @JsonPropertyDescription("The next slot; absent while suspended.")
    public String nextScheduleTime;
    @JsonPropertyDescription("When the latest run that succeeded finished.")
    public String lastSuccessfulTime;
    @JsonPropertyDescription("Runs of this schedule still going.")
    public List<String> active;
    public Integer activeCount;
    @JsonPropertyDescription("The latest finished run and its phase.")
    public String lastRun;
    public String lastResult;
    @JsonPropertyDescription("Ready: the schedule is valid and its timer set.")
    public List<Condition> conditions = new ArrayList<>();
}
