package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The run's merged report, built by its reporter Job once the verdict is in. Never a credential. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReportStatus {
    public enum Phase { Pending, Ready, Failed }

    @JsonPropertyDescription("Pending while the reporter Job runs; Ready when the report is stored and its counts equal the run's totals.")
    public Phase phase;
    @JsonPropertyDescription("The reporter Job, <run>-report.")
    public String job;
    @JsonPropertyDescription("The static HTML report, s3://<bucket>/<prefix>/<namespace>/<run>/report/index.html.")
    public String html;
    @JsonPropertyDescription("The merged JUnit XML, s3://<bucket>/<prefix>/<namespace>/<run>/report/junit.xml.")
    public String junit;
    @JsonPropertyDescription("Test cases in the merged JUnit XML (set when the reporter finished).")
    public Integer tests;
    public Integer failures;
    public Integer errors;
    public Integer skipped;
    @JsonPropertyDescription("Test cases that failed in an attempt and passed in a later one.")
    public Integer flaky;
    @JsonPropertyDescription("Why there is no report, when Failed: StoreUnreachable, StoreRefused, ReporterFailed, CountsMismatch, JobRejected.")
    public String reason;
    public String message;
}
