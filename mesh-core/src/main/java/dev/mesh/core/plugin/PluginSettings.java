package dev.mesh.core.plugin;

/** What {@code ProvisioningContext#settings(Class)} answers, for every context mesh-core gives a plugin. */
public final class PluginSettings {
    private PluginSettings() {
    }

    /**
     * {@code settings} (what the plugin's {@code validate} returned) as {@code type}.
     *
     * @throws IllegalStateException naming both types, when the plugin asks for another type than it returned
     */
    public static <T> T as(Object settings, Class<T> type) {
        if (!type.isInstance(settings)) {
            throw new IllegalStateException("the plugin asked for its settings as " + type.getName()
                    + ", but its validate returned " + (settings == null ? "null" : settings.getClass().getName()));
        }
        return type.cast(settings);
    }
}
