package dev.proctor.runner.store;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 client of the store's settings, for the shards' uploads and the reporter alike: signing, retries
 * (exponential backoff with jitter on connection failures, throttling and 5xx answers) and error codes are the AWS
 * SDK's; and how a failure is told to people, naming the bucket and key, never a credential.
 */
public final class S3Clients {
    private S3Clients() {}

    public static S3Client create(StoreSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                .overrideConfiguration(o -> o
                        .retryStrategy(r -> r.maxAttempts(settings.attempts())
                                .backoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(
                                        Duration.ofMillis(200), Duration.ofSeconds(5))))
                        .apiCallAttemptTimeout(Duration.ofSeconds(120)));
        if (settings.endpoint() != null) builder.endpointOverride(settings.endpoint());
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(StoreSettings settings) {
        if (settings.accessKeyId() == null || settings.secretAccessKey() == null) return AnonymousCredentialsProvider.create();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    }

    /**
     * The store's error code and message, or the client's ("store unreachable: …"), naming the bucket and key; never a
     * credential (the caller masks it too).
     */
    public static String describe(StoreSettings settings, String key, Exception e) {
        String where = "s3://" + settings.bucket() + "/" + key
                + (settings.endpoint() == null ? "" : " at " + settings.endpoint());
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return (code == null ? "HTTP " + service.statusCode() : code) + ": "
                    + (message == null ? "the store refused the request" : message) + " (" + where + ")";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "store unreachable: " + message + " (" + where + ")";
    }
}
