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

    @Size(max = 500)
    @JsonPropertyDescription("Run only these tests of the selection: method keys (class#method, as status.failedTests "
            + "names them), class names or JUnit unique ids. Unset or empty runs the whole selection. `proctor rerun "
            + "RUN --failed` sets it to RUN's failed tests.")
    public List<@Size(min = 1, max = 1024) @Pattern("^\\S(.*\\S)?$") String> only;

    @Min(0)
    @Max(10)
    @JsonPropertyDescription("How often the runner re-runs a failed test; passing on a retry counts as flaky.")
    public Integer retries;

    @Pattern(GoDuration.PATTERN)
    @JsonPropertyDescription("Timeout of a single test, e.g. 2m.")
    public String timeout;

    @Size(max = 50)
    @JsonPropertyDescription("Surefire-style class patterns the tests must match, e.g. '**/*IT.java' or "
            + "'%regex[.*Checkout.*]'. Unset: the suite's own (recorded by proctor:suite from its Surefire "
            + "configuration), else Surefire's defaults (**/Test*.java, **/*Test.java, **/*Tests.java, "
            + "**/*TestCase.java) when the suite's test roots are scanned; packages and classes select what they name. "
            + "No #method parts. The runner checks them: a bad pattern ends the shard with a runner error naming it.")
    public List<String> includes;

    @Size(max = 50)
    @JsonPropertyDescription("Surefire-style class patterns to leave out. Unset: the suite's own, else Surefire's "
            + "default **/*$* (nested classes run through their enclosing class).")
    public List<String> excludes;
}
