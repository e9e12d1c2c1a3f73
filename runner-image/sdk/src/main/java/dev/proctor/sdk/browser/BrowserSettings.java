package dev.proctor.sdk.browser;

import dev.proctor.core.plan.RunnerContract;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the SDK runs the browser and where it keeps artifacts. Read from system properties first (the runner
 * publishes its resolved artifacts directory as {@code proctor.artifacts.dir}), then env vars, then defaults that
 * suit a developer's machine.
 *
 * @param chromiumPath   {@code PROCTOR_CHROMIUM_PATH}; default /usr/bin/chromium (the runner image's browser)
 * @param artifactsDir   {@code PROCTOR_ARTIFACTS_DIR}; default target/proctor-artifacts
 * @param keepArtifacts  {@code PROCTOR_KEEP_ARTIFACTS=always} keeps trace, screenshot and HAR of passing tests too
 * @param headless       {@code PROCTOR_HEADED=true} shows the browser while debugging
 * @param timeoutMillis  Playwright's default action and navigation timeout ({@code PROCTOR_PLAYWRIGHT_TIMEOUT_MS})
 */
public record BrowserSettings(String chromiumPath, Path artifactsDir, boolean keepArtifacts, boolean headless,
                              double timeoutMillis) {

    /** Chromium flags for containers: no sandbox (non-root, no user namespaces), no GPU, nothing phoning home. */
    public static final java.util.List<String> CHROMIUM_ARGS = java.util.List.of("--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
            "--disable-dev-shm-usage");

    public static BrowserSettings fromProcess() {
        return from(System.getenv(), System.getProperties());
    }

    static BrowserSettings from(Map<String, String> env, java.util.Properties properties) {
        String artifacts = properties.getProperty("proctor.artifacts.dir",
                env.getOrDefault(RunnerContract.ARTIFACTS_DIR, "target/proctor-artifacts"));
        return new BrowserSettings(
                properties.getProperty("proctor.chromium.path", env.getOrDefault("PROCTOR_CHROMIUM_PATH", "/usr/bin/chromium")),
                Path.of(artifacts),
                "always".equalsIgnoreCase(env.getOrDefault("PROCTOR_KEEP_ARTIFACTS", "on-failure")),
                !Boolean.parseBoolean(env.getOrDefault("PROCTOR_HEADED", "false")),
                Double.parseDouble(env.getOrDefault("PROCTOR_PLAYWRIGHT_TIMEOUT_MS", "15000")));
    }
}
