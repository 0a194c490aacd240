package dev.mesh.core.plugin;

/**
 * A plugin that could not be used; the others keep working.
 *
 * @param location the jar it came from, or {@code unknown}
 * @param message  what went wrong
 */
public record PluginProblem(String location, String message) {
}
