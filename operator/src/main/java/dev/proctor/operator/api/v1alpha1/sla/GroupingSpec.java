package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.core.time.GoDuration;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GroupingSpec {
    @Size(max = 16)
    @JsonPropertyDescription("Labels that split alerts into notifications; [\"...\"] groups by all labels.")
    public List<String> groupBy;

    @Size(max = 32)
    @Pattern(GoDuration.PATTERN)
    @JsonPropertyDescription("Wait before a new group's first notification (default 30s).")
    public String groupWait;

    @Size(max = 32)
    @Pattern(GoDuration.PATTERN)
    @JsonPropertyDescription("Wait between notifications about a changing group (default 5m).")
    public String groupInterval;

    @Size(max = 32)
    @Pattern(GoDuration.PATTERN)
    @JsonPropertyDescription("Re-send an unchanged firing group after this long (default 4h).")
    public String repeatInterval;

    @JsonProperty("continue")
    @JsonPropertyDescription("Other AlertRoutes are tried after this one matched (default true).")
    public Boolean continueMatching;
}
