package dev.proctor.core.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How tests are spread over shards. */
public enum Strategy {
    /** Sorted units dealt out in turn: stable, needs no history. */
    @JsonProperty("RoundRobin") ROUND_ROBIN,
    /** Longest-processing-time-first over the suite's measured durations. */
    @JsonProperty("DurationBalanced") DURATION_BALANCED
}
