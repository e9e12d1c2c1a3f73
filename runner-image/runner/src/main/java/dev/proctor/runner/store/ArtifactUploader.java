package dev.proctor.runner.store;

import dev.proctor.core.mask.Masker;
import dev.proctor.core.result.StoreUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads a shard's artifacts directory to the store, each file under the shard attempt's key prefix with its path
 * relative to the directory. Signing, retries (exponential backoff with jitter on connection failures, throttling and
 * 5xx answers) and error codes are the AWS SDK's; this class only decides what a failure means for the rest: after a
 * file fails every attempt the store is taken to be unusable (down, no such bucket, credentials refused), and the
 * remaining files are counted missing rather than each waiting through its own retries.
 */
public final class ArtifactUploader implements AutoCloseable {
    private final StoreSettings settings;
    private final S3Client s3;
    private final Masker masker;

    /** What an upload did, for the event log and the summary. */
    public record Result(StoreUpload upload, long bytes, long millis) {}

    public ArtifactUploader(StoreSettings settings, Masker masker) {
        this.settings = settings;
        this.masker = masker;
        this.s3 = S3Clients.create(settings);
    }

    /** Uploads every regular file under {@code dir}; never throws. */
    public Result upload(Path dir) {
        long started = System.nanoTime();
        List<Path> files;
        try {
            files = files(dir);
        } catch (UncheckedIOException e) {
            return new Result(new StoreUpload(0, 0, "cannot list " + dir + ": " + e.getCause()), 0, 0);
        }
        int uploaded = 0;
        long bytes = 0;
        String reason = null;
        for (Path file : files) {
            String key = settings.keyPrefix() + dir.relativize(file).toString().replace('\\', '/');
            try {
                s3.putObject(p -> p.bucket(settings.bucket()).key(key).contentType(contentType(file)), RequestBody.fromFile(file));
                uploaded++;
                bytes += Files.size(file);
            } catch (SdkException | IOException | UncheckedIOException e) {
                reason = masker.mask(describe(key, e));
                break;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Result(new StoreUpload(uploaded, files.size() - uploaded, reason), bytes, millis);
    }

    private String describe(String key, Exception e) {
        return S3Clients.describe(settings, key, e);
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Types a browser opens in place (the report links to screenshots, traces and videos). */
    static String contentType(Path file) {
        return contentType(file.getFileName().toString());
    }

    public static String contentType(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webm" -> "video/webm";
            case "mp4" -> "video/mp4";
            case "xml" -> "application/xml";
            case "json", "har" -> "application/json";
            case "jsonl" -> "application/x-ndjson";
            case "zip" -> "application/zip";
            case "html" -> "text/html; charset=utf-8";
            case "txt", "log" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    @Override
    public void close() {
        s3.close();
    }
}
