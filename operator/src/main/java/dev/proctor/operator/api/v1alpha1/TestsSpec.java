package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.core.time.GoDuration;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The selection: JUnit Platform selectors and a tag expression. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestsSpec {
    @Size(max = 200)
    @JsonPropertyDescription("Java packages to scan, e.g. dev.proctor.techshop. Empty scans the suite's jars.")
    public List<@Size(max = 255) String> packages;

    @Size(max = 500)
    @JsonPropertyDescription("Fully qualified test classes.")
    public List<@Size(max = 256) String> classes;

    @Size(max = 1024)
    @JsonPropertyDescription("JUnit Platform tag expression, e.g. 'smoke & !slow' (Cucumber tags without '@').")
    public String tags;

    @Min(0)
    @Max(10)
    @JsonPropertyDescription("How often the runner re-runs a failed test; passing on a retry counts as flaky.")
    public Integer retries;

    @Pattern(GoDuration.PATTERN)
    @JsonPropertyDescription("Timeout of a single test, e.g. 2m.")
    public String timeout;
}
