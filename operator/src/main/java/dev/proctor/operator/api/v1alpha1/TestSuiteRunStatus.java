package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.core.run.RunPhase;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Written only by the operator, once per reconcile and only when it changed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestSuiteRunStatus {
    public Long observedGeneration;
    public RunPhase phase;
    public String reason;
    public String message;
    @JsonPropertyDescription("Ready, Complete and Failed; Complete turns True on success and on failure.")
    public List<Condition> conditions = new ArrayList<>();
    public Totals totals;
    @JsonPropertyDescription("Shards finished out of all, e.g. 2/3.")
    public String shardsDone;
    public List<ShardStatus> shards;
    @JsonPropertyDescription("Failed tests (class#method), at most 50; failedTestsOmitted counts the rest.")
    public List<String> failedTests;
    public Integer failedTestsOmitted;
    public List<String> flakyTests;
    public String startTime;
    public String completionTime;
    @JsonPropertyDescription("Wall-clock duration of the run, e.g. 3m12s.")
    public String duration;
    public Long durationSeconds;
    @JsonPropertyDescription("Name of the immutable plan ConfigMap every shard mounts.")
    public String planConfigMap;
    @JsonPropertyDescription("True once the run's durations and flaky tests are folded into the suite's history.")
    public Boolean historyRecorded;
    @JsonPropertyDescription("Where the shards' artifacts are in spec.artifacts.store, when one is set.")
    public ArtifactsStatus artifacts;
    @JsonPropertyDescription("The run's merged report (JUnit XML and HTML) in spec.artifacts.store, once the run finished.")
    public ReportStatus report;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Totals {
        public int tests;
        public int passed;
        public int failed;
        public int skipped;
        public int flaky;
    }
}
