package dev.proctor.runner.spi;

import java.util.Map;

/**
 * A check that a suite library runs before the runner discovers any test, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.proctor.runner.spi.Preflight}).
 *
 * <p>Why it exists: a suite that cannot start — a required config key is missing, a base URL is malformed — is a
 * runner error (exit code 2, the reason in the shard summary), not a hundred identical test failures. The runner
 * cannot know a suite's configuration rules, and the suite SDK must not depend on the runner, so both depend on
 * this one JDK-only interface.
 */
public interface Preflight {

    /** Short name used in the runner's error message, e.g. "environment config". */
    String name();

    /**
     * @param env the runner's environment variables (the same map the runner itself was configured from)
     * @throws RuntimeException whose message says what is wrong and names the key to fix; it becomes the summary's
     *                          {@code error}
     */
    void check(Map<String, String> env);
}
