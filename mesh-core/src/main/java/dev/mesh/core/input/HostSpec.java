package dev.mesh.core.input;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host as the operator typed it: {@code [user@]host}, where host is a DNS name, an ssh config alias,
 * an IPv4 address or a bracketed or bare IPv6 address. Validation happens here so that a bad
 * argument is rejected before any connection is opened.
 *
 * @param user the login user, when given
 * @param host the host name, alias or address (without brackets)
 */
public record HostSpec(Optional<String> user, String host) {
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._\\\\-]*\\$?");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");

    /**
     * Parses {@code [user@]host}.
     *
     * @throws InvalidInputException naming what is wrong
     */
    public static HostSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("Host is empty: give it as HOST or USER@HOST.");
        }
        String s = text.strip();
        Optional<String> user = Optional.empty();
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            String u = s.substring(0, at);
            if (!USER.matcher(u).matches()) {
                throw new InvalidInputException("Invalid user name '" + u + "' in '" + text + "'.");
            }
            user = Optional.of(u);
            s = s.substring(at + 1);
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
            if (!isIpv6(s)) {
                throw new InvalidInputException("Invalid IPv6 address '" + s + "' in '" + text + "'.");
            }
            return new HostSpec(user, s);
        }
        if (s.contains(":")) {
            if (isIpv6(s)) {
                return new HostSpec(user, s);
            }
            throw new InvalidInputException("Invalid host '" + s + "': give the port with --port, not HOST:PORT.");
        }
        if (IPV4.matcher(s).matches()) {
            for (String octet : s.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new InvalidInputException("Invalid IPv4 address '" + s + "'.");
                }
            }
            return new HostSpec(user, s);
        }
        if (!isHostName(s)) {
            throw new InvalidInputException("Invalid host name '" + s + "': use letters, digits, '-', '_' and dots.");
        }
        return new HostSpec(user, s);
    }

    /** Checks a port number given on the command line or in configuration. */
    public static int checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("Invalid port " + port + ": must be between 1 and 65535.");
        }
        return port;
    }

    private static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        for (String label : name.split("\\.", -1)) {
            if (label.length() > 63 || !LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String s) {
        if (!IPV6.matcher(s).matches() || s.indexOf(':') < 0) {
            return false;
        }
        try {
            String bare = s.contains("%") ? s.substring(0, s.indexOf('%')) : s;
            return java.net.InetAddress.getByName(bare) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
