package dev.proctor.core.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What one shard's runner concluded. Maps to the exit code: 0, 1, 2. */
public enum Verdict {
    @JsonProperty("passed") PASSED(0),
    @JsonProperty("failed") FAILED(1),
    @JsonProperty("error") ERROR(2);

    private final int exitCode;

    Verdict(int exitCode) { this.exitCode = exitCode; }

    public int exitCode() { return exitCode; }
}
