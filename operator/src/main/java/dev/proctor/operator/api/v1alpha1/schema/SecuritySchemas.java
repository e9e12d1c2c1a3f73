package dev.proctor.operator.api.v1alpha1.schema;

import static dev.proctor.operator.api.v1alpha1.schema.Formats.DESCENDING_PATH_RULE;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.ID_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.PATH_MAX;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Schemas of the security contexts a run may put in place of the restricted defaults. Kubernetes' own checks
 * apply; windowsOptions is left out (the runner is a Linux image), and so are values only a pod that sets
 * {@code hostUsers: false} may use (procMount Unmasked), which a shard pod never does.
 */
public final class SecuritySchemas {
    private SecuritySchemas() {}

    @ValidationRule(value = "!(has(self.allowPrivilegeEscalation) && !self.allowPrivilegeEscalation "
            + "&& has(self.privileged) && self.privileged)",
            message = "cannot set allowPrivilegeEscalation to false and privileged to true", fieldPath = ".privileged")
    @ValidationRule(value = "!(has(self.allowPrivilegeEscalation) && !self.allowPrivilegeEscalation "
            + "&& has(self.capabilities) && has(self.capabilities.add) && 'CAP_SYS_ADMIN' in self.capabilities.add)",
            message = "cannot set allowPrivilegeEscalation to false and add CAP_SYS_ADMIN", fieldPath = ".capabilities.add")
    public static class ContainerSecurityContext {
        public Boolean allowPrivilegeEscalation;
        public AppArmorProfile appArmorProfile;
        public Capabilities capabilities;
        @JsonPropertyDescription("Allowed only where the API server runs with --allow-privileged.")
        public Boolean privileged;
        public ProcMount procMount;
        public Boolean readOnlyRootFilesystem;
        @Min(0)
        @Max(ID_MAX)
        public Long runAsGroup;
        public Boolean runAsNonRoot;
        @Min(0)
        @Max(ID_MAX)
        public Long runAsUser;
        public SELinuxOptions seLinuxOptions;
        public SeccompProfile seccompProfile;
    }

    public static class PodSecurityContext {
        public AppArmorProfile appArmorProfile;
        @Min(0)
        @Max(ID_MAX)
        public Long fsGroup;
        public FSGroupChangePolicy fsGroupChangePolicy;
        @Min(0)
        @Max(ID_MAX)
        public Long runAsGroup;
        public Boolean runAsNonRoot;
        @Min(0)
        @Max(ID_MAX)
        public Long runAsUser;
        @JsonPropertyDescription("Recursive; MountOption needs the SELinuxMount feature gate, off by default.")
        public SELinuxChangePolicy seLinuxChangePolicy;
        public SELinuxOptions seLinuxOptions;
        public SeccompProfile seccompProfile;
        @Size(max = 32)
        public List<@Min(0) @Max(ID_MAX) Long> supplementalGroups;
        public SupplementalGroupsPolicy supplementalGroupsPolicy;
        @Size(max = 20)
        @ValidationRule(value = "self.all(s, self.exists_one(t, t.name == s.name))",
                message = "sysctl names must be unique")
        public List<Sysctl> sysctls;
    }

    public static class Capabilities {
        @Size(max = 64)
        public List<@Size(min = 1, max = 64) String> add;
        @Size(max = 64)
        public List<@Size(min = 1, max = 64) String> drop;
    }

    public static class SELinuxOptions {
        @Size(max = 256)
        public String level;
        @Size(max = 256)
        public String role;
        @Size(max = 256)
        public String type;
        @Size(max = 256)
        public String user;
    }

    @ValidationRule(value = "!has(self.type) || (self.type == 'Localhost') == has(self.localhostProfile)",
            message = "localhostProfile is required when type is Localhost, and only then", fieldPath = ".localhostProfile")
    public static class SeccompProfile {
        @Size(max = PATH_MAX)
        @ValidationRule(value = DESCENDING_PATH_RULE, message = "must be a relative path without '..' elements")
        public String localhostProfile;
        @Required
        public ProfileType type;
    }

    @ValidationRule(value = "!has(self.type) || (self.type == 'Localhost') == has(self.localhostProfile)",
            message = "localhostProfile is required when type is Localhost, and only then", fieldPath = ".localhostProfile")
    public static class AppArmorProfile {
        @Size(min = 1, max = 4095)
        @ValidationRule(value = "self == self.trim()", message = "must not be padded with whitespace")
        public String localhostProfile;
        @Required
        public ProfileType type;
    }

    public static class Sysctl {
        @Required
        @Size(max = 253)
        @Pattern("^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$")
        public String name;
        @Required
        @Size(max = 1024)
        public String value;
    }

    public enum ProfileType { RuntimeDefault, Localhost, Unconfined }

    public enum ProcMount { Default }

    public enum FSGroupChangePolicy { OnRootMismatch, Always }

    public enum SELinuxChangePolicy { Recursive }

    public enum SupplementalGroupsPolicy { Merge, Strict }
}
