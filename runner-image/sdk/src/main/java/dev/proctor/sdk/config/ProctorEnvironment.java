package dev.proctor.sdk.config;

import dev.proctor.core.plan.RunPlan;
import dev.proctor.core.plan.RunPlanCodec;
import dev.proctor.core.plan.RunnerContract;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a suite tests: its name, region, base URL and API endpoints, feature flags and variables.
 *
 * <p>Values come in layers, each overriding the one before: the suite's {@link SuiteDefaults} (with the overrides
 * for the chosen region applied), the run's {@code spec.environment} from the plan, then {@code PROCTOR_*} env
 * vars ({@code PROCTOR_ENV_NAME}, {@code PROCTOR_REGION}, {@code PROCTOR_BASE_URL}, {@code PROCTOR_FLAG_<NAME>},
 * {@code PROCTOR_VAR_<NAME>}, {@code PROCTOR_API_<NAME>}). Everything is validated when it is loaded, and every
 * problem is reported at once, naming the key and where it can be set — a suite learns at start that it cannot run,
 * not from its fortieth failing test.
 */
public final class ProctorEnvironment {
    private static volatile ProctorEnvironment current;

    private final Map<String, Setting> settings;
    private final Map<String, String> env;
    private final URI baseUrl;

    ProctorEnvironment(Map<String, Setting> settings, Map<String, String> env, URI baseUrl) {
        this.settings = Map.copyOf(settings);
        this.env = Map.copyOf(env);
        this.baseUrl = baseUrl;
    }

    /** The environment of this JVM (env vars, the mounted plan, the suite's defaults), loaded once. */
    public static ProctorEnvironment current() {
        ProctorEnvironment loaded = current;
        if (loaded == null) {
            synchronized (ProctorEnvironment.class) {
                if (current == null) current = fromProcess(System.getenv());
                loaded = current;
            }
        }
        return loaded;
    }

