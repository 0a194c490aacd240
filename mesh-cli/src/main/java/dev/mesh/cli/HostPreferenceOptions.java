package dev.mesh.cli;

import dev.mesh.core.config.SettingChecks;
import dev.mesh.core.config.TailscalePreference;
import dev.mesh.core.input.InvalidInputException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The Tailscale preference flags, named and written as {@code tailscale up} takes them
 * ({@code --accept-dns=false}, {@code --advertise-tags=tag:a,tag:b}). A flag not given leaves the
 * preference to the layers below it.
 */
final class HostPreferenceOptions {
    @Option(names = "--hostname", paramLabel = "NAME", description = "Tailscale host name of the node (one DNS label).")
    String hostname;

    @Option(names = "--advertise-tags", paramLabel = "TAG", split = ",",
            description = "ACL tags the node asks for, tag:NAME, comma-separated.")
    List<String> advertiseTags;

    @Option(names = "--advertise-routes", paramLabel = "PREFIX", split = ",",
            description = "Subnet routes the node offers, CIDR prefixes, comma-separated.")
    List<String> advertiseRoutes;

    @Option(names = "--accept-routes", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Use routes other nodes advertise (--accept-routes=false to refuse them).")
    Boolean acceptRoutes;

    @Option(names = "--accept-dns", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Use the tailnet's DNS settings.")
    Boolean acceptDns;

    @Option(names = "--ssh", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Run Tailscale SSH on the node.")
    Boolean ssh;

    @Option(names = "--advertise-exit-node", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Offer the node as an exit node.")
    Boolean advertiseExitNode;

    @Option(names = "--reset", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Reset the node's Tailscale preferences that are not set here to Tailscale's defaults"
                + " (tailscale up --reset); without it they are kept and named.")
    Boolean reset;

    /**
     * The preferences given, checked by Tailscale's rules.
     *
     * @throws InvalidInputException naming the flag and what is wrong
     */
    Map<TailscalePreference, Object> given() {
        Map<TailscalePreference, Object> v = new EnumMap<>(TailscalePreference.class);
        put(v, TailscalePreference.HOSTNAME, hostname, SettingChecks::dnsLabel);
        put(v, TailscalePreference.ADVERTISE_TAGS, advertiseTags,
                tags -> tags.stream().map(SettingChecks::tailscaleTag).toList());
        put(v, TailscalePreference.ADVERTISE_ROUTES, advertiseRoutes, SettingChecks::routes);
        put(v, TailscalePreference.ACCEPT_ROUTES, acceptRoutes, b -> b);
        put(v, TailscalePreference.ACCEPT_DNS, acceptDns, b -> b);
        put(v, TailscalePreference.SSH, ssh, b -> b);
        put(v, TailscalePreference.ADVERTISE_EXIT_NODE, advertiseExitNode, b -> b);
        put(v, TailscalePreference.RESET, reset, b -> b);
        return v;
    }

    private static <T> void put(Map<TailscalePreference, Object> values, TailscalePreference p, T value,
            Function<T, Object> check) {
        if (value == null) {
            return;
        }
        try {
            values.put(p, check.apply(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--" + p.key() + " " + (value instanceof List<?> l
                    ? String.join(",", l.stream().map(String::valueOf).toList()) : value) + ": " + e.getMessage());
        }
    }
}
