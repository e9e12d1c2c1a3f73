package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.operator.api.v1alpha1.schema.Formats;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The artifacts volume mounted at /artifacts (an emptyDir unless a claim is named) and, optionally, the store each
 * shard uploads that volume's contents to when it ends.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArtifactsSpec {
    @Size(min = 1, max = Formats.DNS_SUBDOMAIN_MAX)
    @Pattern(Formats.DNS_SUBDOMAIN)
    @JsonPropertyDescription("PersistentVolumeClaim to keep artifacts in; each shard writes under its own folder.")
    public String claimName;

    @ValidationRule(value = Formats.NON_NEGATIVE_QUANTITY_RULE, message = Formats.NON_NEGATIVE_QUANTITY_MESSAGE)
    @JsonPropertyDescription("Size limit of the emptyDir used when no claim is named.")
    public Quantity sizeLimit;

    @Size(max = 20)
    @JsonPropertyDescription("Files the suite writes itself (traces, screenshots, logs), as globs relative to the "
            + "runner's working directory, e.g. 'target/traces/**/*.zip'. After each test attempt the files written "
            + "during it are copied into the shard's artifacts under tests/<class>/<test>/try-<n>/ (failed attempts; "
            + "passing ones too with PROCTOR_KEEP_ARTIFACTS=always).")
    public java.util.List<String> collect;

    @JsonPropertyDescription("S3-compatible store each shard uploads its artifacts to when it ends (screenshots, traces, "
            + "videos, HARs, JUnit XML, result journal, event log); status.artifacts says where they are. The volume "
            + "(emptyDir or claim) is used as before.")
    public ArtifactStoreSpec store;
}
