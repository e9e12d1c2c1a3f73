package dev.proctor.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proctor.core.alert.Alert;
import dev.proctor.core.alert.AlertType;
import dev.proctor.core.alert.Notification;
import dev.proctor.core.alert.Severity;
import dev.proctor.core.alert.payload.PayloadContext;
import dev.proctor.core.mask.Masker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Alertmanager receiver against a real Prometheus Alertmanager (the Debian package's binary) on 127.0.0.1,
 * with a minimal config and a temporary storage path. Skipped where the binary is not installed.
 */
class AlertmanagerReceiverTest {
    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    static Process alertmanager;
    static Path dir;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "prometheus-alertmanager is not installed");
        dir = Files.createTempDirectory("proctor-am");
        Files.writeString(dir.resolve("am.yml"), "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("am.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get("/-/ready").statusCode() == 200);
    }

    @AfterAll
    static void stop() throws IOException {
        if (alertmanager != null) {
            alertmanager.destroy();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static Notification notification(Notification.Status status, Instant now) {
        Alert firing = Alert.firing(AlertType.SLOBurnRate, Severity.Page,
                Map.of("policy", "smoke", "namespace", "shop", "objective", "passRate"),
                Map.of("summary", "passRate is burning its error budget at 20.0×"), now.minusSeconds(60));
        Alert alert = status == Notification.Status.Firing ? firing : firing.resolve(now.minusSeconds(1));
        return new Notification("shop/am/am", "{}", new TreeMap<>(), status, List.of(alert), now, "d", "id-" + status);
    }

    @Test
    void firingAlertsShowUpAndResolvedOnesLeave() throws Exception {
        AlertmanagerReceiver receiver = new AlertmanagerReceiver(base, Duration.ofHours(1), new PayloadContext("proctor/shop/smoke", null),
                Masker.patternsOnly(), new HttpPoster(Duration.ofSeconds(5)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        receiver.send(notification(Notification.Status.Firing, now));

        JsonNode alerts = new ObjectMapper().readTree(get("/api/v2/alerts").body());
        assertThat(alerts).hasSize(1);
        JsonNode a = alerts.get(0);
        assertThat(a.path("labels").path("alertname").asText()).isEqualTo("SLOBurnRate");
        assertThat(a.path("labels").path("severity").asText()).isEqualTo("page");
        assertThat(a.path("labels").path("policy").asText()).isEqualTo("smoke");
        assertThat(a.path("annotations").path("summary").asText()).contains("burning");
        assertThat(a.path("status").path("state").asText()).isEqualTo("active");

        receiver.send(notification(Notification.Status.Resolved, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode left = new ObjectMapper().readTree(get("/api/v2/alerts?active=true").body());
            assertThat(left).noneSatisfy(x -> assertThat(x.path("labels").path("alertname").asText()).isEqualTo("SLOBurnRate"));
        });
    }
}
