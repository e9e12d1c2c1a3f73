package dev.proctor.sdk.config;

import dev.proctor.core.plan.RunnerContract;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rules a loaded environment must pass; collects every problem so one start reports them all. */
final class EnvironmentValidator {
    private final Map<String, Setting> settings;
    private final SuiteDefaults defaults;

    EnvironmentValidator(Map<String, Setting> settings, SuiteDefaults defaults) {
        this.settings = settings;
        this.defaults = defaults;
    }

    ProctorEnvironment validate(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        for (String key : defaults.required()) {
            Setting setting = settings.get(ProctorEnvironment.normalizedKey(key));
            if (setting == null || setting.value().isBlank()) problems.add(ProctorEnvironment.missing(key));
        }
        Setting region = settings.get("region");
        if (region != null && !defaults.regions().isEmpty() && !defaults.regions().contains(region.value())) {
            problems.add("region '" + region.value() + "' is not one of " + defaults.regions() + " (from "
                    + region.source() + ")");
        }
        URI baseUrl = null;
        Setting base = settings.get("baseurl");
        if (base != null && !base.value().isBlank()) {
            try {
                baseUrl = ProctorEnvironment.parseBaseUrl(base.value());
            } catch (URISyntaxException | IllegalArgumentException e) {
                problems.add("baseUrl '" + base.value() + "' is not an absolute http(s) URL (from " + base.source() + ")");
            }
        }
        for (Setting setting : settings.values()) {
            String lower = setting.value().toLowerCase(Locale.ROOT);
            if (setting.key().startsWith("flag.") && !lower.equals("true") && !lower.equals("false")) {
                problems.add(setting.key() + " must be true or false, was '" + setting.value() + "' (from "
                        + setting.source() + ")");
            }
            // A missing required baseUrl is already reported; saying so again per relative endpoint is noise.
            if (setting.key().startsWith("api.") && !URI.create(setting.value().replace(" ", "%20")).isAbsolute()
                    && base == null && !defaults.required().contains("baseUrl")) {
                problems.add(setting.key() + " is relative but there is no baseUrl (from " + setting.source() + ")");
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(String.join("; ", problems));
        return new ProctorEnvironment(settings, env, baseUrl);
    }

    /** Where a user sets a key, for the message that says it is missing. */
    static String whereToSet(String key) {
        int dot = key.indexOf('.');
        String kind = dot < 0 ? key : key.substring(0, dot);
        String name = dot < 0 ? "" : key.substring(dot + 1);
        String envName = name.replaceAll("([a-z])([A-Z])", "$1_$2").replaceAll("[-.]", "_").toUpperCase(Locale.ROOT);
        return switch (kind) {
            case "baseUrl" -> "set spec.environment.baseUrl or " + RunnerContract.BASE_URL;
            case "region" -> "set spec.environment.region or " + RunnerContract.REGION;
            case "name" -> "set spec.environment.name or " + RunnerContract.ENV_NAME;
            case "var" -> "set spec.environment.variables." + name + " or " + RunnerContract.VAR_PREFIX + envName;
            case "flag" -> "set spec.environment.flags." + name + " or " + RunnerContract.FLAG_PREFIX + envName;
            case "api" -> "set " + RunnerContract.API_PREFIX + envName + " or api." + name + " in " + SuiteDefaults.RESOURCE;
            default -> "unknown key kind '" + kind + "'";
        };
    }
}
