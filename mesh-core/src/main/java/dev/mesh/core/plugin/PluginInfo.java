package dev.mesh.core.plugin;

/**
 * One plugin implementation that was found.
 *
 * @param id        the plugin's id
 * @param kind      {@code detector} or {@code provisioner}
 * @param version   the jar's Implementation-Version, or {@code unknown}
 * @param location  the jar (or directory) the class came from
 * @param className the implementation class
 */
public record PluginInfo(String id, String kind, String version, String location, String className) {
}
