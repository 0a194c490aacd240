package dev.mesh.core.ssh.config;

import dev.mesh.core.input.HostSpec;
import dev.mesh.core.input.InvalidInputException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies one directive of an active block to {@link SshOptions}, checking its value as OpenSSH's
 * readconf.c does (a bad value is an error naming file and line), and parses the typed values.
 */
public final class OptionValues {
    /** OpenSSH's SSH_MAX_HOSTS_FILES. */
    static final int MAX_KNOWN_HOSTS_FILES = 16;
    private static final Set<String> YES_NO = Set.of("yes", "no", "true", "false");
    private static final Set<String> STRICT = Set.of("yes", "no", "true", "false", "off", "ask", "accept-new");
    private static final Pattern TIME_PART = Pattern.compile("(\\d+)([smhdwSMHDW]?)");

    private OptionValues() {
    }

    static void apply(SshOptions options, ConfigLine line) {
        String value = line.first();
        switch (line.keyword()) {
            case "identityfile" -> options.addIdentityFile(line);
            case "port" -> {
                port(value, line.origin());
                options.setIfAbsent(line);
            }
            case "identitiesonly", "hashknownhosts" -> {
                check(YES_NO.contains(value.toLowerCase(Locale.ROOT)), line, "expected yes or no");
                options.setIfAbsent(line);
            }
            case "stricthostkeychecking" -> {
                check(STRICT.contains(value.toLowerCase(Locale.ROOT)), line,
                        "expected yes, accept-new, no, off or ask");
                options.setIfAbsent(line);
            }
            case "connecttimeout" -> {
                connectTimeout(value, line.origin());
                options.setIfAbsent(line);
            }
            case "userknownhostsfile", "globalknownhostsfile" -> {
                check(line.args().size() <= MAX_KNOWN_HOSTS_FILES, line, "too many files (max "
                        + MAX_KNOWN_HOSTS_FILES + ")");
                options.setIfAbsent(line);
            }
            case "proxyjump" -> proxyJump(options, line);
            case "proxycommand" -> {
                if (!options.has("proxyjump")) { // as in ssh: whichever of the two comes first wins
                    options.setIfAbsent(line);
                    options.ignore(line);
                }
            }
            case "hostname", "user", "identityagent" -> options.setIfAbsent(line);
            default -> {
                if (Directives.mustWarn(line.keyword(), value)) {
                    options.ignore(line);
                }
            }
        }
    }

    private static void proxyJump(SshOptions options, ConfigLine line) {
        String text = line.rest();
        int comment = text.indexOf('#');
        text = (comment >= 0 ? text.substring(0, comment) : text).strip();
        if (!text.equalsIgnoreCase("none")) {
            for (String hop : text.split(",", -1)) {
                try {
                    HostSpec.parseJump(hop);
                } catch (InvalidInputException e) {
                    throw SshConfigException.at(line.origin().file(), line.origin().line(),
                            "invalid ProxyJump \"" + text + "\": " + e.getMessage());
                }
            }
        }
        if (!options.has("proxycommand")) {
            options.setIfAbsent(new ConfigLine(line.keyword(), line.written(), line.args(), text, line.origin()));
        }
    }

    /** A port, 1 to 65535. */
    static int port(String value, Origin origin) {
        if (value.matches("\\d{1,5}")) {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw SshConfigException.at(origin.file(), origin.line(), "bad port '" + value + "'");
    }

    /** OpenSSH's {@code convtime}: "none" (empty), or e.g. {@code 10}, {@code 30s}, {@code 1m30s}. */
    public static Optional<Duration> connectTimeout(String value, Origin origin) {
        if (value.equals("none")) {
            return Optional.empty();
        }
        Matcher m = TIME_PART.matcher(value);
        long seconds = 0;
        int at = 0;
        while (at < value.length() && m.find(at) && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            seconds += n * switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "m" -> 60;
                case "h" -> 3600;
                case "d" -> 86400;
                case "w" -> 604800;
                default -> 1;
            };
            at = m.end();
        }
        if (at != value.length() || value.isEmpty() || seconds > Integer.MAX_VALUE) {
            throw SshConfigException.at(origin.file(), origin.line(), "invalid time value '" + value + "'");
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }

    /** {@code yes}/{@code true} as true. */
    public static boolean yes(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals("yes") || v.equals("true");
    }

    private static void check(boolean ok, ConfigLine line, String problem) {
        if (!ok) {
            throw SshConfigException.at(line.origin().file(), line.origin().line(),
                    line.keyword() + " '" + line.first() + "': " + problem);
        }
    }
}
