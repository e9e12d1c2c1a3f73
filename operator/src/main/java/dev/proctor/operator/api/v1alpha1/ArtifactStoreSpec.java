package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.operator.api.v1alpha1.schema.Formats;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * An S3-compatible object store the shards upload their artifacts to when they end. Credentials come only from a
 * Secret, by reference: the run, its Jobs' specs and its status never hold them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArtifactStoreSpec {
    /** The patterns below, also checked by the operator on a namespace's default store (a ConfigMap the API server cannot validate). */
    public static final String ENDPOINT_PATTERN = "^https?://[^\\s/?#]+(/[^\\s?#]*)?$";
    public static final String REGION_PATTERN = "^[a-z0-9][a-z0-9-]*$";
    public static final String BUCKET_PATTERN = "^[a-z0-9][a-z0-9.-]*[a-z0-9]$";
    public static final String SECRET_KEY_PATTERN = "^[-._a-zA-Z0-9]+$";

    @Size(max = 2048)
    @Pattern(ENDPOINT_PATTERN)
    @JsonPropertyDescription("The store's URL, e.g. https://s3.eu-central-1.amazonaws.com or http://minio.storage:9000; "
            + "unset for AWS S3's own endpoint of the region.")
    public String endpoint;

    @Size(min = 1, max = 64)
    @Pattern(REGION_PATTERN)
    @JsonPropertyDescription("Region requests are signed for (default us-east-1).")
    public String region;

    @Required
    @Size(min = 3, max = 63)
    @Pattern(BUCKET_PATTERN)
    @JsonPropertyDescription("Bucket the artifacts go to; it must exist.")
    public String bucket;

    @Size(max = 512)
    @ValidationRule(value = "!self.startsWith('/') && !self.split('/').exists(s, s == '..')",
            message = "must be a relative key prefix: no leading '/' and no '..' segment")
    @JsonPropertyDescription("Key prefix in the bucket; each shard attempt's artifacts go under "
            + "<prefix>/<namespace>/<run>/shard-<i>/attempt-<k>/.")
    public String prefix;

    @JsonPropertyDescription("Path-style URLs (endpoint/bucket/key) instead of virtual-hosted ones (bucket.endpoint/key); "
            + "most self-hosted stores (MinIO, SeaweedFS, Ceph) need true.")
    public Boolean pathStyle;

    @Required
    @JsonPropertyDescription("Secret holding the access key pair, in this run's namespace.")
    public CredentialsSecret credentialsSecret;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CredentialsSecret {
        @Required
        @Size(min = 1, max = Formats.DNS_SUBDOMAIN_MAX)
        @Pattern(Formats.DNS_SUBDOMAIN)
        @JsonPropertyDescription("Name of the Secret.")
        public String name;

        @Size(min = 1, max = 253)
        @Pattern(SECRET_KEY_PATTERN)
        @JsonPropertyDescription("Key of the access key id in the Secret (default accessKeyId).")
        public String accessKeyIdKey;

        @Size(min = 1, max = 253)
        @Pattern(SECRET_KEY_PATTERN)
        @JsonPropertyDescription("Key of the secret access key in the Secret (default secretAccessKey).")
        public String secretAccessKeyKey;
    }
}
