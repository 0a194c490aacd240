package dev.mesh.core.ssh.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * OpenSSH 9.2's {@code Match} criteria (readconf.c {@code match_cfg_line}): {@code all},
 * {@code canonical}, {@code final}, {@code host}, {@code originalhost}, {@code user},
 * {@code localuser} and {@code exec}, each negatable with {@code !}, all of which must match.
 * {@code exec} would run a local command while mesh reads its configuration: mesh does not run it,
 * treats the criterion as not matching and reports the line as ignored.
 */
final class MatchCriteria {
    private MatchCriteria() {
    }

    /**
     * @param host         the host name so far (HostName applied), OpenSSH's {@code host}
     * @param originalHost the host as typed
     * @param user         the remote user so far (command line, earlier User, else the local user)
     * @param localUser    the local user name
     * @param finalPass    whether this is the final pass ({@code canonical} and {@code final} match)
     */
    record Context(String host, String originalHost, String user, String localUser, boolean finalPass) {
    }

    /** Whether the block applies; whether it asks for a final pass; an unsupported criterion to report. */
    record Result(boolean matches, boolean wantsFinalPass, Optional<ConfigLine> unsupported) {
    }

    static Result evaluate(ConfigLine line, Context c) {
        List<String> args = line.args();
        boolean result = true;
        boolean wantFinal = false;
        Optional<ConfigLine> unsupported = Optional.empty();
        int attributes = 0;
        for (int i = 0; i < args.size(); i++) {
            String attrib = args.get(i);
            boolean negate = attrib.startsWith("!");
            String name = (negate ? attrib.substring(1) : attrib).toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                if (attributes > 0 || i + 1 < args.size()) {
                    throw bad(line, "'all' cannot be combined with other Match attributes");
                }
                return new Result(result && !negate, wantFinal, unsupported);
            }
            attributes++;
            if (name.equals("canonical") || name.equals("final")) {
                wantFinal |= name.equals("final") && !negate;
                result &= c.finalPass() != negate;
                continue;
            }
            int eq = name.indexOf('=');
            String value;
            if (eq >= 0) {
                value = attrib.substring(attrib.indexOf('=') + 1);
                name = name.substring(0, eq);
            } else if (++i < args.size()) {
                value = args.get(i);
            } else {
                throw bad(line, "missing argument for Match '" + attrib + "'");
            }
            boolean r = switch (name) {
                case "host" -> HostPatterns.matchHostname(c.host(), value);
                case "originalhost" -> HostPatterns.matchHostname(c.originalHost(), value);
                case "user" -> HostPatterns.matchUser(c.user(), value);
                case "localuser" -> HostPatterns.matchUser(c.localUser(), value);
                case "exec" -> {
                    unsupported = Optional.of(line);
                    yield negate; // never run: the criterion counts as failed
                }
                default -> throw bad(line, "unsupported Match attribute " + name);
            };
            result &= r != negate;
        }
        if (attributes == 0) {
            throw bad(line, "one or more attributes required for Match");
        }
        return new Result(result, wantFinal, unsupported);
    }

    private static SshConfigException bad(ConfigLine line, String problem) {
        return SshConfigException.at(line.origin().file(), line.origin().line(), "Bad Match condition: " + problem);
    }
}
