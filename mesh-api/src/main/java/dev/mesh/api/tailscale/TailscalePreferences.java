package dev.mesh.api.tailscale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Tailscale preferences mesh may set on a node, each optional: unset means "Tailscale's own
 * default, or leave the node's value alone". The flags are the same for {@code tailscale up} and
 * {@code tailscale set} ({@link TailscaleArguments}). Values are checked as the CLI checks them
 * (cmd/tailscale/cli/up.go: {@code tailcfg.CheckTag}, {@code dnsname.ValidHostname}).
 *
 * <p>{@link #reset()} (SPI 2.1) is not a preference but what to do with the ones the node has and this
 * run does not name: false (the default) keeps them, true resets them to Tailscale's defaults, as
 * {@code tailscale up --reset} does.
 */
public final class TailscalePreferences {
    private static final Pattern HOSTNAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern TAG = Pattern.compile("tag:[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern ROUTE = Pattern.compile("[0-9A-Fa-f:.]+/[0-9]{1,3}");
    private static final TailscalePreferences NONE = builder().build();

    private final Optional<Boolean> acceptRoutes;
    private final Optional<Boolean> acceptDns;
    private final Optional<String> hostname;
    private final Optional<List<String>> advertiseTags;
    private final Optional<List<String>> advertiseRoutes;
    private final Optional<Boolean> ssh;
    private final Optional<Boolean> advertiseExitNode;
    private final boolean reset;

    private TailscalePreferences(Builder b) {
        this.acceptRoutes = b.acceptRoutes;
        this.acceptDns = b.acceptDns;
        this.hostname = b.hostname;
        this.advertiseTags = b.advertiseTags;
        this.advertiseRoutes = b.advertiseRoutes;
        this.ssh = b.ssh;
        this.advertiseExitNode = b.advertiseExitNode;
        this.reset = b.reset;
    }

    /** Nothing set: every preference as Tailscale has it. */
    public static TailscalePreferences tailscaleDefaults() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code --accept-routes}: use subnet routes other nodes advertise. */
    public Optional<Boolean> acceptRoutes() {
        return acceptRoutes;
    }

    /** {@code --accept-dns}: use the tailnet's DNS settings. */
    public Optional<Boolean> acceptDns() {
        return acceptDns;
    }

    /** {@code --hostname}: the node's name instead of the OS's. */
    public Optional<String> hostname() {
        return hostname;
    }

    /** {@code --advertise-tags}: ACL tags, each {@code tag:NAME}. */
    public Optional<List<String>> advertiseTags() {
        return advertiseTags;
    }

    /** {@code --advertise-routes}: subnets this node routes, as CIDR prefixes. */
    public Optional<List<String>> advertiseRoutes() {
        return advertiseRoutes;
    }

    /** {@code --ssh}: run Tailscale SSH. */
    public Optional<Boolean> ssh() {
        return ssh;
    }

    /** {@code --advertise-exit-node}: offer to route internet traffic. */
    public Optional<Boolean> advertiseExitNode() {
        return advertiseExitNode;
    }

    /** Whether preferences this run does not name go back to Tailscale's defaults ({@code --reset}); false keeps them. */
    public boolean reset() {
        return reset;
    }

    /**
     * The set preferences by flag name ({@code accept-routes} → {@code true}, lists comma-separated),
     * in the order of {@link NodePreferences#FLAGS}.
     */
    public Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        acceptRoutes.ifPresent(x -> v.put("accept-routes", String.valueOf(x)));
        acceptDns.ifPresent(x -> v.put("accept-dns", String.valueOf(x)));
        hostname.ifPresent(x -> v.put("hostname", x));
        advertiseTags.ifPresent(x -> v.put("advertise-tags", String.join(",", x)));
        advertiseRoutes.ifPresent(x -> v.put("advertise-routes", String.join(",", x)));
        ssh.ifPresent(x -> v.put("ssh", String.valueOf(x)));
        advertiseExitNode.ifPresent(x -> v.put("advertise-exit-node", String.valueOf(x)));
        return Collections.unmodifiableMap(v);
    }

    /** The set preferences as CLI flags, each {@code --name=value}, in a fixed order; empty when none is set. */
    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        values().forEach((name, value) -> flags.add(NodePreferences.flag(name, value)));
        return List.copyOf(flags);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TailscalePreferences p && p.flags().equals(flags()) && p.reset == reset;
    }

    @Override
    public int hashCode() {
        return flags().hashCode() + (reset ? 1 : 0);
    }

    @Override
    public String toString() {
        return "TailscalePreferences" + flags() + (reset ? " with reset" : "");
    }

    /** Collects preferences; each setter checks its value as the Tailscale CLI would. */
    public static final class Builder {
        private Optional<Boolean> acceptRoutes = Optional.empty();
        private Optional<Boolean> acceptDns = Optional.empty();
        private Optional<String> hostname = Optional.empty();
        private Optional<List<String>> advertiseTags = Optional.empty();
        private Optional<List<String>> advertiseRoutes = Optional.empty();
        private Optional<Boolean> ssh = Optional.empty();
        private Optional<Boolean> advertiseExitNode = Optional.empty();
        private boolean reset;

        private Builder() {
        }

        public Builder acceptRoutes(boolean value) {
            acceptRoutes = Optional.of(value);
            return this;
        }

        public Builder acceptDns(boolean value) {
            acceptDns = Optional.of(value);
            return this;
        }

        /** @throws IllegalArgumentException when {@code value} is not a DNS host name */
        public Builder hostname(String value) {
            hostname = Optional.of(check(value, HOSTNAME, "a host name (letters, digits, - and .)"));
            return this;
        }

        /** @throws IllegalArgumentException when a tag is not {@code tag:NAME} */
        public Builder advertiseTags(List<String> tags) {
            advertiseTags = Optional.of(tags.stream().map(t -> check(t, TAG, "tag:NAME")).toList());
            return this;
        }

        /** @throws IllegalArgumentException when a route is not a CIDR prefix such as {@code 10.0.0.0/8} */
        public Builder advertiseRoutes(List<String> routes) {
            advertiseRoutes = Optional.of(routes.stream().map(r -> check(r, ROUTE, "a CIDR prefix like 10.0.0.0/8")).toList());
            return this;
        }

        public Builder ssh(boolean value) {
            ssh = Optional.of(value);
            return this;
        }

        public Builder advertiseExitNode(boolean value) {
            advertiseExitNode = Optional.of(value);
            return this;
        }

        /** Preferences not named here go back to Tailscale's defaults ({@code tailscale up --reset}). Since SPI 2.1. */
        public Builder reset(boolean value) {
            reset = value;
            return this;
        }

        public TailscalePreferences build() {
            return new TailscalePreferences(this);
        }

        private static String check(String value, Pattern pattern, String what) {
            Objects.requireNonNull(value, "value");
            if (!pattern.matcher(value).matches()) {
                throw new IllegalArgumentException("not " + what + ": \"" + value + "\"");
            }
            return value;
        }
    }
}
