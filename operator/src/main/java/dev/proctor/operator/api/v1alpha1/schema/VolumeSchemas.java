package dev.proctor.operator.api.v1alpha1.schema;

import static dev.proctor.operator.api.v1alpha1.schema.Formats.CONFIG_MAP_KEY;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.CONFIG_MAP_KEY_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_LABEL;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_LABEL_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_SUBDOMAIN;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_SUBDOMAIN_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.FILE_MODE_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.FILE_PATH_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.QUALIFIED_NAME_BODY;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.QUANTITY;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.QUANTITY_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.RELATIVE_PATH_MESSAGE;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.RELATIVE_PATH_RULE;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * Schemas of the volumes a run adds to its shard pods: the volume types the restricted Pod Security profile allows
 * (configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret), with Kubernetes'
 * checks. Host paths, network filesystems and cloud disks are left out: the API server prunes them, and a volume
 * left without a source is refused. Within a source, features a test runner does not need are left out too.
 */
public final class VolumeSchemas {
    private VolumeSchemas() {}

    static final String SOURCES = "configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret";

    @ValidationRule(value = "(has(self.configMap) ? 1 : 0) + (has(self.csi) ? 1 : 0) + (has(self.downwardAPI) ? 1 : 0) "
            + "+ (has(self.emptyDir) ? 1 : 0) + (has(self.ephemeral) ? 1 : 0) + (has(self.persistentVolumeClaim) ? 1 : 0) "
            + "+ (has(self.projected) ? 1 : 0) + (has(self.secret) ? 1 : 0) == 1",
            message = "must set exactly one volume source of " + SOURCES
                    + " (the types the restricted Pod Security profile allows)")
    public static class Volume {
        @Required
        @Size(max = DNS_LABEL_MAX)
        @Pattern(DNS_LABEL)
        @ValidationRule(value = "!(self in " + Reserved.VOLUMES + ")", message = Reserved.VOLUMES_MESSAGE)
        public String name;

        public ConfigMapVolume configMap;
        public CsiVolume csi;
        public DownwardApiVolume downwardAPI;
        public EmptyDirVolume emptyDir;
        public EphemeralVolume ephemeral;
        public ClaimVolume persistentVolumeClaim;
        public ProjectedVolume projected;
        public SecretVolume secret;
    }

    public static class ConfigMapVolume {
        @Min(0)
        @Max(FILE_MODE_MAX)
        public Integer defaultMode;
        @Size(max = 64)
        public List<KeyToPath> items;
        @Required
        @Size(max = DNS_SUBDOMAIN_MAX)
        @Pattern(DNS_SUBDOMAIN)
        public String name;
        public Boolean optional;
    }

    public static class SecretVolume {
        @Min(0)
        @Max(FILE_MODE_MAX)
        public Integer defaultMode;
        @Size(max = 64)
        public List<KeyToPath> items;
        public Boolean optional;
        @Required
        @Size(max = DNS_SUBDOMAIN_MAX)
        @Pattern(DNS_SUBDOMAIN)
        public String secretName;
    }

    public static class KeyToPath {
        @Required
        @Size(max = CONFIG_MAP_KEY_MAX)
        @Pattern(CONFIG_MAP_KEY)
        public String key;
        @Min(0)
        @Max(FILE_MODE_MAX)
        public Integer mode;
        @Required
        @Size(min = 1, max = FILE_PATH_MAX)
        @ValidationRule(value = RELATIVE_PATH_RULE, message = RELATIVE_PATH_MESSAGE)
        public String path;
    }

    public static class ClaimVolume {
        @Required
        @Size(max = DNS_SUBDOMAIN_MAX)
        @Pattern(DNS_SUBDOMAIN)
        public String claimName;
        public Boolean readOnly;
    }

    public static class EmptyDirVolume {
        @Pattern("^(|Memory)$")
        @JsonPropertyDescription("Empty for the node's disk, or Memory.")
        public String medium;
        @Size(max = QUANTITY_MAX)
        @Pattern(QUANTITY)
        @JsonPropertyDescription("A quantity such as 1Gi.")
        public String sizeLimit;
    }

    public static class CsiVolume {
        @Required
        @Size(max = 63)
        @Pattern("^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?([.][a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*$")
        public String driver;
        @Size(max = 63)
        public String fsType;
        public ContainerSchemas.LocalObjectReference nodePublishSecretRef;
        public Boolean readOnly;
        @Size(max = 32)
        public Map<String, @Size(max = 1024) String> volumeAttributes;
    }

    public static class DownwardApiVolume {
        @Min(0)
        @Max(FILE_MODE_MAX)
        public Integer defaultMode;
        @Size(max = 16)
        public List<DownwardApiFile> items;
    }

    @ValidationRule(value = "(has(self.fieldRef) ? 1 : 0) + (has(self.resourceFieldRef) ? 1 : 0) == 1",
            message = "must set exactly one of fieldRef and resourceFieldRef")
    @ValidationRule(value = "!has(self.resourceFieldRef) || has(self.resourceFieldRef.containerName)",
            message = "a volume's resourceFieldRef must name its container (runner)", fieldPath = ".resourceFieldRef")
    public static class DownwardApiFile {
        public VolumeFieldSelector fieldRef;
        @Min(0)
        @Max(FILE_MODE_MAX)
        public Integer mode;
        @Required
        @Size(min = 1, max = FILE_PATH_MAX)
        @ValidationRule(value = RELATIVE_PATH_RULE, message = RELATIVE_PATH_MESSAGE)
        public String path;
        public ContainerSchemas.ResourceFieldSelector resourceFieldRef;
    }

