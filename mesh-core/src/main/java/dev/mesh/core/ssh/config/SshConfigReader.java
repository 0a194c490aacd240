package dev.mesh.core.ssh.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads OpenSSH client config files for one host the way {@code ssh -G} does (readconf.c of
 * OpenSSH 9.2, the version Debian bookworm ships): the user's file, then the system-wide one;
 * {@code Host} and {@code Match} blocks; {@code Include} with globs, relative to {@code ~/.ssh}
 * (user files) or {@code /etc/ssh} (system files), applying inside the block it appears in; a
 * second, "final" pass when a {@code Match final} block asks for one. MINA's
 * {@code ConfigFileHostEntryResolver} cannot serve here: it has no Include, throws on Match, and
 * matches Host patterns case-insensitively and splits lines at the first {@code =}.
 *
 * <p>Safer than OpenSSH in three ways: a path that is not a regular file ({@code /dev/zero}, a
 * FIFO) is refused instead of read; an Include loop is named instead of recursing 16 levels deep;
 * a file larger than {@value #MAX_FILE_BYTES} bytes is refused. Like OpenSSH, the user's file and
 * included files must be owned by the user (or root) and not writable by group or others.
 */
public final class SshConfigReader {
    /** OpenSSH's READCONF_MAX_DEPTH. */
    static final int MAX_INCLUDE_DEPTH = 16;
    /** An ssh config is a few kilobytes; anything this large is not one. */
    static final int MAX_FILE_BYTES = 1024 * 1024;
    private static final Set<PosixFilePermission> GROUP_OTHER_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    /**
     * One top-level file.
     *
     * @param user a user file ({@code ~/.ssh/config} or the file given instead of it): checked for
     *             owner and permissions, {@code ~} allowed in its Include lines, relative includes in
     *             {@code ~/.ssh}; otherwise a system file, relative includes in {@code /etc/ssh}
     */
    public record Source(Path file, boolean user) {
    }

    /**
     * What the host is looked up as.
     *
     * @param host      the host as typed (alias or address): OpenSSH's {@code host_arg}
     * @param user      the user given on the command line, or null
     * @param localUser the local user name ({@code %u}, {@code Match localuser})
     */
    public record Query(String host, String user, String localUser) {
    }

    private final List<Source> sources;
    private final Path home;

    /** @param home the local user's home directory, for {@code ~} and {@code ~/.ssh} */
    public SshConfigReader(List<Source> sources, Path home) {
        this.sources = List.copyOf(sources);
        this.home = home;
    }

    /**
     * The options that apply to {@code query}'s host.
     *
     * @throws SshConfigException when a file cannot be used (named with its line)
     */
    public SshOptions read(Query query) {
        SshOptions options = new SshOptions();
        Pass first = new Pass(options, query, query.host(), false);
        first.readAll();
        if (first.wantFinalPass) {
            String finalHost = options.get("hostname").map(s -> expandHost(s.first(), query.host()))
                    .orElse(query.host()).toLowerCase(Locale.ROOT);
            new Pass(options, query, finalHost, true).readAll();
        }
        return options;
    }

    /** HostName's only token is {@code %h} (and {@code %%}), as in ssh.c. */
    public static String expandHost(String hostName, String hostArg) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hostName.length(); i++) {
            char c = hostName.charAt(i);
            if (c == '%' && i + 1 < hostName.length() && (hostName.charAt(i + 1) == 'h' || hostName.charAt(i + 1) == '%')) {
                out.append(hostName.charAt(++i) == 'h' ? hostArg : "%");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** One reading of all files (OpenSSH reads them twice when a final pass is wanted). */
    private final class Pass {
        private final SshOptions options;
        private final Query query;
        private final String host;
        private final boolean finalPass;
        private final Deque<Path> includeStack = new ArrayDeque<>();
        private boolean wantFinalPass;

        Pass(SshOptions options, Query query, String host, boolean finalPass) {
            this.options = options;
            this.query = query;
            this.host = host;
            this.finalPass = finalPass;
        }

        void readAll() {
            for (Source source : sources) {
                if (Files.exists(source.file(), LinkOption.NOFOLLOW_LINKS)) { // a missing file is no config, as for ssh
                    readFile(source.file(), source.user(), source.user(), new boolean[] {true}, false);
                }
            }
        }

        /** @param active OpenSSH's {@code *activep}, shared with the including file */
        private void readFile(Path file, boolean userConfig, boolean checkPermissions, boolean[] active,
                              boolean neverMatch) {
            Path real = check(file, checkPermissions);
            if (includeStack.contains(real)) {
                throw new SshConfigException("ssh config Include loop: " + includeStack.stream()
                        .map(Path::toString).collect(Collectors.joining(" → ")) + " → " + real);
            }
            if (includeStack.size() > MAX_INCLUDE_DEPTH) {
                throw new SshConfigException("ssh config " + file + ": too many nested Include levels (over "
                        + MAX_INCLUDE_DEPTH + ")");
            }
            includeStack.addLast(real);
            try {
                List<String> lines = read(file);
                for (int i = 0; i < lines.size(); i++) {
                    Optional<ConfigLine> line = ConfigLine.parse(lines.get(i), new Origin(file, i + 1));
                    if (line.isPresent()) {
                        process(line.get(), userConfig, active, neverMatch);
                    }
                }
            } finally {
                includeStack.removeLast();
            }
        }

        private void process(ConfigLine line, boolean userConfig, boolean[] active, boolean neverMatch) {
            switch (line.keyword()) {
                case "host" -> active[0] = !neverMatch && hostMatches(line);
                case "match" -> {
                    MatchCriteria.Result r = MatchCriteria.evaluate(line, matchContext());
                    wantFinalPass |= r.wantsFinalPass();
                    r.unsupported().ifPresent(u -> {
                        if (!neverMatch) {
                            options.ignore(u);
                        }
                    });
                    active[0] = !neverMatch && r.matches();
                }
                case "include" -> include(line, userConfig, active);
                default -> {
                    if (active[0]) {
                        OptionValues.apply(options, line);
                    }
                }
            }
        }

        /** OpenSSH's oHost: any positive match activates, a negated match deactivates the block. */
        private boolean hostMatches(ConfigLine line) {
            boolean matched = false;
            for (String arg : line.args()) {
                boolean negated = arg.startsWith("!");
                if (HostPatterns.matchPattern(host, negated ? arg.substring(1) : arg)) {
                    if (negated) {
                        return false;
                    }
                    matched = true;
                }
            }
            return matched;
        }

        private MatchCriteria.Context matchContext() {
            String matchHost = finalPass ? host
                    : options.get("hostname").map(s -> expandHost(s.first(), query.host())).orElse(query.host());
            String user = query.user() != null ? query.user()
                    : options.get("user").map(SshOptions.Setting::first).orElse(query.localUser());
            return new MatchCriteria.Context(matchHost, query.host(), user, query.localUser(), finalPass);
        }

        private void include(ConfigLine line, boolean userConfig, boolean[] active) {
            boolean wasActive = active[0];
            for (String arg : line.args()) {
                if (arg.startsWith("~") && !userConfig) {
                    throw SshConfigException.at(line.origin().file(), line.origin().line(), "bad include path " + arg);
                }
                String pattern = arg.startsWith("~/") ? home.resolve(arg.substring(2)).toString()
                        : arg.equals("~") ? home.toString()
                        : Path.of(arg).isAbsolute() ? arg
                        : (userConfig ? home.resolve(".ssh") : Path.of("/etc/ssh")).resolve(arg).toString();
                for (Path file : Globs.expand(pattern)) {
                    readFile(file, userConfig, true, active, !wasActive);
                    active[0] = wasActive; // a Match in an included file does not change the includer's state
                }
            }
        }
    }

    /** The checks before a file is opened; its real path (for loop detection). */
    private static Path check(Path file, boolean checkPermissions) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new SshConfigException("ssh config " + file + " is not a regular file; refusing to read it");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new SshConfigException("ssh config " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes; refusing to read it");
            }
            if (checkPermissions && !securePermissions(file)) {
                throw new SshConfigException("Bad owner or permissions on ssh config " + file
                        + " (as ssh says): it must be owned by you or root and not writable by group or others");
            }
            return file.toRealPath();
        } catch (IOException e) {
            throw new SshConfigException("Cannot read ssh config " + file + ": " + e.getMessage());
        }
    }

    private static boolean securePermissions(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return true;
        }
        String owner = Files.getOwner(file).getName();
        boolean ownerOk = owner.equals("root") || owner.equals(System.getProperty("user.name"));
        return ownerOk && Files.getPosixFilePermissions(file).stream().noneMatch(GROUP_OTHER_WRITE::contains);
    }

    private static List<String> read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new SshConfigException("Cannot read ssh config " + file + ": " + e.getMessage());
        }
    }
}
