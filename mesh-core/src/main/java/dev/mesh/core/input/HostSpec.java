package dev.mesh.core.input;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host as the operator typed it, in the forms {@code ssh} accepts for its destination:
 * {@code [user@]host} (the user is everything before the LAST {@code @}, so
 * {@code user@corp.example@host} is user {@code user@corp.example}) or
 * {@code ssh://[user@]host[:port]} (user up to the first {@code @}, percent-decoded, as OpenSSH's
 * {@code parse_uri} reads it). host is a DNS name, an ssh config alias, an IPv4 address or a
 * bracketed or bare IPv6 address. Validation happens here so that a bad argument is rejected before
 * any connection is opened.
 *
 * @param user the login user, when given
 * @param host the host name, alias or address (without brackets)
 * @param port the port, when given in an {@code ssh://} URI (or a ProxyJump hop)
 */
public record HostSpec(Optional<String> user, String host, Optional<Integer> port) {
    /** User names: no shell metacharacters, spaces or controls; {@code DOMAIN\\user}, {@code a@b} and {@code host$} pass. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._@+\\\\-]*\\$?");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
    private static final String SCHEME = "ssh://";

    /** Without a port. */
    public HostSpec(Optional<String> user, String host) {
        this(user, host, Optional.empty());
    }

    /**
     * Parses the HOST argument: {@code [user@]host} or {@code ssh://[user@]host[:port]}.
     *
     * @throws InvalidInputException naming what is wrong
     */
    public static HostSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("Host is empty: give it as HOST, USER@HOST or ssh://USER@HOST:PORT.");
        }
        String s = text.strip();
        if (s.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return parseUri(s, text);
        }
        int at = s.lastIndexOf('@');
        Optional<String> user = at < 0 ? Optional.empty() : Optional.of(checkUser(s.substring(0, at), text));
        String rest = s.substring(at + 1);
        if (rest.contains(":") && !rest.startsWith("[") && !isIpv6(rest)) {
            throw new InvalidInputException("Invalid host '" + rest + "': give the port with --port or as"
                    + " ssh://HOST:PORT, not HOST:PORT.");
        }
        return new HostSpec(user, checkHost(rest, text));
    }

    /**
     * Parses one ProxyJump hop as OpenSSH's {@code parse_jump} does: {@code [user@]host[:port]}
     * (user up to the last {@code @}, {@code [v6]:port}) or an {@code ssh://} URI.
     *
     * @throws InvalidInputException naming what is wrong
     */
    public static HostSpec parseJump(String text) {
        String s = text.strip();
        if (s.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return parseUri(s, text);
        }
        int at = s.lastIndexOf('@');
        Optional<String> user = at < 0 ? Optional.empty() : Optional.of(checkUser(s.substring(0, at), text));
        return hostAndPort(s.substring(at + 1), user, text);
    }

    private static HostSpec parseUri(String s, String text) {
        String rest = s.substring(SCHEME.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.contains("/")) {
            throw new InvalidInputException("Invalid ssh:// URI '" + text + "': it cannot have a path.");
        }
        Optional<String> user = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            String raw = rest.substring(0, at);
            int params = raw.indexOf(';'); // connection parameters: ignored, as ssh does
            raw = params >= 0 ? raw.substring(0, params) : raw;
            String decoded;
            try {
                decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("Invalid user name '" + raw + "' in '" + text + "': bad %-escape.");
            }
            user = Optional.of(checkUser(decoded, text));
            rest = rest.substring(at + 1);
        }
        return hostAndPort(rest, user, text);
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
    private static HostSpec hostAndPort(String s, Optional<String> user, String text) {
        String host = s;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new InvalidInputException("Invalid host '" + s + "' in '" + text + "': missing ']'.");
            }
            host = s.substring(0, close + 1);
            String after = s.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new InvalidInputException("Invalid host '" + s + "' in '" + text + "'.");
                }
                portText = after.substring(1);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            portText = s.substring(s.indexOf(':') + 1);
        }
        Optional<Integer> port = Optional.empty();
        if (portText != null) {
            if (!portText.matches("\\d{1,5}")) {
                throw new InvalidInputException("Invalid port '" + portText + "' in '" + text + "'.");
            }
            port = Optional.of(checkPort(Integer.parseInt(portText)));
        }
        return new HostSpec(user, checkHost(host, text), port);
    }

    private static String checkUser(String user, String text) {
        if (!USER.matcher(user).matches()) {
            throw new InvalidInputException("Invalid user name '" + user + "' in '" + text + "'.");
        }
        return user;
    }

    private static String checkHost(String s, String text) {
        if (s.startsWith("[") && s.endsWith("]")) {
            String inner = s.substring(1, s.length() - 1);
            if (!isIpv6(inner)) {
                throw new InvalidInputException("Invalid IPv6 address '" + inner + "' in '" + text + "'.");
            }
            return inner;
        }
        if (s.contains(":")) {
            if (isIpv6(s)) {
                return s;
            }
            throw new InvalidInputException("Invalid host '" + s + "' in '" + text + "'.");
        }
        if (IPV4.matcher(s).matches()) {
            for (String octet : s.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new InvalidInputException("Invalid IPv4 address '" + s + "'.");
                }
            }
            return s;
        }
        if (!isHostName(s)) {
            throw new InvalidInputException("Invalid host name '" + s + "': use letters, digits, '-', '_' and dots.");
        }
        return s;
    }

    /** Checks a port number given on the command line or in configuration. */
    public static int checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("Invalid port " + port + ": must be between 1 and 65535.");
        }
        return port;
    }

    /**
     * {@code user@host}, with {@code :port} unless it is 22; an IPv6 address is bracketed when a
     * port follows ({@code steve@[fd7a::1]:2222}), as OpenSSH writes it.
     */
    public static String display(String user, String host, int port) {
        if (port == 22) {
            return user + "@" + host;
        }
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
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
