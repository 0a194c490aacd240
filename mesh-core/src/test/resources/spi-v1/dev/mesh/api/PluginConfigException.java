package dev.mesh.api;

/** A plugin configuration value is missing or invalid; the message names the key and its origin. */
public class PluginConfigException extends RuntimeException {
    public PluginConfigException(String message) {
        super(message);
    }
}
