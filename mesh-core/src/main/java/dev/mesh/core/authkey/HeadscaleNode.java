package dev.mesh.core.authkey;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A node (a machine) as Headscale lists it, from the CLI's {@code nodes list -o json} or the REST
 * API's {@code GET /api/v1/node} ({@code /api/v1/machine} on 0.22).
 *
 * @param id          Headscale's node id, as digits
 * @param name        the host name the node reported
 * @param givenName   the DNS-safe name Headscale gave it (may carry a suffix after a collision)
 * @param user        the owning user's name, empty when not given
 * @param ipAddresses its Tailscale addresses, IPv4 and IPv6, as Headscale wrote them
 * @param online      whether it is connected now (a missing field reads as false)
 * @param lastSeen    when Headscale last heard from it, if known
 * @param expiry      when its node key expires; a past expiry means it must log in again. Empty: never
 *                    (Go's zero time) or not given
 */
public record HeadscaleNode(String id, String name, String givenName, String user, List<String> ipAddresses,
        boolean online, Optional<Instant> lastSeen, Optional<Instant> expiry) {
    public HeadscaleNode {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        givenName = Objects.requireNonNullElse(givenName, "");
        user = Objects.requireNonNullElse(user, "");
        ipAddresses = List.copyOf(ipAddresses);
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(expiry, "expiry");
    }

    /** A node whose expiry is not known. */
    public HeadscaleNode(String id, String name, String givenName, String user, List<String> ipAddresses,
            boolean online, Optional<Instant> lastSeen) {
        this(id, name, givenName, user, ipAddresses, online, lastSeen, Optional.empty());
    }

    /**
     * Whether {@code ip} is one of the node's Tailscale addresses, IPv4 or IPv6, however either is
     * written ({@link IpAddresses}).
     */
    public boolean hasAddress(String ip) {
        return ip != null && ipAddresses.stream().anyMatch(own -> IpAddresses.same(own, ip));
    }

    /** Whether any of {@code ips} (a host's {@code TailscaleIPs}) is one of the node's addresses. */
    public boolean hasAnyAddress(Collection<String> ips) {
        return ips.stream().anyMatch(this::hasAddress);
    }

    /** Whether the node's key has expired at {@code now}: it must log in again before it is on the mesh. */
    public boolean isExpired(Instant now) {
        return expiry.map(e -> !e.isAfter(now)).orElse(false);
    }

    /**
     * Whether the node carries {@code hostName}: its name or given name equals the host name's first
     * label, ignoring case ({@code Web1.lan} matches a node named {@code web1}).
     */
    public boolean isNamed(String hostName) {
        String wanted = firstLabel(hostName);
        return !wanted.isEmpty() && (wanted.equals(firstLabel(name)) || wanted.equals(firstLabel(givenName)));
    }

    /** The first IPv4 address, else the first address, else empty. */
    public String ipv4() {
        return ipAddresses.stream().filter(ip -> ip.indexOf(':') < 0).findFirst()
                .orElse(ipAddresses.isEmpty() ? "" : ipAddresses.get(0));
    }

    /** {@code givenName (name)} or just one of them, for messages. */
    public String display() {
        if (givenName.isEmpty() || givenName.equals(name)) {
            return name.isEmpty() ? "node " + id : name;
        }
        return name.isEmpty() ? givenName : givenName + " (" + name + ")";
    }

    private static String firstLabel(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        int dot = s.indexOf('.');
        return dot < 0 ? s : s.substring(0, dot);
    }
}
