package dev.proctor.sdk.config;

import java.util.Locale;

/**
 * How configuration keys are written and compared. Env var names cannot say {@code adminUser}, so names compare
 * without case, dashes, dots or underscores: {@code PROCTOR_VAR_ADMIN_USER} sets the variable {@code adminUser}.
 */
final class Keys {
    static final String ENV_NAME = "PROCTOR_ENV_NAME";
    static final String REGION = "PROCTOR_REGION";
    static final String BASE_URL = "PROCTOR_BASE_URL";
    static final String FLAG_PREFIX = "PROCTOR_FLAG_";
    static final String VAR_PREFIX = "PROCTOR_VAR_";
    static final String API_PREFIX = "PROCTOR_API_";
    static final String PLAN_FILE = "PROCTOR_PLAN_FILE";
    static final String DEFAULT_PLAN_FILE = "/etc/proctor/plan/plan.json";

    private Keys() {}

    static String normalize(String name) {
        return name.replaceAll("[-_.\\s]", "").toLowerCase(Locale.ROOT);
    }
}
