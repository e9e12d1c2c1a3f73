package dev.proctor.operator.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.proctor.operator.api.v1alpha1.ArtifactStoreSpec;
import dev.proctor.operator.api.v1alpha1.ArtifactsStatus;
import dev.proctor.operator.api.v1alpha1.TestSuiteRun;
import dev.proctor.operator.api.v1alpha1.TestSuiteRunStatus;
import dev.proctor.operator.api.v1alpha1.schema.Formats;
import dev.proctor.operator.naming.ProctorNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which artifact store a run uploads to: its own {@code spec.artifacts.store}, else its namespace's default — the
 * ConfigMap {@value ProctorNames#NAMESPACE_STORE_CONFIGMAP}, key {@value ProctorNames#STORE_KEY}, in the same shape.
 * The default is read once, when the run starts, and recorded in {@code status.artifacts.settings}: every attempt of a
 * run goes to the same store, and a restarted operator reads it back from the status. The API server cannot validate a
 * ConfigMap's contents, so the operator checks them against the CRD's own rules ({@link #problems}).
 */
public final class RunStores {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RunStores() {}

    /** The store a run uses and where its settings come from; {@link #NONE} when it uses none. */
    public record Store(ArtifactStoreSpec spec, String source, String invalid) {
        public static final Store NONE = new Store(null, null, null);

        public boolean present() {
            return spec != null;
        }
    }

    /** The run's own store, or the namespace default recorded when it started, or none. */
    public static Store recorded(TestSuiteRun run, TestSuiteRunStatus status) {
        ArtifactStoreSpec own = run.getSpec().artifacts == null ? null : run.getSpec().artifacts.store;
        if (own != null) return new Store(own, ArtifactsStatus.SOURCE_RUN, null);
        ArtifactsStatus artifacts = status == null ? null : status.artifacts;
        if (artifacts != null && ArtifactsStatus.SOURCE_NAMESPACE.equals(artifacts.source) && artifacts.settings != null) {
            return new Store(artifacts.settings, ArtifactsStatus.SOURCE_NAMESPACE, null);
        }
        return Store.NONE;
    }

    /**
     * The store of a run that is starting: its own, else what the namespace's ConfigMap (null when there is none) sets.
     * A ConfigMap that does not hold a valid store gives no store and says why in {@link Store#invalid()}.
     */
    public static Store atStart(TestSuiteRun run, ConfigMap namespaceDefault) {
        ArtifactStoreSpec own = run.getSpec().artifacts == null ? null : run.getSpec().artifacts.store;
        if (own != null) return new Store(own, ArtifactsStatus.SOURCE_RUN, null);
        if (namespaceDefault == null) return Store.NONE;
        String where = "ConfigMap " + ProctorNames.NAMESPACE_STORE_CONFIGMAP + ", key " + ProctorNames.STORE_KEY;
        String text = namespaceDefault.getData() == null ? null : namespaceDefault.getData().get(ProctorNames.STORE_KEY);
        if (text == null || text.isBlank()) return invalid(where + ": missing or empty");
        ArtifactStoreSpec spec;
        try {
            spec = YAML.readValue(text, ArtifactStoreSpec.class);
        } catch (UnrecognizedPropertyException e) {
            return invalid(where + ": unknown field \"" + e.getPropertyName() + "\"");
        } catch (IOException e) {
            // Jackson's own message quotes the input, which a mistaken ConfigMap could fill with a key: say only where
            return invalid(where + ": not a YAML or JSON object"
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " (line " + j.getLocation().getLineNr() + ")" : ""));
        }
        if (spec == null) return invalid(where + ": empty");
        List<String> problems = problems(spec);
        if (!problems.isEmpty()) return invalid(where + ": " + String.join("; ", problems));
        return new Store(spec, ArtifactsStatus.SOURCE_NAMESPACE, null);
    }

    private static Store invalid(String why) {
        return new Store(null, null, why);
    }

    /** What the CRD's schema would refuse in {@code spec}, each naming its field; empty when it is valid. */
    static List<String> problems(ArtifactStoreSpec spec) {
        List<String> problems = new ArrayList<>();
        check(problems, "endpoint", spec.endpoint, false, 0, 2048, ArtifactStoreSpec.ENDPOINT_PATTERN);
        check(problems, "region", spec.region, false, 1, 64, ArtifactStoreSpec.REGION_PATTERN);
        check(problems, "bucket", spec.bucket, true, 3, 63, ArtifactStoreSpec.BUCKET_PATTERN);
        if (spec.prefix != null) {
            if (spec.prefix.length() > 512) problems.add("prefix: longer than 512 characters");
            if (spec.prefix.startsWith("/") || List.of(spec.prefix.split("/")).contains("..")) {
                problems.add("prefix: must be a relative key prefix: no leading '/' and no '..' segment");
            }
        }
        ArtifactStoreSpec.CredentialsSecret secret = spec.credentialsSecret;
        if (secret == null) {
            problems.add("credentialsSecret: required");
        } else {
            check(problems, "credentialsSecret.name", secret.name, true, 1, Formats.DNS_SUBDOMAIN_MAX, Formats.DNS_SUBDOMAIN);
            check(problems, "credentialsSecret.accessKeyIdKey", secret.accessKeyIdKey, false, 1, 253, ArtifactStoreSpec.SECRET_KEY_PATTERN);
            check(problems, "credentialsSecret.secretAccessKeyKey", secret.secretAccessKeyKey, false, 1, 253,
                    ArtifactStoreSpec.SECRET_KEY_PATTERN);
        }
        return problems;
    }

    private static void check(List<String> problems, String field, String value, boolean required, int min, int max, String pattern) {
        if (value == null) {
            if (required) problems.add(field + ": required");
            return;
        }
        if (value.length() < min || value.length() > max) {
            problems.add(field + ": must be " + min + " to " + max + " characters long");
        } else if (!Pattern.compile(pattern).matcher(value).matches()) {
            problems.add(field + ": must match " + pattern);
        }
    }
}
