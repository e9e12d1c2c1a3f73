package dev.proctor.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proctor.core.plan.RunnerContract;
import dev.proctor.core.result.DecodeResult;
import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.SummaryCodec;
import dev.proctor.core.result.Verdict;
import dev.proctor.testcluster.FlakyTcpProxy;
import dev.proctor.testcluster.FreePorts;
import dev.proctor.testcluster.Poll;
import dev.proctor.testcluster.SeaweedFs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The runner as a pod runs it (a child JVM on its own env), uploading to a real S3-compatible store: SeaweedFS on
 * 127.0.0.1. The shard's verdict arrives whatever the store does; what the store did is in the summary.
 */
class ArtifactStoreIT {
    private static final String BUCKET = "proctor-artifacts";
    private static final byte[] SCREENSHOT = new byte[256 * 1024];
    private static SeaweedFs store;
    private static S3Client s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void startStore() {
        store = SeaweedFs.start();
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(SeaweedFs.REGION))
                .endpointOverride(store.endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(SeaweedFs.ACCESS_KEY, SeaweedFs.SECRET_KEY)))
                .build();
        // the filer behind the gateway may take a moment after the gateway answers
        Poll.until("bucket " + BUCKET + " created", Duration.ofSeconds(60), () -> {
            s3.createBucket(b -> b.bucket(BUCKET));
            return true;
        }, Boolean::booleanValue);
        new java.util.Random(7).nextBytes(SCREENSHOT);
    }

    @AfterAll
    static void stopStore() {
        if (s3 != null) s3.close();
        if (store != null) store.close();
    }

    @Test
    void everyArtifactOfTheShardIsStoredUnderItsPrefixAndTheSummarySaysSo() throws Exception {
        Result result = runShard(store.s3Port(), BUCKET, "runs/ns/run-a/shard-0/attempt-0/", SeaweedFs.SECRET_KEY, Map.of());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.summary.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary.store()).isNotNull();
        assertThat(result.summary.store().missing()).isZero();
        assertThat(result.summary.store().reason()).isNull();
        List<String> keys = keys("runs/ns/run-a/shard-0/attempt-0/");
        assertThat(keys).contains("runs/ns/run-a/shard-0/attempt-0/junit-shard-0.xml",
                "runs/ns/run-a/shard-0/attempt-0/results-shard-0.jsonl",
                "runs/ns/run-a/shard-0/attempt-0/events-shard-0.jsonl",
                "runs/ns/run-a/shard-0/attempt-0/tests/Shop/checkout/try-1/screenshot.png");
        assertThat(keys).hasSize(result.summary.store().uploaded());
        byte[] screenshot = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("runs/ns/run-a/shard-0/attempt-0/tests/Shop/checkout/try-1/screenshot.png")).asByteArray();
        assertThat(screenshot).isEqualTo(SCREENSHOT);
        String xml = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("runs/ns/run-a/shard-0/attempt-0/junit-shard-0.xml")).asUtf8String();
        assertThat(xml).contains("failsWithSecret").doesNotContain("s3cr3t");
        assertThat(result.output).contains("\"event\":\"artifacts.uploaded\"").contains("\"megabytesPerSecond\"")
                .doesNotContain(SeaweedFs.SECRET_KEY);
        result.output.lines().filter(l -> l.contains("\"event\":\"artifacts.uploaded\"")).forEach(l -> System.out.println("[figures] " + l));
    }

    /** Upload rate on 127.0.0.1: a shard with 20 MB of artifacts (40 screenshots of 512 KiB), printed as a figure. */
    @Test
    void aShardWithManyArtifactsUploadsThemAll() throws Exception {
        byte[] big = new byte[512 * 1024];
        new java.util.Random(11).nextBytes(big);
        for (int i = 0; i < 40; i++) {
            Path file = dir.resolve("artifacts/tests/Shop/page" + i + "/try-1/screenshot.png");
            Files.createDirectories(file.getParent());
            Files.write(file, big);
        }
        Result result = runShard(store.s3Port(), BUCKET, "runs/ns/run-e/shard-0/attempt-0/", SeaweedFs.SECRET_KEY, Map.of());

        assertThat(result.summary.store().missing()).isZero();
        assertThat(keys("runs/ns/run-e/shard-0/attempt-0/")).hasSize(result.summary.store().uploaded()).hasSizeGreaterThan(40);
        result.output.lines().filter(l -> l.contains("\"event\":\"artifacts.uploaded\"")).forEach(l -> System.out.println("[figures] " + l));
    }

    @Test
    void aStoreThatDropsConnectionsDuringTheUploadIsRetriedUntilEveryFileIsStored() throws Exception {
        try (FlakyTcpProxy flaky = new FlakyTcpProxy(store.s3Port(), 3)) {
            Result result = runShard(flaky.port(), BUCKET, "runs/ns/run-b/shard-1/attempt-0/", SeaweedFs.SECRET_KEY, Map.of());

            assertThat(flaky.dropped()).isEqualTo(3);
            assertThat(result.summary.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(result.summary.store().missing()).isZero();
            assertThat(keys("runs/ns/run-b/shard-1/attempt-0/")).hasSize(result.summary.store().uploaded())
                    .contains("runs/ns/run-b/shard-1/attempt-0/tests/Shop/checkout/try-1/screenshot.png");
        }
    }

    @Test
    void aStoreThatIsDownStillLetsTheVerdictThroughAndTheSummaryNamesWhatIsMissing() throws Exception {
        int nothingListens = FreePorts.next();
        Result result = runShard(nothingListens, BUCKET, "runs/ns/run-c/shard-0/attempt-0/", SeaweedFs.SECRET_KEY,
                Map.of(RunnerContract.STORE_ATTEMPTS, "2"));

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.summary.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary.failed()).isEqualTo(2);
        assertThat(result.summary.store().uploaded()).isZero();
        assertThat(result.summary.store().missing()).isGreaterThanOrEqualTo(4);
        assertThat(result.summary.store().reason()).startsWith("store unreachable: ")
                .contains("s3://" + BUCKET + "/runs/ns/run-c/shard-0/attempt-0/")
                .contains("127.0.0.1:" + nothingListens);
        assertThat(result.output).contains("\"event\":\"artifacts.incomplete\"");
    }

    /** A store that accepts connections and never answers: the verdict is in the termination log while the upload hangs. */
    @Test
    void theVerdictIsWrittenBeforeTheUploadSoAShardKilledWhileUploadingStillReportsIt() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) held.add(silent.accept());
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Process process = start(silent.getLocalPort(), BUCKET, "runs/ns/run-f/", SeaweedFs.SECRET_KEY, Map.of());
            try {
                Path log = dir.resolve("termination-log");
                ShardSummary summary = Poll.until("the final summary while the upload hangs", Duration.ofSeconds(90), () -> {
                    DecodeResult decoded = SummaryCodec.decode(read(log));
                    return decoded instanceof DecodeResult.Decoded d ? d.summary() : null;
                }, found -> found != null && !found.isCheckpoint() && !held.isEmpty());
                assertThat(process.isAlive()).as("still uploading").isTrue();
                assertThat(summary.verdict()).isEqualTo(Verdict.FAILED);
                assertThat(summary.failed()).isEqualTo(2);
                assertThat(summary.store()).as("no upload outcome yet").isNull();
            } finally {
                process.destroyForcibly();
                for (java.net.Socket socket : held) socket.close();
            }
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    @Test
    void aMissingBucketIsNamedInTheReason() throws Exception {
        Result result = runShard(store.s3Port(), "no-such-bucket", "x/", SeaweedFs.SECRET_KEY, Map.of());

        assertThat(result.summary.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary.store().uploaded()).isZero();
        assertThat(result.summary.store().reason()).startsWith("NoSuchBucket: ").contains("s3://no-such-bucket/x/");
    }

    @Test
    void wrongCredentialsAreNamedInTheReasonAndTheSecretIsNot() throws Exception {
        String wrong = "wrong-secret-key-abcdef";
        Result result = runShard(store.s3Port(), BUCKET, "runs/ns/run-d/", wrong, Map.of());

        assertThat(result.summary.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary.store().uploaded()).isZero();
        assertThat(result.summary.store().reason()).startsWith("SignatureDoesNotMatch: ");
        assertThat(result.output).doesNotContain(wrong);
        assertThat(keys("runs/ns/run-d/")).isEmpty();
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    private record Result(int exitCode, String output, ShardSummary summary) {}

    /** The failing fixture in a child JVM, with a screenshot its test "left" among the artifacts. */
    private Result runShard(int port, String bucket, String prefix, String secretKey, Map<String, String> extra) throws Exception {
        Process process = start(port, bucket, prefix, secretKey, extra);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        DecodeResult decoded = SummaryCodec.decode(Files.readAllBytes(dir.resolve("termination-log")));
        assertThat(decoded).as(output).isInstanceOf(DecodeResult.Decoded.class);
        return new Result(process.exitValue(), output, ((DecodeResult.Decoded) decoded).summary());
    }

    private Process start(int port, String bucket, String prefix, String secretKey, Map<String, String> extra) throws Exception {
        Path artifacts = dir.resolve("artifacts");
        Path screenshot = artifacts.resolve("tests/Shop/checkout/try-1/screenshot.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, SCREENSHOT);
        Path plan = TestPlans.packages("dev.proctor.runner.fixture.failing").secretEnv("SHOP_LOGIN").writeTo(dir);
        Map<String, String> env = new HashMap<>(Map.of(
                "SHOP_LOGIN", "s3cr3t-Value-42", "FIXTURE_SECRET", "s3cr3t-Value-42",
                RunnerContract.STORE_ENDPOINT, "http://127.0.0.1:" + port,
                RunnerContract.STORE_REGION, SeaweedFs.REGION,
                RunnerContract.STORE_BUCKET, bucket,
                RunnerContract.STORE_KEY_PREFIX, prefix,
                RunnerContract.STORE_PATH_STYLE, "true",
                RunnerContract.STORE_ACCESS_KEY_ID, SeaweedFs.ACCESS_KEY,
                RunnerContract.STORE_SECRET_ACCESS_KEY, secretKey));
        env.putAll(extra);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), RunnerMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put(RunnerSettings.PLAN_FILE, plan.toString());
        builder.environment().put(RunnerSettings.ARTIFACTS_DIR, artifacts.toString());
        builder.environment().put(RunnerSettings.TERMINATION_LOG, dir.resolve("termination-log").toString());
        return builder.start();
    }
}
