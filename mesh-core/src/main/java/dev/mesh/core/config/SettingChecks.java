package dev.mesh.core.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The value rules shared by settings, inventory entries and flags. Each method returns the value
 * (normalised where that is useful) or throws {@link IllegalArgumentException} whose message says
 * what is wrong without repeating the value; the caller adds where it came from.
 */
public final class SettingChecks {
    /**
     * The longest pre-auth key lifetime Headscale accepts. Every Headscale CLI from 0.22 to 0.29 reads
     * {@code --expiration} with Prometheus' {@code model.ParseDuration} into a Go {@code time.Duration}
     * (int64 nanoseconds): anything longer is "duration out of range". Typesafe Config saturates at the
     * same int64, so a value that reaches it was clamped and is refused too.
     */
    public static final Duration MAX_KEY_EXPIRATION = Duration.ofNanos(Long.MAX_VALUE);

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern BITS = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    private SettingChecks() {
    }

    /** A TCP port, 1 to 65535. */
    public static int port(long port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port number (1-65535)");
        }
        return (int) port;
    }

    /**
     * An SSH login name, by OpenSSH's own rule ({@code valid_ruser} in misc.c): not empty, not starting
     * with '-', no control characters, none of {@code '`";&<>|(){}}, no '-' after whitespace, no
     * trailing backslash. {@code DOMAIN\\user} and {@code user@domain} pass, as they do for ssh.
     */
    public static String sshUser(String user) {
        boolean ok = !user.isEmpty() && user.charAt(0) != '-' && !user.endsWith("\\");
        for (int i = 0; ok && i < user.length(); i++) {
            char c = user.charAt(i);
            boolean dashAfterSpace = Character.isWhitespace(c) && i + 1 < user.length() && user.charAt(i + 1) == '-';
            ok = !Character.isISOControl(c) && "'`\";&<>|(){}".indexOf(c) < 0 && !dashAfterSpace;
        }
        if (!ok) {
            throw new IllegalArgumentException("not a user name (OpenSSH refuses control characters, a leading '-', "
                    + "any of '`\";&<>|(){} and a trailing backslash)");
        }
        return user;
    }

    /** A Tailscale ACL tag, by Tailscale's {@code tailcfg.CheckTag}: {@code tag:} then a letter, letters, digits, '-'. */
    public static String tailscaleTag(String tag) {
        if (!tag.startsWith("tag:") || !TAG_NAME.matcher(tag.substring(4)).matches()) {
            throw new IllegalArgumentException("not a Tailscale tag (tag:NAME, NAME a letter then letters, digits or '-')");
        }
        return tag;
    }

    /**
     * A node's Tailscale host name: one DNS label (Tailscale's {@code dnsname.ValidLabel}: 1 to 63
     * letters, digits and '-', starting and ending with a letter or digit).
     */
    public static String dnsLabel(String name) {
        if (!DNS_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("not a DNS label (1-63 letters, digits and '-', not starting or ending "
                    + "with '-')");
        }
        return name;
    }

    /**
     * Routes for {@code --advertise-routes}, by Tailscale's {@code netutil.CalcAdvertiseRoutes}: each a
     * CIDR prefix with no bits set past its length; {@code 0.0.0.0/0} and {@code ::/0} only together.
     *
     * @return the routes as given
     */
    public static List<String> routes(List<String> routes) {
        routes.forEach(SettingChecks::prefix);
        boolean default4 = routes.stream().anyMatch(r -> r.endsWith("/0") && !r.contains(":"));
        boolean default6 = routes.stream().anyMatch(r -> r.endsWith("/0") && r.contains(":"));
        if (default4 != default6) {
            throw new IllegalArgumentException("0.0.0.0/0 and ::/0 go together (an exit node advertises both)");
        }
        return List.copyOf(routes);
    }

    /** A masked CIDR prefix such as {@code 192.168.10.0/24} or {@code fd00::/64}; returned as given. */
    public static String prefix(String text) {
        int slash = text.indexOf('/');
        String problem = "not a CIDR prefix (ADDRESS/BITS, e.g. 192.168.10.0/24)";
        if (slash < 0 || !BITS.matcher(text.substring(slash + 1)).matches()) {
            throw new IllegalArgumentException(problem);
        }
        byte[] address = ipLiteral(text.substring(0, slash), problem);
        int bits = Integer.parseInt(text.substring(slash + 1));
        if (bits > address.length * 8) {
            throw new IllegalArgumentException(problem + ": at most /" + address.length * 8);
        }
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        if (!java.util.Arrays.equals(address, masked)) {
            throw new IllegalArgumentException("has bits set past the prefix length; the prefix is "
                    + literal(masked) + "/" + bits);
        }
        return text;
    }

    /**
     * A pre-auth key lifetime: at least one second (Headscale's CLI takes whole seconds) and below
     * {@link #MAX_KEY_EXPIRATION}.
     */
    public static Duration keyExpiration(Duration expiration) {
        if (expiration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("must be at least 1s");
        }
        if (expiration.compareTo(MAX_KEY_EXPIRATION) >= 0) {
            throw new IllegalArgumentException("longer than Headscale accepts (its --expiration is a Go duration: "
                    + "at most 2562047h47m16s, about 292 years)");
        }
        return expiration;
    }

    /** The bytes of an IPv4 or IPv6 literal; never a DNS lookup (the text is checked first). */
    private static byte[] ipLiteral(String text, String problem) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !IPV6.matcher(text).matches()
                || v4 && java.util.Arrays.stream(text.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            throw new IllegalArgumentException(problem); // checked here: getByName would look a non-literal up in DNS
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            if (v4 ? !(address instanceof Inet4Address) : !(address instanceof Inet6Address)) {
                throw new IllegalArgumentException(problem + " (write an IPv4-mapped address in IPv4 form)");
            }
            return address.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static String literal(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes, so never
        }
    }
}
