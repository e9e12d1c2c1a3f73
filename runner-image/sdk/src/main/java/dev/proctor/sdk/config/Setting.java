package dev.proctor.sdk.config;

/**
 * One resolved configuration value and where it came from, so an error can say which input to fix.
 *
 * @param key    the key as written ({@code var.adminUser})
 * @param source e.g. {@code PROCTOR_VAR_ADMIN_USER} or {@code spec.environment.variables.adminUser}
 */
record Setting(String key, String value, String source) {}
