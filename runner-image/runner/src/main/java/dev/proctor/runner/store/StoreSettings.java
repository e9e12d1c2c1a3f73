package dev.proctor.runner.store;

import dev.proctor.core.plan.RunnerContract;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where a shard's artifacts go, read from the env the operator sets ({@link RunnerContract}'s {@code STORE_*} names).
 * Absent when no bucket is named: then nothing is uploaded and the artifacts stay on the pod's volume.
 *
 * @param endpoint  null for AWS S3 itself (the SDK's regional endpoint)
 * @param keyPrefix the shard attempt's folder in the bucket, ending in '/' (or empty)
 * @param attempts  attempts per file, the first included
 */
public record StoreSettings(URI endpoint, String region, String bucket, String keyPrefix, boolean pathStyle,
                            String accessKeyId, String secretAccessKey, int attempts) {
    public static final int DEFAULT_ATTEMPTS = 5;
    static final String DEFAULT_REGION = "us-east-1";

    public static Optional<StoreSettings> from(Map<String, String> env) {
        String bucket = blankToNull(env.get(RunnerContract.STORE_BUCKET));
        if (bucket == null) return Optional.empty();
        String endpoint = blankToNull(env.get(RunnerContract.STORE_ENDPOINT));
        String region = blankToNull(env.get(RunnerContract.STORE_REGION));
        String prefix = env.getOrDefault(RunnerContract.STORE_KEY_PREFIX, "");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) prefix += "/";
        int attempts = DEFAULT_ATTEMPTS;
        String configured = blankToNull(env.get(RunnerContract.STORE_ATTEMPTS));
        if (configured != null) {
            try {
                attempts = Math.max(1, Integer.parseInt(configured.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(RunnerContract.STORE_ATTEMPTS + " must be a number, was " + configured);
            }
        }
        return Optional.of(new StoreSettings(endpoint == null ? null : URI.create(endpoint),
                region == null ? DEFAULT_REGION : region, bucket, prefix,
                Boolean.parseBoolean(env.getOrDefault(RunnerContract.STORE_PATH_STYLE, "false").strip()),
                blankToNull(env.get(RunnerContract.STORE_ACCESS_KEY_ID)),
                blankToNull(env.get(RunnerContract.STORE_SECRET_ACCESS_KEY)), attempts));
    }

    /** {@code s3://bucket/prefix}: where the shard's artifacts are, as the status shows it. */
    public String location() {
        return "s3://" + bucket + "/" + keyPrefix;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
