package dev.proctor.runner.store;

import dev.proctor.core.mask.Masker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The store's bucket through the AWS SDK, with the same client and retries as the shards' uploads. */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
    private final StoreSettings settings;
    private final Masker masker;
    private final S3Client s3;

    public S3ObjectStore(StoreSettings settings, Masker masker) {
        this.settings = settings;
        this.masker = masker;
        this.s3 = S3Clients.create(settings);
    }

    @Override
    public List<String> list(String prefix) {
        try {
            List<String> keys = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(l -> l.bucket(settings.bucket()).prefix(prefix)).contents()) {
                keys.add(object.key());
            }
            return keys;
        } catch (SdkException e) {
            throw failure(prefix, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(g -> g.bucket(settings.bucket()).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure(key, e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        try {
            s3.putObject(p -> p.bucket(settings.bucket()).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure(key, e);
        }
    }

    private StoreException failure(String key, SdkException e) {
        return new StoreException(masker.mask(S3Clients.describe(settings, key, e)), e, e instanceof AwsServiceException);
    }

    @Override
    public void close() {
        s3.close();
    }
}
