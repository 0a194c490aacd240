package dev.mesh.core.ssh;

import dev.mesh.core.input.HostSpec;
import dev.mesh.core.input.InvalidInputException;
import dev.mesh.core.ssh.config.Expansion;
import dev.mesh.core.ssh.config.OptionValues;
import dev.mesh.core.ssh.config.SshConfigException;
import dev.mesh.core.ssh.config.SshConfigReader;
import dev.mesh.core.ssh.config.SshOptions;
import dev.mesh.core.ssh.config.SshOptions.Setting;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Resolves a host as typed into a {@link ResolvedHost}, with ONE precedence for every SSH setting,
 * OpenSSH's: the command line ({@code USER@}, {@code -p}, {@code -i}, an {@code ssh://} URI), then
 * the ssh config (first value wins, as in {@code ssh -G}), then mesh's own settings
 * ({@code mesh.ssh.*}, {@code MESH_SSH_*}), then the defaults. Identity files are a list in that
 * order ({@code -i}, IdentityFile, {@code mesh.ssh.identity}); ssh's default {@code ~/.ssh/id_*}
 * files only when none is given at all.
 */
public final class HostResolver {
    /** At most this many ProxyJump hops for one host (MINA's MAX_PROXY_JUMPS default). */
    static final int MAX_JUMPS = 10;
    /** ssh's default identity files that MINA can use (no security keys, XMSS or DSA). */
    static final List<String> DEFAULT_IDENTITIES = List.of("id_rsa", "id_ecdsa", "id_ed25519");
    private static final String AUTH_SOCK = "SSH_AUTH_SOCK";

    private final SshSettings settings;
    private final SshConfigReader reader;
    private final Path home;
    private final String localUser;

    public HostResolver(SshSettings settings) {
        this.settings = settings;
        this.home = Path.of(System.getProperty("user.home"));
        this.localUser = System.getProperty("user.name");
        List<SshConfigReader.Source> sources = new ArrayList<>();
        settings.sshConfigFile().ifPresent(f -> sources.add(new SshConfigReader.Source(f, true)));
        settings.system().config().ifPresent(f -> sources.add(new SshConfigReader.Source(f, false)));
        this.reader = new SshConfigReader(sources, home);
    }

    /**
     * @param cliUser the user from the command line (USER@HOST), or null
     * @param host    the host or alias as typed
     * @param cliPort the port from the command line ({@code -p} or the URI), or null
     * @throws SshConfigException    when the ssh config cannot be used (exit 2, before any connection)
     * @throws InvalidInputException when a setting is refused (StrictHostKeyChecking no, a ProxyJump loop)
     */
    public ResolvedHost resolve(String cliUser, String host, Integer cliPort) {
        return resolve(cliUser, host, cliPort, settings.identityFiles());
    }

    /**
     * As {@link #resolve(String, String, Integer)} with the command line's identity files for this
     * host: {@code -i}, then an inventory host's own {@code identity} (both rank as command line).
     */
    public ResolvedHost resolve(String cliUser, String host, Integer cliPort, List<Path> cliIdentities) {
        return resolve(cliUser, host, cliPort, cliIdentities, true, new ArrayList<>());
    }

    /**
     * @param cliIdentities {@code -i} files: the target's only, as ssh does not pass -i to a jump host
     * @param ownJumps      whether the host's own ProxyJump applies (not for a hop after the first
     *                      of a list: ssh reaches it with {@code -J} on its command line)
     * @param path          hosts on the way here, to detect loops
     */
    private ResolvedHost resolve(String cliUser, String host, Integer cliPort, List<Path> cliIdentities,
                                 boolean ownJumps, List<String> path) {
        SshOptions options = reader.read(new SshConfigReader.Query(host, cliUser, localUser));
        String hostName = options.get("hostname").map(s -> SshConfigReader.expandHost(s.first(), host)).orElse(host);
        hostName = hostName.toLowerCase(Locale.ROOT);
        String user = cliUser != null ? cliUser : options.get("user").map(Setting::first)
                .or(() -> settings.mesh().user()).orElse(localUser);
        int port = cliPort != null ? cliPort : options.get("port").map(s -> Integer.parseInt(s.first()))
                .orElse(settings.mesh().port());
        Map<Character, Supplier<String>> tokens = tokens(host, hostName, port, user);

        List<ResolvedHost.IdentityFile> identities = new ArrayList<>();
        cliIdentities.forEach(f -> identities.add(new ResolvedHost.IdentityFile(f, "-i")));
        for (Setting s : options.identityFiles()) {
            if (!s.first().equalsIgnoreCase("none")) {
                identities.add(new ResolvedHost.IdentityFile(Path.of(expand(s, s.first(), tokens)),
                        "ssh config " + s.origin()));
            }
        }
        settings.mesh().identity().ifPresent(f -> identities.add(new ResolvedHost.IdentityFile(f, "mesh.ssh.identity")));
        if (identities.isEmpty() && settings.useDefaultIdentities()) {
            DEFAULT_IDENTITIES.forEach(n -> identities.add(
                    new ResolvedHost.IdentityFile(home.resolve(".ssh").resolve(n), "default")));
        }

        String where = HostSpec.display(user, host, port);
        List<String> warnings = new ArrayList<>();
        options.ignored().forEach(i -> warnings.add("ssh config " + i.origin() + ": " + switch (i.keyword()) {
            case "proxycommand" -> "ProxyCommand is not supported by mesh; it connects to " + where + " without it";
            case "match" -> "Match exec is not run by mesh, so that block does not apply to " + where;
            default -> i.written() + " is not supported by mesh and is ignored for " + where;
        }));
        List<String> here = new ArrayList<>(path);
        here.add(where);
        List<ResolvedHost> jumps = ownJumps ? jumps(options, here) : List.of();
        jumps.forEach(j -> warnings.addAll(j.warnings()));

        return new ResolvedHost(host, hostName, port, user, identities,
                options.get("identitiesonly").map(s -> yes(s.first())).orElse(false),
                agent(options, tokens), jumps,
                files(options.get("userknownhostsfile"), tokens, List.of(settings.knownHosts())),
                files(options.get("globalknownhostsfile"), tokens, settings.system().knownHosts()),
                strict(options, where), options.get("hashknownhosts").map(s -> yes(s.first())).orElse(false),
                connectTimeout(options), warnings);
    }

