package dev.proctor.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI reads of a TestSuiteRun: its own small view of the resource's JSON (the CRD classes live in the
 * operator, a Quarkus application the CLI does not depend on). Unknown fields are ignored, so a newer operator's
 * runs still read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Run(Metadata metadata, Spec spec, Status status) {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            // a phase a newer operator adds reads as unknown, not as an error
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true);

    public enum Phase {
        Pending, Running, Succeeded, Failed, Error;

        boolean isFinal() {
            return this == Succeeded || this == Failed || this == Error;
        }
    }

    static Run of(JsonNode resource) {
        return JSON.convertValue(resource, Run.class);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(String name, String namespace, String creationTimestamp, Map<String, String> labels) {
        Optional<Instant> created() {
            return Optional.ofNullable(creationTimestamp).map(Instant::parse);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(String suite, Sharding sharding, Artifacts artifacts) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sharding(Integer shards) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Artifacts(Store store) {}

    /** spec.artifacts.store: where and how; the credentials only by Secret reference. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Store(String endpoint, String region, String bucket, String prefix, Boolean pathStyle,
                        CredentialsSecret credentialsSecret) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CredentialsSecret(String name, String accessKeyIdKey, String secretAccessKeyKey) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(Phase phase, String reason, String message, Totals totals, String shardsDone,
                         List<Shard> shards, List<String> failedTests, Integer failedTestsOmitted,
                         List<String> flakyTests, String startTime, String completionTime, String duration,
                         Long durationSeconds, ArtifactsStatus artifacts, Report report) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Totals(int tests, int passed, int failed, int skipped, int flaky) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shard(int index, int attempt, String phase, boolean done, String reason, String message,
                        Integer tests, Integer passed, Integer failed, Integer flaky) {}

    /**
     * status.artifacts: which store, and the run's folder in it ({@code s3://<bucket>/<prefix>/<ns>/<run>/}); with
     * {@code settings} the namespace's default store the run recorded when it started (source Namespace).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ArtifactsStatus(String endpoint, String bucket, String location, String source, Store settings) {}

    /** status.report, written once the reporter Job ran (see docs/cli.md). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Report(String phase, String job, String html, String junit, Integer tests, Integer failures,
                         Integer errors, Integer skipped, Integer flaky, String reason, String message) {}

    String name() {
        return metadata.name();
    }

    String namespace() {
        return metadata.namespace();
    }

    Optional<Status> state() {
        return Optional.ofNullable(status);
    }

    Optional<Phase> phase() {
        return state().map(Status::phase);
    }

    /** The run's own store, else the namespace default it recorded in its status when it started. */
    Optional<Store> store() {
        return Optional.ofNullable(spec).map(Spec::artifacts).map(Artifacts::store)
                .or(() -> state().map(Status::artifacts).map(ArtifactsStatus::settings));
    }

    List<String> failedTests() {
        return state().map(Status::failedTests).orElse(List.of());
    }

    List<String> flakyTests() {
        return state().map(Status::flakyTests).orElse(List.of());
    }

    int failedTestsOmitted() {
        return state().map(Status::failedTestsOmitted).orElse(0);
    }
}
