package dev.mesh.core.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Tailscale preferences wanted for one node (or globally, {@code mesh.tailscale}). An empty field
 * is unset: Tailscale's own default on a new node, left as it is on a joined one.
 *
 * @param hostname          {@code --hostname}: one DNS label
 * @param advertiseTags     {@code --advertise-tags}: tags {@code tag:NAME}; an empty list asks for none
 * @param advertiseRoutes   {@code --advertise-routes}: masked CIDR prefixes; an empty list offers none
 * @param acceptRoutes      {@code --accept-routes}
 * @param acceptDns         {@code --accept-dns}
 * @param ssh               {@code --ssh}
 * @param advertiseExitNode {@code --advertise-exit-node}
 * @param reset             {@code --reset}: drop the node's preferences this run does not set (unset: keep them)
 */
public record TailscalePreferences(Optional<String> hostname, Optional<List<String>> advertiseTags,
        Optional<List<String>> advertiseRoutes, Optional<Boolean> acceptRoutes, Optional<Boolean> acceptDns,
        Optional<Boolean> ssh, Optional<Boolean> advertiseExitNode, Optional<Boolean> reset) {

    /** Every preference unset. */
    public static final TailscalePreferences UNSET = of(Map.of());

    /** From checked values keyed by preference (as {@link TailscalePreference#read} returns them). */
    @SuppressWarnings("unchecked")
    public static TailscalePreferences of(Map<TailscalePreference, Object> values) {
        Map<TailscalePreference, Object> v = values.isEmpty() ? Map.of() : new EnumMap<>(values);
        return new TailscalePreferences(
                Optional.ofNullable((String) v.get(TailscalePreference.HOSTNAME)),
                Optional.ofNullable((List<String>) v.get(TailscalePreference.ADVERTISE_TAGS)).map(List::copyOf),
                Optional.ofNullable((List<String>) v.get(TailscalePreference.ADVERTISE_ROUTES)).map(List::copyOf),
                Optional.ofNullable((Boolean) v.get(TailscalePreference.ACCEPT_ROUTES)),
                Optional.ofNullable((Boolean) v.get(TailscalePreference.ACCEPT_DNS)),
                Optional.ofNullable((Boolean) v.get(TailscalePreference.SSH)),
                Optional.ofNullable((Boolean) v.get(TailscalePreference.ADVERTISE_EXIT_NODE)),
                Optional.ofNullable((Boolean) v.get(TailscalePreference.RESET)));
    }

    /** The value of one preference, if set. */
    public Optional<Object> get(TailscalePreference preference) {
        return Optional.ofNullable(asMap().get(preference));
    }

    /** The set preferences, in declaration order. */
    public Map<TailscalePreference, Object> asMap() {
        Map<TailscalePreference, Object> m = new EnumMap<>(TailscalePreference.class);
        hostname.ifPresent(x -> m.put(TailscalePreference.HOSTNAME, x));
        advertiseTags.ifPresent(x -> m.put(TailscalePreference.ADVERTISE_TAGS, x));
        advertiseRoutes.ifPresent(x -> m.put(TailscalePreference.ADVERTISE_ROUTES, x));
        acceptRoutes.ifPresent(x -> m.put(TailscalePreference.ACCEPT_ROUTES, x));
        acceptDns.ifPresent(x -> m.put(TailscalePreference.ACCEPT_DNS, x));
        ssh.ifPresent(x -> m.put(TailscalePreference.SSH, x));
        advertiseExitNode.ifPresent(x -> m.put(TailscalePreference.ADVERTISE_EXIT_NODE, x));
        reset.ifPresent(x -> m.put(TailscalePreference.RESET, x));
        return Collections.unmodifiableMap(m);
    }
}
