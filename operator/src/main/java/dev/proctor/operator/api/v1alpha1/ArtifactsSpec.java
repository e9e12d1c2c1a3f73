package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Quantity;

/** The artifacts volume mounted at /artifacts: an emptyDir unless a claim is named. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArtifactsSpec {
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("PersistentVolumeClaim to keep artifacts in; each shard writes under its own folder.")
    public String claimName;

    @JsonPropertyDescription("Size limit of the emptyDir used when no claim is named.")
    public Quantity sizeLimit;
}
