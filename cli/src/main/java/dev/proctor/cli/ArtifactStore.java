package dev.proctor.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A run's folder in its artifact store, read with the AWS SDK (signing, retries and error codes are the SDK's).
 * Every call is bounded: a connection that does not open within 5 s, a read that stalls for the request timeout, or a
 * call that takes longer than 10 minutes in all ends it. What the store says becomes one line and an exit code:
 * no such key → {@link ExitCodes#NO_STORE} (nothing there yet), anything else → {@link ExitCodes#STORE_UNREACHABLE}.
 * The credentials never appear in what it says.
 */
final class ArtifactStore implements AutoCloseable {
    /** One stored file; {@code key} is relative to the run's folder. */
    record StoredObject(String key, long size, Instant lastModified) {}

    /** Where the access key pair came from, said in errors (never the keys themselves). */
    record Credentials(AwsCredentialsProvider provider, String source, List<String> secrets) {}

    private final S3Client s3;
    private final String bucket;
    private final String runPrefix;
    private final String where;
    private final Credentials credentials;

    private ArtifactStore(S3Client s3, String bucket, String runPrefix, String where, Credentials credentials) {
        this.s3 = s3;
        this.bucket = bucket;
        this.runPrefix = runPrefix;
        this.where = where;
        this.credentials = credentials;
    }

    /** The run's store, from its spec and status; exit 4 when it has none. */
    static ArtifactStore open(Run run, Cluster cluster, Duration timeout) {
        Run.Store store = run.store().orElseThrow(() -> new CliException(ExitCodes.NO_STORE,
                "TestSuiteRun " + run.name() + " has no artifact store (spec.artifacts.store is not set)"));
        Optional<Run.ArtifactsStatus> status = run.state().map(Run.Status::artifacts);
        String endpoint = status.map(Run.ArtifactsStatus::endpoint).orElse(store.endpoint());
        String bucket = status.map(Run.ArtifactsStatus::bucket).orElse(store.bucket());
        String runPrefix = status.map(Run.ArtifactsStatus::location).map(l -> S3Url.parse(l).key())
                .orElse(runPrefix(store.prefix(), run.namespace(), run.name()));
        if (!runPrefix.isEmpty() && !runPrefix.endsWith("/")) runPrefix += "/";
        Credentials credentials = credentials(run, store, cluster);
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
                        .socketTimeout(timeout))
                .region(Region.of(store.region() == null ? "us-east-1" : store.region()))
                .forcePathStyle(Boolean.TRUE.equals(store.pathStyle()))
                .credentialsProvider(credentials.provider())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(2)).apiCallTimeout(Duration.ofMinutes(10)));
        if (endpoint != null) builder.endpointOverride(URI.create(endpoint));
        String where = "s3://" + bucket + "/" + runPrefix + (endpoint == null ? "" : " at " + endpoint);
        return new ArtifactStore(builder.build(), bucket, runPrefix, where, credentials);
    }

    /** {@code <prefix>/<namespace>/<run>/}, as the operator names a run's folder when the status does not say. */
    static String runPrefix(String storePrefix, String namespace, String run) {
        String prefix = storePrefix == null ? "" : storePrefix.replaceAll("^/+|/+$", "");
        return (prefix.isEmpty() ? "" : prefix + "/") + namespace + "/" + run + "/";
    }

    /**
     * The AWS SDK's default chain when the environment names credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE, a web
     * identity token, the aws.accessKeyId system property); else the run's Secret, read with the user's kubeconfig.
     */
    private static Credentials credentials(Run run, Run.Store store, Cluster cluster) {
        if (awsEnvironment()) {
            return new Credentials(DefaultCredentialsProvider.builder().build(), "the AWS environment", List.of());
        }
        Run.CredentialsSecret ref = store.credentialsSecret();
        if (ref == null || ref.name() == null) {
            throw new CliException(ExitCodes.NO_STORE, "TestSuiteRun " + run.name()
                    + " names no credentials Secret for its store, and AWS_ACCESS_KEY_ID is not set");
        }
        String idKey = ref.accessKeyIdKey() == null ? "accessKeyId" : ref.accessKeyIdKey();
        String secretKey = ref.secretAccessKeyKey() == null ? "secretAccessKey" : ref.secretAccessKeyKey();
        String source = "Secret " + ref.name() + " in namespace " + cluster.namespace();
        String id = cluster.secretValue(ref.name(), idKey).orElseThrow(() -> noCredentials(source, idKey));
        String secret = cluster.secretValue(ref.name(), secretKey).orElseThrow(() -> noCredentials(source, secretKey));
        return new Credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)), source, List.of(id, secret));
    }

    private static CliException noCredentials(String source, String key) {
        return new CliException(ExitCodes.NO_STORE, "cannot read the store's credentials: " + source
                + " is missing or has no key " + key + " (or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
    }

    private static boolean awsEnvironment() {
        return System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null
                || System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") != null || System.getProperty("aws.accessKeyId") != null;
    }

    String location() {
        return "s3://" + bucket + "/" + runPrefix;
    }

    /** Every object under the run's folder (or under {@code under} within it), keys relative to the folder. */
    List<StoredObject> list(String under) {
        return call("list the run's folder", () -> {
            List<StoredObject> found = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(runPrefix + under)).contents()) {
                found.add(new StoredObject(object.key().substring(runPrefix.length()), object.size(), object.lastModified()));
            }
            return found;
        });
    }

    /** A small object (a JUnit XML), or empty when there is no such key. */
    Optional<byte[]> read(String key) {
        try {
            return Optional.of(call("read " + key, () -> s3.getObjectAsBytes(g -> g.bucket(bucket).key(runPrefix + key)).asByteArray()));
        } catch (CliException e) {
            if (e.exitCode() == ExitCodes.NO_STORE) return Optional.empty();
            throw e;
        }
    }

    /** Downloads a key of the run's folder to {@code target} (replaced); exit 4 when there is no such key. */
    void download(String key, Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.deleteIfExists(partial);
            call("download " + key, () -> s3.getObject(g -> g.bucket(bucket).key(runPrefix + key), ResponseTransformer.toFile(partial)));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** A key of an {@code s3://bucket/key} URL in this store, relative to the run's folder. */
    Optional<String> relative(String s3Url) {
        S3Url url = S3Url.parse(s3Url);
        return url.bucket().equals(bucket) && url.key().startsWith(runPrefix)
                ? Optional.of(url.key().substring(runPrefix.length())) : Optional.empty();
    }

    private <T> T call(String what, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if ("NoSuchKey".equals(code) || (e.statusCode() == 404 && !"NoSuchBucket".equals(code))) {
                throw new CliException(ExitCodes.NO_STORE, "not in the store: cannot " + what + " (" + where + ")", e);
            }
            String detail = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                    ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorMessage();
            boolean refused = e.statusCode() == 401 || e.statusCode() == 403;
            throw new CliException(ExitCodes.STORE_UNREACHABLE, mask("the store refused to " + what + ": "
                    + (code == null ? "" : code + ": ") + detail + " (" + where
                    + (refused ? "; credentials from " + credentials.source() : "") + ")"), e);
        } catch (SdkException e) {
            throw new CliException(ExitCodes.STORE_UNREACHABLE, mask("store unreachable: cannot " + what + " (" + where + "): "
                    + Cluster.firstLine(Cluster.rootMessage(e))), e);
        }
    }

    private String mask(String message) {
        String masked = message;
        for (String secret : credentials.secrets()) {
            if (!secret.isEmpty()) masked = masked.replace(secret, "***");
        }
        return masked;
    }

    @Override
    public void close() {
        s3.close();
    }

    /** {@code s3://bucket/key}. */
    record S3Url(String bucket, String key) {
        static S3Url parse(String url) {
            if (url == null || !url.startsWith("s3://")) throw new CliException(ExitCodes.NO_STORE, "not an s3:// location: " + url);
            String rest = url.substring("s3://".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? new S3Url(rest, "") : new S3Url(rest.substring(0, slash), rest.substring(slash + 1));
        }
    }
}