    /** @throws ConfigException naming every missing or bad key */
    public static ProctorEnvironment fromProcess(Map<String, String> env) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(env, planEnvironment(env), SuiteDefaults.fromClasspath(loader));
    }

    /** @throws ConfigException naming every missing or bad key */
    public static ProctorEnvironment load(Map<String, String> env, RunPlan.Environment plan, SuiteDefaults defaults) {
        String region = firstPresent(env.get(RunnerContract.REGION), plan == null ? null : plan.region(),
                defaults.forRegion(null).get("region"));
        Map<String, Setting> settings = new LinkedHashMap<>();
        defaults.forRegion(region).forEach((key, value) -> put(settings, key, value, SuiteDefaults.RESOURCE));
        if (plan != null) {
            put(settings, "name", plan.name(), "spec.environment.name");
            put(settings, "region", plan.region(), "spec.environment.region");
            put(settings, "baseUrl", plan.baseUrl(), "spec.environment.baseUrl");
            plan.flags().forEach((k, v) -> put(settings, "flag." + k, String.valueOf(v), "spec.environment.flags." + k));
            plan.variables().forEach((k, v) -> put(settings, "var." + k, v, "spec.environment.variables." + k));
        }
        put(settings, "name", env.get(RunnerContract.ENV_NAME), RunnerContract.ENV_NAME);
        put(settings, "region", env.get(RunnerContract.REGION), RunnerContract.REGION);
        put(settings, "baseUrl", env.get(RunnerContract.BASE_URL), RunnerContract.BASE_URL);
        env.forEach((name, value) -> {
            putPrefixed(settings, "flag.", RunnerContract.FLAG_PREFIX, name, value);
            putPrefixed(settings, "var.", RunnerContract.VAR_PREFIX, name, value);
            putPrefixed(settings, "api.", RunnerContract.API_PREFIX, name, value);
        });
        return new EnvironmentValidator(settings, defaults).validate(env);
    }

    public String name() {
        return value("name").orElse("local");
    }

    public Optional<String> region() {
        return value("region");
    }

    /** @throws ConfigException when the suite did not configure a base URL */
    public URI baseUrl() {
        if (baseUrl == null) throw new ConfigException(missing("baseUrl"));
        return baseUrl;
    }

    /** An absolute URL for a path on the base URL, e.g. {@code url("/catalog?q=phone")}. */
    public String url(String path) {
        String base = baseUrl().toString();
        if (base.endsWith("/") && path.startsWith("/")) return base + path.substring(1);
        if (!base.endsWith("/") && !path.startsWith("/")) return base + "/" + path;
        return base + path;
    }

    /** A named API endpoint ({@code api.<name>}), resolved against the base URL when it is relative. */
    public URI api(String name) {
        String value = value("api." + name).orElseThrow(() -> new ConfigException(missing("api." + name)));
        URI uri = URI.create(value);
        return uri.isAbsolute() ? uri : URI.create(url(value));
    }

    public boolean flag(String name) {
        return value("flag." + name).map(Boolean::parseBoolean).orElse(false);
    }

    /** @throws ConfigException naming the key when the variable is not set */
    public String variable(String name) {
        return value("var." + name).orElseThrow(() -> new ConfigException(missing("var." + name)));
    }

    public String variable(String name, String fallback) {
        return value("var." + name).orElse(fallback);
    }

    /**
     * A secret, read from the env var the operator filled from a Kubernetes Secret. The runner masks its value in
     * everything it writes when the run declares it secret.
     */
    public String secret(String envName) {
        String value = env.get(envName);
        if (value == null || value.isEmpty()) {
            throw new ConfigException("missing secret env var " + envName + " (map it from a Secret in the run's "
                    + "spec.environment.secrets)");
        }
        return value;
    }

    private Optional<String> value(String key) {
        Setting setting = settings.get(normalizedKey(key));
        return setting == null || setting.value().isBlank() ? Optional.empty() : Optional.of(setting.value());
    }

    static String missing(String key) {
        return "missing required config key " + key + " (" + EnvironmentValidator.whereToSet(key) + ")";
    }

    static String normalizedKey(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? Keys.normalize(key) : key.substring(0, dot + 1) + Keys.normalize(key.substring(dot + 1));
    }

    /** {@code PROCTOR_VAR_ADMIN_USER=x} sets {@code var.ADMIN_USER}; names compare loosely ({@link Keys}). */
    private static void putPrefixed(Map<String, Setting> settings, String kind, String prefix, String name, String value) {
        if (name.startsWith(prefix)) put(settings, kind + name.substring(prefix.length()), value, name);
    }

    private static void put(Map<String, Setting> settings, String key, String value, String source) {
        if (value == null) return;
        settings.put(normalizedKey(key), new Setting(key, value, source));
    }

    private static String firstPresent(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) return value;
        }
        return null;
    }

    private static RunPlan.Environment planEnvironment(Map<String, String> env) {
        Path file = Path.of(env.getOrDefault(RunnerContract.PLAN_FILE, RunnerContract.DEFAULT_PLAN_FILE));
        if (!Files.isRegularFile(file)) return null;
        try {
            return RunPlanCodec.decode(Files.readString(file, StandardCharsets.UTF_8)).environment();
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read the environment from the plan " + file + ": " + e.getMessage());
        }
    }

    static URI parseBaseUrl(String value) throws URISyntaxException {
        URI uri = new URI(value);
        if (!uri.isAbsolute() || uri.getHost() == null
                || !List.of("http", "https").contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))) {
            throw new URISyntaxException(value, "not an absolute http(s) URL");
        }
        return uri;
    }

    @Override
    public String toString() {
        List<String> keys = new ArrayList<>();
        settings.values().forEach(s -> keys.add(s.key()));
        return "ProctorEnvironment[" + name() + ", region " + region().orElse("-") + ", keys " + keys + "]";
    }
}
