package dev.mesh.core.config;

import com.typesafe.config.Config;
import dev.mesh.api.PluginConfig;
import java.net.URI;
import java.nio.file.Path;
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
 * @param tailscale the Tailscale preferences wanted for every host ({@code mesh.tailscale}); the
 *                  inventory refines them per host
 * @param inventory the inventory file ({@code mesh.inventory}), when one is named; empty: the
 *                  default {@code mesh/hosts.conf} beside mesh.conf
 * @param plugins   the {@code mesh.plugins} subtree, one object per OS plugin id
 * @param effective every setting under {@code mesh} with its value and origin, for {@code mesh config}
 * @param apiKey    where the Headscale REST API key would come from, if anywhere (never the key)
 * @param warnings  things worth telling the user that did not stop loading (unknown settings or
 *                  environment variables); never contain secret values
 */
public record MeshSettings(Optional<URI> serverUrl, HeadscaleSettings headscale, SshConfigSettings ssh,
        Timeouts timeouts, TailscalePreferences tailscale, Optional<Path> inventory, Config plugins,
        List<EffectiveSetting> effective, Optional<Origin> apiKey, List<String> warnings) {
    public MeshSettings {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(headscale, "headscale");
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(tailscale, "tailscale");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(apiKey, "apiKey");
        effective = List.copyOf(effective);
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

    /** Where the setting {@code key} (e.g. {@code mesh.ssh.user}) came from; a default when unknown. */
    public Origin origin(String key) {
        return effective.stream().filter(s -> s.key().equals(key)).map(EffectiveSetting::origin).findFirst()
                .orElse(Origin.byDefault("not set"));
    }
}
