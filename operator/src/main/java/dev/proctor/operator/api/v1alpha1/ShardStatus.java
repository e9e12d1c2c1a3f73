package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.proctor.core.run.AttemptState;

/** One shard's latest attempt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShardStatus {
    public int index;
    public int attempt;
    public String jobName;
    public AttemptState phase;
    @com.fasterxml.jackson.annotation.JsonPropertyDescription("True when the shard gets no further attempt.")
    public boolean done;
    public String reason;
    public String message;
    public Integer tests;
    public Integer passed;
    public Integer failed;
    public Integer skipped;
    public Integer flaky;
    public Long durationSeconds;
    public String node;
    public String startTime;
    public String completionTime;
}
