package dev.proctor.sdk.config;

import java.util.Locale;

/**
 * How configuration keys are compared; the env vars themselves are named in core's {@code RunnerContract}. Env var
 * names cannot say {@code adminUser}, so names compare without case, dashes, dots or underscores:
 * {@code PROCTOR_VAR_ADMIN_USER} sets the variable {@code adminUser}.
 */
final class Keys {
    private Keys() {}

    static String normalize(String name) {
        return name.replaceAll("[-_.\\s]", "").toLowerCase(Locale.ROOT);
    }
}
