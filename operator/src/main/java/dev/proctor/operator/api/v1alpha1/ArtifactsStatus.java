package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Where a run's artifacts are in its store, and what each shard's upload came to. Never a credential. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArtifactsStatus {
    /** {@link #source} of a store the run sets itself. */
    public static final String SOURCE_RUN = "Run";
    /** {@link #source} of the namespace's default store, the ConfigMap {@code proctor-artifact-store}. */
    public static final String SOURCE_NAMESPACE = "Namespace";

    @JsonPropertyDescription("Where the store's settings come from: Run (spec.artifacts.store) or Namespace (the default "
            + "in ConfigMap proctor-artifact-store of the run's namespace, read once when the run started).")
    public String source;
    @JsonPropertyDescription("The namespace default's settings as read when the run started; every attempt of the run "
            + "uses these, whatever the ConfigMap says later. Unset when the run sets its own store. Secret names only.")
    public ArtifactStoreSpec settings;
    @JsonPropertyDescription("The store's endpoint (unset: AWS S3 of the region).")
    public String endpoint;
    public String bucket;
    @JsonPropertyDescription("The run's folder, s3://<bucket>/<prefix>/<namespace>/<run>/.")
    public String location;
    @JsonPropertyDescription("Each shard's current attempt: its folder and what its upload came to.")
    public List<Shard> shards;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Shard {
        public int index;
        public int attempt;
        @JsonPropertyDescription("s3://<bucket>/<prefix>/<namespace>/<run>/shard-<i>/attempt-<k>/")
        public String location;
        @JsonPropertyDescription("Files stored; unset until the shard reports its upload.")
        public Integer uploaded;
        @JsonPropertyDescription("Files not stored after every retry.")
        public Integer missing;
        @JsonPropertyDescription("Why files are missing: the store's error code and message, or that no upload was reported.")
        public String reason;
    }
}
