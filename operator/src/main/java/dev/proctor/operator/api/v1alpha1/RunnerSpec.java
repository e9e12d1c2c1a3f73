package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.proctor.operator.api.v1alpha1.schema.ContainerSchemas;
import dev.proctor.operator.api.v1alpha1.schema.Formats;
import dev.proctor.operator.api.v1alpha1.schema.SchedulingSchemas;
import dev.proctor.operator.api.v1alpha1.schema.SecuritySchemas;
import dev.proctor.operator.api.v1alpha1.schema.VolumeSchemas;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;

/**
 * The shard pods' container and scheduling settings. The fields keep Fabric8's Kubernetes types, which ShardJobs
 * copies into the Job as they are; their CRD schema comes from the validating mirrors in the schema package
 * ({@link SchemaFrom}), so that what Kubernetes would refuse in the Job is refused when the run is applied.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.volumeMounts) || self.volumeMounts.all(m, has(self.volumes) && self.volumes.exists(v, v.name == m.name))",
        message = "every volumeMount must name a volume of runner.volumes (the operator's own volumes cannot be mounted again)",
        fieldPath = ".volumeMounts")
@ValidationRule(value = "!has(self.volumeMounts) || self.volumeMounts.all(m, !has(m.mountPropagation) || m.mountPropagation != 'Bidirectional' "
        + "|| (has(self.securityContext) && has(self.securityContext.privileged) && self.securityContext.privileged))",
        message = "Bidirectional mount propagation needs a privileged container (securityContext.privileged: true)",
        fieldPath = ".volumeMounts", reason = "FieldValueForbidden")
public class RunnerSpec {
    public enum PullPolicy { Always, IfNotPresent, Never }

    @Required
    @Size(min = 1, max = Formats.IMAGE_MAX)
    @ValidationRule(value = "self.matches(r'" + Formats.IMAGE + "')", message = Formats.IMAGE_MESSAGE)
    @JsonPropertyDescription("The suite image, built on the Proctor runner image: [registry/]repository[:tag][@digest].")
    public String image;

    public PullPolicy imagePullPolicy;

    @Size(max = 10)
    @SchemaFrom(type = ContainerSchemas.LocalObjectReference[].class)
    public List<LocalObjectReference> imagePullSecrets;

    @SchemaFrom(type = ContainerSchemas.Resources.class)
    @JsonPropertyDescription("cpu, memory and ephemeral-storage requests and limits.")
    public ResourceRequirements resources;

    @Size(max = 100)
    @SchemaFrom(type = ContainerSchemas.EnvVar[].class)
    @ValidationRule(value = "self.all(e, self.exists_one(f, f.name == e.name))",
            message = "env var names must be unique")
    public List<EnvVar> env;

    @Size(max = 20)
    @SchemaFrom(type = ContainerSchemas.EnvFromSource[].class)
    public List<EnvFromSource> envFrom;

    @Size(max = Formats.DNS_SUBDOMAIN_MAX)
    @Pattern(Formats.DNS_SUBDOMAIN)
    @JsonPropertyDescription("Service account of the runner pods; the default has no API access.")
    public String serviceAccountName;

    @Size(max = 20)
    @ValidationRule(value = SchedulingSchemas.LABEL_KEYS_RULE, message = Formats.QUALIFIED_NAME_KEYS_MESSAGE)
    @JsonPropertyDescription("Node labels the shard pods' node must have.")
    public Map<String, @Size(max = Formats.LABEL_VALUE_MAX) @Pattern(Formats.LABEL_VALUE) String> nodeSelector;

    @Size(max = 50)
    @SchemaFrom(type = SchedulingSchemas.Toleration[].class)
    public List<Toleration> tolerations;

    @SchemaFrom(type = SchedulingSchemas.Affinity.class)
    public Affinity affinity;

    @SchemaFrom(type = SecuritySchemas.ContainerSecurityContext.class)
    @JsonPropertyDescription("Replaces the restricted default container security context.")
    public SecurityContext securityContext;

    @SchemaFrom(type = SecuritySchemas.PodSecurityContext.class)
    @JsonPropertyDescription("Replaces the restricted default pod security context.")
    public PodSecurityContext podSecurityContext;

    @Size(max = 20)
    @SchemaFrom(type = VolumeSchemas.Volume[].class)
    @ValidationRule(value = "self.all(v, self.exists_one(w, w.name == v.name))",
            message = "volume names must be unique")
    @JsonPropertyDescription("Volumes of the restricted Pod Security profile's types, added to the operator's plan, artifacts and tmp.")
    public List<Volume> volumes;

    @Size(max = 20)
    @SchemaFrom(type = ContainerSchemas.VolumeMount[].class)
    @ValidationRule(value = "self.all(m, self.exists_one(n, n.mountPath == m.mountPath))",
            message = "mountPaths must be unique")
    public List<VolumeMount> volumeMounts;
}
