package dev.proctor.sdk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proctor.sdk.support.LocalSite;
import dev.proctor.sdk.vitals.Vitals;
import dev.proctor.sdk.vitals.VitalsBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Chromium against a local site: what a session keeps, and web vitals. */
class BrowserSessionTest {
    private static LocalSite site;

    @TempDir
    Path artifacts;

    @BeforeAll
    static void start() throws Exception {
        site = new LocalSite();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private BrowserSettings settings(boolean keep) {
        return new BrowserSettings("/usr/bin/chromium", artifacts, keep, true, 10_000);
    }

    @Test
    void aFailedTestKeepsTraceScreenshotAndHarNamedAfterIt() throws Exception {
        BrowserSession session = BrowserSession.open("shop.CartTest#addsItem", settings(false));
        session.page().navigate(site.url("/clean"));

        List<Path> kept = session.finish(true);

        assertThat(kept).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "shop.CartTest#addsItem-screenshot.png", "shop.CartTest#addsItem-trace.zip",
                "shop.CartTest#addsItem-network.har");
        for (Path file : kept) assertThat(Files.size(file)).isPositive();
    }

    @Test
    void aPassingTestKeepsNothing() throws Exception {
        BrowserSession session = BrowserSession.open("shop.CartTest#passes", settings(false));
        session.page().navigate(site.url("/clean"));
        assertThat(session.finish(false)).isEmpty();
        try (var files = Files.list(artifacts)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void webVitalsAreRecordedForAPage() throws Exception {
        BrowserSession session = BrowserSession.open("shop.HomeTest#fast", settings(false));
        session.page().navigate(site.url("/clean"));

        Vitals vitals = session.assertVitals(VitalsBudget.none().maxFcpMillis(10_000).maxCls(0.5));

        assertThat(vitals.fcpMillis()).isNotNull().isPositive();
        assertThat(vitals.lcpMillis()).isNotNull().isPositive();
        assertThat(vitals.cls()).isGreaterThanOrEqualTo(0);
        assertThat(vitals.asReportEntry()).containsKeys("vitals.fcpMs", "vitals.lcpMs", "vitals.cls", "vitals.tbtMs");
        assertThat(Files.readString(artifacts.resolve("shop.HomeTest#fast-vitals.json"))).contains("fcpMillis");
        assertThatThrownBy(() -> session.assertVitals(VitalsBudget.none().maxFcpMillis(0.001)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FCP");
        session.finish(false);
    }

    @Test
    void artifactNamesAreSafeAndBounded() {
        assertThat(ArtifactNames.stem("classpath:dev/shop/cart.feature#Add two items / Example #1.1"))
                .isEqualTo("classpath_dev_shop_cart.feature#Add_two_items_Example_#1.1");
        assertThat(ArtifactNames.stem("x".repeat(400))).hasSize(ArtifactNames.MAX_STEM);
    }
}
