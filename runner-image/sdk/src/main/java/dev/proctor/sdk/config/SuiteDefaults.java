package dev.proctor.sdk.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a suite declares about its own configuration, in {@code proctor-suite.properties} at the root of its
 * classpath: which keys it requires, which regions it knows, and default values with per-region overrides.
 *
 * <pre>
 * required = baseUrl, var.username
 * regions = us, eu, apac
 * var.currency = USD
 * region.eu.var.currency = EUR        # applies when the region is eu
 * api.catalog = /api/catalog          # relative to baseUrl
 * flag.checkout = false
 * </pre>
 *
 * Keys are {@code name}, {@code region}, {@code baseUrl}, {@code var.X}, {@code flag.X}, {@code api.X}.
 */
public record SuiteDefaults(List<String> required, List<String> regions, Map<String, String> values) {
    public static final String RESOURCE = "proctor-suite.properties";

    public SuiteDefaults {
        required = List.copyOf(required);
        regions = List.copyOf(regions);
        values = Map.copyOf(values);
    }

    public static SuiteDefaults none() {
        return new SuiteDefaults(List.of(), List.of(), Map.of());
    }

    /** @throws ConfigException when the file exists but cannot be read */
    public static SuiteDefaults fromClasspath(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) return none();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> values = new LinkedHashMap<>();
            properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
            List<String> required = list(values.remove("required"));
            List<String> regions = list(values.remove("regions"));
            return new SuiteDefaults(required, regions, values);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + RESOURCE + ": " + e.getMessage());
        }
    }

    /** Values for a region: the plain defaults, overlaid with {@code region.<region>.*}. */
    Map<String, String> forRegion(String region) {
        Map<String, String> resolved = new LinkedHashMap<>();
        String prefix = region == null ? null : "region." + region + ".";
        values.forEach((key, value) -> {
            if (!key.startsWith("region.")) resolved.put(key, value);
        });
        if (prefix != null) {
            values.forEach((key, value) -> {
                if (key.startsWith(prefix)) resolved.put(key.substring(prefix.length()), value);
            });
        }
        return resolved;
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) return List.of();
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