    /** ProxyJump {@code h1,…,hn}: h1's own hops first, then h1 … hn (see ssh.c: the last hop, reached with -J). */
    private List<ResolvedHost> jumps(SshOptions options, List<String> path) {
        Optional<Setting> jump = options.get("proxyjump");
        if (jump.isEmpty() || jump.get().rest().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<ResolvedHost> chain = new ArrayList<>();
        String[] hops = jump.get().rest().split(",");
        for (int i = 0; i < hops.length; i++) {
            HostSpec hop = HostSpec.parseJump(hops[i]);
            if (path.size() + chain.size() > MAX_JUMPS) {
                throw new InvalidInputException("ProxyJump (" + jump.get().origin() + "): a loop, or more than "
                        + MAX_JUMPS + " hops: " + String.join(" → ", path) + " → " + hops[i].strip());
            }
            ResolvedHost resolved = resolve(hop.user().orElse(null), hop.host(), hop.port().orElse(null), List.of(),
                    i == 0, path);
            chain.addAll(resolved.jumps());
            chain.add(resolved);
        }
        return chain;
    }

    private ResolvedHost.Agent agent(SshOptions options, Map<Character, Supplier<String>> tokens) {
        Optional<Setting> setting = options.get("identityagent");
        Map<String, String> env = settings.environment();
        if (setting.isEmpty() || setting.get().first().equals(AUTH_SOCK)) {
            String source = setting.map(s -> "IdentityAgent " + AUTH_SOCK + " (" + s.origin() + ")").orElse(AUTH_SOCK);
            return new ResolvedHost.Agent(socket(env.get(AUTH_SOCK)), source);
        }
        Setting s = setting.get();
        String value = s.first();
        String source = "IdentityAgent " + value + " (" + s.origin() + ")";
        if (value.equalsIgnoreCase("none")) {
            return new ResolvedHost.Agent(Optional.empty(), source);
        }
        if (value.startsWith("$") && !value.startsWith("${")) { // ssh's legacy form: the variable names the socket
            return new ResolvedHost.Agent(socket(env.get(value.substring(1))), source);
        }
        return new ResolvedHost.Agent(Optional.of(Path.of(expand(s, value, tokens))), source);
    }

    private static Optional<Path> socket(String path) {
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(Path.of(path));
    }

    private List<Path> files(Optional<Setting> setting, Map<Character, Supplier<String>> tokens, List<Path> otherwise) {
        if (setting.isEmpty()) {
            return otherwise;
        }
        Setting s = setting.get();
        if (s.first().equalsIgnoreCase("none")) {
            return List.of();
        }
        return s.args().stream().map(a -> Path.of(expand(s, a, tokens))).toList();
    }

    /** StrictHostKeyChecking: yes and ask refuse unknown hosts (mesh cannot ask); no and off are refused. */
    private static boolean strict(SshOptions options, String where) {
        Optional<Setting> s = options.get("stricthostkeychecking");
        String value = s.map(Setting::first).orElse("accept-new").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "no", "false", "off" -> throw new InvalidInputException("StrictHostKeyChecking " + s.get().first()
                    + " (" + s.get().origin() + ") would accept any host key for " + where + ", even a changed one:"
                    + " mesh refuses to connect that way. Use accept-new (mesh's default) or yes for this host.");
            case "yes", "true", "ask" -> true;
            default -> false;
        };
    }

    private Duration connectTimeout(SshOptions options) {
        return options.get("connecttimeout")
                .flatMap(s -> s.first().equals("none") ? Optional.<Duration>empty()
                        : Optional.of(parseSeconds(s)))
                .orElse(settings.connectTimeout());
    }

    private static Duration parseSeconds(Setting s) {
        Duration d = OptionValues.connectTimeout(s.first(), s.origin()).orElseThrow();
        return d.isZero() ? Duration.ofSeconds(1) : d;
    }

    private String expand(Setting s, String value, Map<Character, Supplier<String>> tokens) {
        return Expansion.expand(value, tokens, settings.environment(), home, s.origin());
    }

    private static boolean yes(String value) {
        return OptionValues.yes(value);
    }

    /** ssh's DEFAULT_CLIENT_PERCENT_EXPAND_ARGS (OpenSSH 9.2 sshconnect.h). */
    private Map<Character, Supplier<String>> tokens(String hostArg, String hostName, int port, String user) {
        Supplier<String> thisHost = HostResolver::localHostName;
        return Map.ofEntries(
                Map.entry('C', () -> sha1Hex(thisHost.get() + hostName + port + user)),
                Map.entry('L', () -> thisHost.get().split("\\.", 2)[0]),
                Map.entry('i', HostResolver::uid),
                Map.entry('k', () -> hostArg),
                Map.entry('l', thisHost),
                Map.entry('n', () -> hostArg),
                Map.entry('p', () -> String.valueOf(port)),
                Map.entry('d', home::toString),
                Map.entry('h', () -> hostName),
                Map.entry('r', () -> user),
                Map.entry('u', () -> localUser));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "";
        }
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
