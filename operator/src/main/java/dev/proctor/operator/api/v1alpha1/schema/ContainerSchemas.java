package dev.proctor.operator.api.v1alpha1.schema;

import static dev.proctor.operator.api.v1alpha1.schema.Formats.CONFIG_MAP_KEY;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.CONFIG_MAP_KEY_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DESCENDING_PATH_RULE;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_LABEL;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_LABEL_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_SUBDOMAIN;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_SUBDOMAIN_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.ENV_VAR_NAME;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.ENV_VAR_NAME_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.NON_NEGATIVE_QUANTITY_MESSAGE;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.PATH_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.QUALIFIED_NAME_BODY;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * Schemas of the runner container's fields. Each class mirrors the Fabric8 model class of the same JSON shape
 * (SchemaMirrorTest keeps them in step) with what Kubernetes validates, so the CRD refuses at admission what the
 * Job would be refused for. Fields a test runner does not need are left out and pruned by the API server.
 */
public final class ContainerSchemas {
    private ContainerSchemas() {}

    static final String RESOURCE_NAMES_RULE = "self.all(k, k in ['cpu', 'memory', 'ephemeral-storage'])";
    static final String RESOURCE_NAMES_MESSAGE = "resources are cpu, memory and ephemeral-storage "
            + "(a test runner needs no extended resources or hugepages)";
    static final String QUANTITIES_RULE =
            "self.all(k, type(self[k]) == int ? self[k] >= 0 : isQuantity(self[k]) && !quantity(self[k]).isLessThan(quantity('0')))";
    static final String QUANTITIES_MESSAGE = "every value " + NON_NEGATIVE_QUANTITY_MESSAGE;

    /** {@code resources}: cpu, memory and ephemeral-storage; extended resources, hugepages and claims are left out. */
    @ValidationRule(value = "!has(self.limits) || !has(self.requests) || self.requests.all(k, !(k in self.limits) || "
            + "(type(self.requests[k]) == int ? double(self.requests[k]) : quantity(self.requests[k]).asApproximateFloat()) <= "
            + "(type(self.limits[k]) == int ? double(self.limits[k]) : quantity(self.limits[k]).asApproximateFloat()))",
            message = "each request must be less than or equal to its limit", fieldPath = ".requests")
    public static class Resources {
        @Size(max = 3)
        @ValidationRule(value = RESOURCE_NAMES_RULE, message = RESOURCE_NAMES_MESSAGE)
        @ValidationRule(value = QUANTITIES_RULE, message = QUANTITIES_MESSAGE)
        public Map<String, Quantity> limits;

        @Size(max = 3)
        @ValidationRule(value = RESOURCE_NAMES_RULE, message = RESOURCE_NAMES_MESSAGE)
        @ValidationRule(value = QUANTITIES_RULE, message = QUANTITIES_MESSAGE)
        public Map<String, Quantity> requests;
    }

    /** An env var of the runner container. */
    @ValidationRule(value = "!has(self.valueFrom) || !has(self.value) || self.value == ''",
            message = "value and valueFrom are mutually exclusive", fieldPath = ".valueFrom")
    public static class EnvVar {
        @Required
        @Size(min = 1, max = ENV_VAR_NAME_MAX)
        @Pattern(ENV_VAR_NAME)
        @ValidationRule(value = Reserved.ENV_RULE, message = Reserved.ENV_MESSAGE)
        public String name;

        @Size(max = 32768)
        public String value;

        public EnvVarSource valueFrom;
    }

    @ValidationRule(value = "(has(self.fieldRef) ? 1 : 0) + (has(self.resourceFieldRef) ? 1 : 0) "
            + "+ (has(self.configMapKeyRef) ? 1 : 0) + (has(self.secretKeyRef) ? 1 : 0) == 1",
            message = "must set exactly one of fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef")
    public static class EnvVarSource {
        public EnvFieldSelector fieldRef;
        public ResourceFieldSelector resourceFieldRef;
        public KeySelector configMapKeyRef;
        public KeySelector secretKeyRef;
    }

    /** The downward API fields Kubernetes exposes as env vars. */
    public static class EnvFieldSelector {
        @Pattern("^v1$")
        public String apiVersion;

        @Required
        @Size(max = 400)
        @Pattern("^(metadata[.](name|namespace|uid)|spec[.](nodeName|serviceAccountName)|status[.](hostIP|hostIPs|podIP|podIPs)"
                + "|metadata[.](labels|annotations)\\['" + QUALIFIED_NAME_BODY + "'\\])$")
        public String fieldPath;
    }

