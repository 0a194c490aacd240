package dev.mesh.core.config;

import com.typesafe.config.Config;
import dev.mesh.api.PluginConfig;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every mesh-core setting, read and checked at start-up by {@link MeshConfigLoader}.
 *
 * @param serverUrl the Headscale URL, if configured (http or https, with a host)
 * @param headscale the Headscale CLI and key settings
 * @param ssh       SSH connection settings
 * @param timeouts  remote step timeouts
 * @param plugins   the {@code mesh.plugins} subtree, one object per OS plugin id
 * @param warnings  things worth telling the user that did not stop loading (unknown settings or
 *                  environment variables); never contain secret values
 */
public record MeshSettings(Optional<URI> serverUrl, HeadscaleSettings headscale, SshConfigSettings ssh,
        Timeouts timeouts, Config plugins, List<String> warnings) {
    public MeshSettings {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(headscale, "headscale");
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(plugins, "plugins");
        warnings = List.copyOf(warnings);
    }

    /**
     * The Headscale URL, for the steps that need it.
     *
     * @throws MeshConfigException saying how to set it, when it is not configured
     */
    public URI requireServerUrl() {
        return serverUrl.orElseThrow(() -> new MeshConfigException(
                "no Headscale server URL: pass --server URL, set MESH_SERVER_URL, or set mesh.server-url in "
                        + MeshConfigLoader.defaultUserFile()));
    }

    /** The configuration of the OS plugin {@code id} ({@code mesh.plugins.<id>}), possibly empty. */
    public PluginConfig pluginConfig(String id) {
        return new TypesafePluginConfig(id, plugins);
    }
}
