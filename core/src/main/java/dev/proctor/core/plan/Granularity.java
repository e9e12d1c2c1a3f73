package dev.proctor.core.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The unit a shard receives: a whole test class (keeps class fixtures together) or single methods. */
public enum Granularity {
    @JsonProperty("Class") CLASS,
    @JsonProperty("Method") METHOD
}
