package dev.proctor.sdk.config;

/** The suite's configuration is missing a key or has a bad value; the message names the key and how to set it. */
public final class ConfigException extends IllegalStateException {
    public ConfigException(String message) {
        super(message);
    }
}
