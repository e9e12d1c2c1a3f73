package dev.proctor.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
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

/** The shard pods' container and scheduling settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunnerSpec {
    public enum PullPolicy { Always, IfNotPresent, Never }

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("The suite image, built on the Proctor runner image.")
    public String image;

    public PullPolicy imagePullPolicy;
    public List<LocalObjectReference> imagePullSecrets;
    public ResourceRequirements resources;
    @Size(max = 100)
    public List<EnvVar> env;
    @Size(max = 20)
    public List<EnvFromSource> envFrom;
    @JsonPropertyDescription("Service account of the runner pods; the default has no API access.")
    public String serviceAccountName;
    public Map<String, String> nodeSelector;
    @Size(max = 50)
    public List<Toleration> tolerations;
    public Affinity affinity;
    @JsonPropertyDescription("Replaces the restricted default container security context.")
    public SecurityContext securityContext;
    @JsonPropertyDescription("Replaces the restricted default pod security context.")
    public PodSecurityContext podSecurityContext;
    @Size(max = 20)
    public List<Volume> volumes;
    @Size(max = 20)
    public List<VolumeMount> volumeMounts;
}
