package dev.mesh.core.inventory;

import dev.mesh.core.config.Sourced;
import dev.mesh.core.config.TailscalePreference;
import dev.mesh.core.config.TailscalePreferences;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A host's effective values, each with where it came from ({@link HostResolver}).
 *
 * @param name          the inventory name, or the HOST argument for a host not in the inventory
 * @param address       what SSH connects to
 * @param port          the SSH port; empty when neither a flag nor the inventory sets it (then
 *                      {@code ~/.ssh/config}, {@code mesh.ssh.port}, 22 decide)
 * @param user          the login user; empty as for the port (then {@code ~/.ssh/config},
 *                      {@code mesh.ssh.user}, the local user)
 * @param identity      the private key tried first, if any
 * @param tags          the host's tags
 * @param skipSyncthing whether Syncthing is left out
 * @param tailscale     every Tailscale preference; an empty value is unset
 */
public record ResolvedHost(String name, Sourced<String> address, Sourced<Integer> port, Sourced<String> user,
        Sourced<Path> identity, Sourced<List<String>> tags, Sourced<Boolean> skipSyncthing,
        Map<TailscalePreference, Sourced<Object>> tailscale) {
    public ResolvedHost {
        tailscale = Collections.unmodifiableMap(new EnumMap<>(tailscale));
    }

    /** The wanted preferences as one value, for provisioning. */
    public TailscalePreferences preferences() {
        Map<TailscalePreference, Object> values = new EnumMap<>(TailscalePreference.class);
        tailscale.forEach((p, v) -> v.value().ifPresent(x -> values.put(p, x)));
        return TailscalePreferences.of(values);
    }

    /** The same host with the SSH port and user as the SSH layer finally decided them. */
    public ResolvedHost withLogin(Sourced<Integer> finalPort, Sourced<String> finalUser) {
        return new ResolvedHost(name, address, finalPort, finalUser, identity, tags, skipSyncthing, tailscale);
    }
}
