package dev.proctor.sdk.config;

import dev.proctor.runner.spi.Preflight;
import java.util.Map;

/**
 * Loads the environment before the runner discovers tests, so a missing or bad key ends the shard as a runner
 * error that names the key, instead of failing every test.
 */
public final class EnvironmentPreflight implements Preflight {
    @Override
    public String name() {
        return "environment config";
    }

    @Override
    public void check(Map<String, String> env) {
        ProctorEnvironment.fromProcess(env);
    }
}
