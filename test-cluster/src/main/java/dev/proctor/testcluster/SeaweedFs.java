package dev.proctor.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible object store on 127.0.0.1: SeaweedFS ({@code weed server -s3}: master, volume server, filer
 * and S3 gateway in one process), built from its Go module by {@code hack/tools/seaweedfs.sh} and cached as the
 * control plane's binaries are. S3 requests must be signed with {@link #ACCESS_KEY}/{@link #SECRET_KEY}; anything
 * else is refused as AWS refuses it.
 */
public final class SeaweedFs implements AutoCloseable {
    static final String BUILD_SCRIPT = "hack/tools/seaweedfs.sh";
    public static final String ACCESS_KEY = "proctor-test-access";
    public static final String SECRET_KEY = "proctor-test-secret-0123456789";
    public static final String REGION = "us-east-1";

    private final ChildProcess process;
    private final int s3Port;
    private final Path dir;

    private SeaweedFs(ChildProcess process, int s3Port, Path dir) {
        this.process = process;
        this.s3Port = s3Port;
        this.dir = dir;
    }

    /** Builds (or finds cached) and starts SeaweedFS in a fresh folder; returns once its S3 gateway answers. */
    public static SeaweedFs start() {
        try {
            Path dir = Files.createTempDirectory("proctor-seaweedfs-");
            Path weed = BuildScript.run(KubeBinaries.repoRoot(), BUILD_SCRIPT, dir);
            Path data = Files.createDirectories(dir.resolve("data"));
            Path config = dir.resolve("s3.json");
            Files.writeString(config, """
                    {"identities": [{"name": "proctor", "credentials": [{"accessKey": "%s", "secretKey": "%s"}],
                      "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
                    """.formatted(ACCESS_KEY, SECRET_KEY));
            int master = FreePorts.next();
            int volume = FreePorts.next();
            int filer = FreePorts.next();
            int s3 = FreePorts.next();
            List<String> command = new ArrayList<>(List.of(weed.toString(), "server",
                    "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-dir=" + data,
                    "-master.port=" + master, "-master.port.grpc=" + FreePorts.next(),
                    "-master.volumeSizeLimitMB=64",
                    "-volume.port=" + volume, "-volume.port.grpc=" + FreePorts.next(), "-volume.max=8",
                    "-filer", "-filer.port=" + filer, "-filer.port.grpc=" + FreePorts.next(),
                    "-s3", "-s3.port=" + s3, "-s3.port.grpc=" + FreePorts.next(), "-s3.config=" + config,
                    // as AWS S3: an upload to a bucket that does not exist is refused (NoSuchBucket), not a new bucket
                    "-s3.autoCreateBucket=false"));
            ChildProcess process = ChildProcess.start("seaweedfs", command, Map.of(), dir, dir.resolve("weed.log"));
            SeaweedFs store = new SeaweedFs(process, s3, dir);
            try {
                store.awaitS3(Duration.ofSeconds(90));
            } catch (RuntimeException e) {
                String tail = process.logTail(40);
                store.close();
                throw new IllegalStateException("SeaweedFS did not start: " + e.getMessage() + "\n" + tail, e);
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start SeaweedFS", e);
        }
    }

    /** The S3 endpoint, {@code http://127.0.0.1:<port>}; path-style addressing. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + s3Port);
    }

    public int s3Port() {
        return s3Port;
    }

    public String logTail(int lines) {
        return process.logTail(lines);
    }

    /** The gateway answers S3 (an unsigned request is refused with 403, which is an answer). */
    private void awaitS3(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Poll.until("the SeaweedFS S3 gateway on " + endpoint(), timeout, process::isAlive, () -> {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() > 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    @Override
    public void close() {
        process.close();
        TempDirs.delete(dir);
    }
}