    /** The downward API fields Kubernetes exposes as files. */
    public static class VolumeFieldSelector {
        @Pattern("^v1$")
        public String apiVersion;

        @Required
        @Size(max = 400)
        @Pattern("^(metadata[.](name|namespace|uid|labels|annotations)|metadata[.](labels|annotations)\\['"
                + QUALIFIED_NAME_BODY + "'\\])$")
        public String fieldPath;
    }

    /**
     * At most 4 sources of at most 8 files each: the rule that their paths do not collide compares every path with
     * every other, and its cost must stay within what the API server allows a CRD.
     */
    @ValidationRule(value = "!has(self.sources) || self.sources.all(a, " + PATHS_OF_A + ".all(p, "
            + PATHS_OF_A + ".exists_one(q, q == p) && self.sources.exists_one(b, p in " + PATHS_OF_B + ")))",
            message = "the paths of a projected volume's files must be unique", fieldPath = ".sources")
    public static class ProjectedVolume {
        @Min(0)
        @Max(FILE_MODE_MAX)
        public Integer defaultMode;
        @Size(max = 4)
        public List<Projection> sources;
    }

    static final String PATHS_OF_A = "((has(a.configMap) && has(a.configMap.items) ? a.configMap.items.map(i, i.path) : []) "
            + "+ (has(a.secret) && has(a.secret.items) ? a.secret.items.map(i, i.path) : []) "
            + "+ (has(a.downwardAPI) && has(a.downwardAPI.items) ? a.downwardAPI.items.map(i, i.path) : []) "
            + "+ (has(a.serviceAccountToken) ? [a.serviceAccountToken.path] : []))";
    static final String PATHS_OF_B = "((has(b.configMap) && has(b.configMap.items) ? b.configMap.items.map(i, i.path) : []) "
            + "+ (has(b.secret) && has(b.secret.items) ? b.secret.items.map(i, i.path) : []) "
            + "+ (has(b.downwardAPI) && has(b.downwardAPI.items) ? b.downwardAPI.items.map(i, i.path) : []) "
            + "+ (has(b.serviceAccountToken) ? [b.serviceAccountToken.path] : []))";

    /** configMap, secret, downwardAPI or serviceAccountToken; clusterTrustBundle and podCertificate are left out. */
    @ValidationRule(value = "(has(self.configMap) ? 1 : 0) + (has(self.downwardAPI) ? 1 : 0) + (has(self.secret) ? 1 : 0) "
            + "+ (has(self.serviceAccountToken) ? 1 : 0) == 1",
            message = "must set exactly one of configMap, downwardAPI, secret and serviceAccountToken")
    public static class Projection {
        public ProjectedConfigMap configMap;
        public ProjectedDownwardApi downwardAPI;
        public ProjectedSecret secret;
        public ServiceAccountToken serviceAccountToken;
    }

    public static class ProjectedConfigMap {
        @Size(max = 8)
        public List<KeyToPath> items;
        @Required
        @Size(max = DNS_SUBDOMAIN_MAX)
        @Pattern(DNS_SUBDOMAIN)
        public String name;
        public Boolean optional;
    }

    public static class ProjectedSecret {
        @Size(max = 8)
        public List<KeyToPath> items;
        @Required
        @Size(max = DNS_SUBDOMAIN_MAX)
        @Pattern(DNS_SUBDOMAIN)
        public String name;
        public Boolean optional;
    }

    public static class ProjectedDownwardApi {
        @Size(max = 8)
        public List<DownwardApiFile> items;
    }

    public static class ServiceAccountToken {
        @Size(max = 253)
        public String audience;
        @Min(600)
        @Max(4294967296L)
        @JsonPropertyDescription("At least 10 minutes, at most 2^32 seconds.")
        public Long expirationSeconds;
        @Required
        @Size(min = 1, max = FILE_PATH_MAX)
        @ValidationRule(value = RELATIVE_PATH_RULE, message = RELATIVE_PATH_MESSAGE)
        public String path;
    }

    public static class EphemeralVolume {
        @Required
        public ClaimTemplate volumeClaimTemplate;
    }

    /** A claim for the pod's lifetime; its metadata, selector and data sources are left out. */
    public static class ClaimTemplate {
        @Required
        public ClaimSpec spec;
    }

    public static class ClaimSpec {
        @Required
        @Size(min = 1, max = 4)
        @ValidationRule(value = "!('ReadWriteOncePod' in self) || self.all(m, m == 'ReadWriteOncePod')",
                message = "ReadWriteOncePod may not be combined with other access modes")
        public List<AccessMode> accessModes;
        @Required
        public ClaimResources resources;
        @Size(max = DNS_SUBDOMAIN_MAX)
        @Pattern("^(" + DNS_SUBDOMAIN_BODY + ")?$")
        public String storageClassName;
        @JsonPropertyDescription("Filesystem: a runner mounts its volumes, it has no block devices.")
        public VolumeMode volumeMode;
    }

    static final String DNS_SUBDOMAIN_BODY = "[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    public static class ClaimResources {
        @Required
        public StorageRequest requests;
    }

    public static class StorageRequest {
        @Required
        @Size(max = QUANTITY_MAX)
        @Pattern(QUANTITY)
        @ValidationRule(value = "!isQuantity(self) || quantity(self).isGreaterThan(quantity('0'))", message = "must be more than 0")
        public String storage;
    }

    public enum AccessMode { ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod }

    public enum VolumeMode { Filesystem }
}
