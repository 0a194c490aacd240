package dev.mesh.core.config;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Locale;

/**
 * The Tailscale preferences mesh may set on a node, named as {@code tailscale up} / {@code tailscale
 * set} name them (facts.md, "Tailscale CLI"). Each is a setting {@code mesh.tailscale.<key>}, a
 * variable {@code MESH_TAILSCALE_<KEY>}, an inventory key {@code tailscale.<key>} and a flag
 * {@code --<key>}. Unset means: Tailscale's own default on a new node, and leave it as it is on a
 * joined one. {@link #RESET} is the exception: not a preference of the node, but whether the ones it
 * has and mesh does not set are kept (unset, false) or reset to Tailscale's defaults.
 */
public enum TailscalePreference {
    HOSTNAME("hostname", Type.LABEL, "the node's name in the tailnet (one DNS label)"),
    ADVERTISE_TAGS("advertise-tags", Type.TAGS, "ACL tags the node asks for, tag:NAME"),
    ADVERTISE_ROUTES("advertise-routes", Type.ROUTES, "subnet routes the node offers, CIDR prefixes"),
    ACCEPT_ROUTES("accept-routes", Type.BOOLEAN, "use the subnet routes other nodes advertise"),
    ACCEPT_DNS("accept-dns", Type.BOOLEAN, "use the tailnet's DNS settings"),
    SSH("ssh", Type.BOOLEAN, "run Tailscale SSH on the node"),
    ADVERTISE_EXIT_NODE("advertise-exit-node", Type.BOOLEAN, "offer the node as an exit node"),
    /** Not a preference of the node: what to do with the ones it has and mesh does not name ({@code up --reset}). */
    RESET("reset", Type.BOOLEAN, "reset the node's preferences mesh does not set to Tailscale's defaults (default: keep them)");

    /** How a preference's value is read and checked. */
    public enum Type { LABEL, TAGS, ROUTES, BOOLEAN }

    private final String key;
    private final Type type;
    private final String description;

    TailscalePreference(String key, Type type, String description) {
        this.key = key;
        this.type = type;
        this.description = description;
    }

    /** e.g. {@code accept-routes}. */
    public String key() {
        return key;
    }

    public Type type() {
        return type;
    }

    public String description() {
        return description;
    }

    /** e.g. {@code mesh.tailscale.accept-routes}. */
    public String settingPath() {
        return "mesh.tailscale." + key;
    }

    /** e.g. {@code MESH_TAILSCALE_ACCEPT_ROUTES}. */
    public String variable() {
        return "MESH_TAILSCALE_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Whether the value is a list ({@code advertise-tags}, {@code advertise-routes}). */
    public boolean isList() {
        return type == Type.TAGS || type == Type.ROUTES;
    }

    /**
     * Reads and checks the non-null value at {@code path}: a String, a Boolean or a List of String.
     *
     * @throws com.typesafe.config.ConfigException when the type is wrong
     * @throws IllegalArgumentException            when the value breaks Tailscale's rule
     */
    public Object read(Config config, String path) {
        return switch (type) {
            case LABEL -> SettingChecks.dnsLabel(config.getString(path));
            case TAGS -> List.copyOf(config.getStringList(path)).stream().map(SettingChecks::tailscaleTag).toList();
            case ROUTES -> SettingChecks.routes(List.copyOf(config.getStringList(path)));
            case BOOLEAN -> config.getBoolean(path);
        };
    }

    /** What {@link #read} expects, for messages. */
    public String expected() {
        return switch (type) {
            case LABEL -> "a DNS label";
            case TAGS -> "a list of tags (tag:NAME)";
            case ROUTES -> "a list of CIDR prefixes";
            case BOOLEAN -> "true or false";
        };
    }
}
