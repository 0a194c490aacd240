package dev.mesh.core.plugin;

/** Plugins cannot be loaded at all, e.g. two plugins claim the same id. */
public class PluginLoadException extends RuntimeException {
    public PluginLoadException(String message) {
        super(message);
    }
}
