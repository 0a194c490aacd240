package dev.mesh.core.authkey;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares Tailscale addresses however they are written: {@code fd7a:115c:a1e0::9},
 * {@code FD7A:115C:A1E0:0:0:0:0:9}, {@code [fd7a:115c:a1e0::9]} and {@code fd7a:115c:a1e0::9%tailscale0}
 * are one address; so are {@code 100.64.0.7} and {@code ::ffff:100.64.0.7}. Only literals are parsed:
 * nothing here ever resolves a name.
 */
public final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    // hex digits, colons and an optional dotted IPv4 tail: what an IPv6 literal is made of
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {
    }

    /**
     * The canonical form of an IP address literal: dotted decimal for IPv4 (and IPv4-mapped IPv6),
     * eight lower-case hex groups without leading zeros for IPv6; empty for anything else.
     */
    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone > 0) {
            s = s.substring(0, zone);
        }
        var v4 = IPV4.matcher(s);
        if (v4.matches()) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i <= 4; i++) {
                int octet = Integer.parseInt(v4.group(i));
                if (octet > 255) {
                    return Optional.empty();
                }
                out.append(i > 1 ? "." : "").append(octet);
            }
            return Optional.of(out.toString());
        }
        if (s.indexOf(':') < 0 || !IPV6.matcher(s).matches() || s.charAt(0) == '.') {
            return Optional.empty();
        }
        try {
            // starting with a hex digit or ':' and holding a ':', it is parsed as an IPv6 literal or
            // refused ("invalid IPv6 address"), never looked up (java.net.InetAddress#getAllByName)
            return Optional.of(InetAddress.getByName(s).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code a} and {@code b} are the same address literal. */
    public static boolean same(String a, String b) {
        Optional<String> na = normalise(a);
        return na.isPresent() && na.equals(normalise(b));
    }
}