    /** A resource of the runner container, as an env var or a downward API file. */
    @ValidationRule(value = "!has(self.divisor) || !has(self.resource) || (type(self.divisor) == int ? self.divisor == 1 : "
            + "self.resource.endsWith('.cpu') ? self.divisor in ['1m', '1'] : "
            + "self.divisor in ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'])",
            message = "divisor must be 1m or 1 for cpu, and 1 or a power of 1k or 1Ki for memory and ephemeral-storage",
            fieldPath = ".divisor")
    public static class ResourceFieldSelector {
        @Pattern("^" + Reserved.CONTAINER + "$")
        @JsonPropertyDescription("The runner container, the only one of a shard pod.")
        public String containerName;

        @Required
        @Pattern("^(limits|requests)[.](cpu|memory|ephemeral-storage)$")
        public String resource;

        public Quantity divisor;
    }

    /** A key of a ConfigMap or Secret. */
    public static class KeySelector {
        @Required
        @Size(max = DNS_SUBDOMAIN_MAX)
        @Pattern(DNS_SUBDOMAIN)
        public String name;

        @Required
        @Size(max = CONFIG_MAP_KEY_MAX)
        @Pattern(CONFIG_MAP_KEY)
        public String key;

        public Boolean optional;
    }

    @ValidationRule(value = "(has(self.configMapRef) ? 1 : 0) + (has(self.secretRef) ? 1 : 0) == 1",
            message = "must set exactly one of configMapRef and secretRef")
    public static class EnvFromSource {
        @Size(max = ENV_VAR_NAME_MAX)
        @Pattern(ENV_VAR_NAME)
        public String prefix;

        public SourceRef configMapRef;
        public SourceRef secretRef;
    }

    /** A ConfigMap or Secret as a whole. */
    public static class SourceRef {
        @Required
        @Size(max = DNS_SUBDOMAIN_MAX)
        @Pattern(DNS_SUBDOMAIN)
        public String name;

        public Boolean optional;
    }

    /** A Secret by name: an image pull secret, a CSI driver's secret. */
    public static class LocalObjectReference {
        @Required
        @Size(max = DNS_SUBDOMAIN_MAX)
        @Pattern(DNS_SUBDOMAIN)
        public String name;
    }

    /**
     * A mount of one of the run's volumes. That it names a declared volume, that mount paths are unique and that
     * Bidirectional propagation has a privileged container are rules of RunnerSpec, which sees the lists.
     */
    @ValidationRule(value = "!has(self.subPath) || !has(self.subPathExpr) || self.subPath == '' || self.subPathExpr == ''",
            message = "subPath and subPathExpr are mutually exclusive", fieldPath = ".subPathExpr")
    @ValidationRule(value = "!has(self.recursiveReadOnly) || self.recursiveReadOnly == 'Disabled' || "
            + "(has(self.readOnly) && self.readOnly && (!has(self.mountPropagation) || self.mountPropagation == 'None'))",
            message = "recursiveReadOnly Enabled or IfPossible needs readOnly: true and no mount propagation",
            fieldPath = ".recursiveReadOnly")
    public static class VolumeMount {
        @Required
        @Size(max = DNS_LABEL_MAX)
        @Pattern(DNS_LABEL)
        @JsonPropertyDescription("A volume of runner.volumes.")
        public String name;

        @Required
        @Size(max = PATH_MAX)
        @ValidationRule(value = "self.matches('^(/[^/]+)+$') && !self.matches('/[.][.]?(/|$)')",
                message = "must be an absolute path without a trailing '/' or empty, '.' or '..' elements")
        @ValidationRule(value = Reserved.MOUNT_PATH_RULE, message = Reserved.MOUNT_PATH_MESSAGE)
        public String mountPath;

        public Boolean readOnly;

        public RecursiveReadOnly recursiveReadOnly;

        @Size(max = PATH_MAX)
        @ValidationRule(value = DESCENDING_PATH_RULE, message = "must be a relative path without '..' elements")
        public String subPath;

        @Size(max = PATH_MAX)
        @ValidationRule(value = DESCENDING_PATH_RULE, message = "must be a relative path without '..' elements")
        public String subPathExpr;

        public MountPropagation mountPropagation;
    }

    public enum RecursiveReadOnly { Disabled, IfPossible, Enabled }

    public enum MountPropagation { None, HostToContainer, Bidirectional }
}
