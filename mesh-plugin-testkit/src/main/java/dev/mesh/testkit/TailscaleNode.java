// Stands in for one Tailscale node (tailscaled and the tailscale CLI's version, status --json, debug prefs, up and set), following cmd/tailscale/cli (up.go, set.go) and ipn.Prefs, for the host models of the plugins' tests.
package dev.mesh.testkit;

import dev.mesh.api.CommandResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;

/**
 * A Tailscale node as its CLI shows it. The rules are the CLI's own, read from cmd/tailscale/cli:
 * <ul>
 *   <li>every command but {@code version} needs tailscaled: "failed to connect to local tailscaled;
 *       it doesn't appear to be running";</li>
 *   <li>{@code up} without {@code --timeout} waits forever; it builds the whole preference set from its
 *       flags (flags not given take their defaults), and once the node has a control URL it refuses,
 *       without {@code --reset}, to change any preference that is not mentioned ({@code
 *       checkForAccidentalSettingReverts}, with the CLI's message); a Running node changes its login
 *       server only with {@code --force-reauth}; {@code --auth-key=file:PATH} reads PATH;</li>
 *   <li>{@code set} changes only the flags given, and has no {@code --advertise-tags};</li>
 *   <li>{@code debug prefs} prints ipn.Prefs as JSON; {@code status --json} shows a peer offering
 *       {@link #offeredRoutes} as subnet routes.</li>
 * </ul>
 * Defaults are {@code up}'s on the node's OS ({@code linux}, {@code windows}, {@code darwin}).
 */
public final class TailscaleNode {
    /** accidentalUpPrefix in up.go. */
    public static final String UP_CHECKER = "Error: changing settings via 'tailscale up' requires mentioning all\n"
            + "non-default flags. To proceed, either re-run your command with --reset or\n"
            + "use the command below to explicitly mention the current value of\n"
            + "all non-default settings:\n\n"
            + "\ttailscale up";
    /** What the CLI says when tailscaled does not answer, on this OS (cmd/tailscale/cli/diag.go). */
    public String daemonDown() {
        return switch (goos) {
            case "windows" -> "failed to connect to local tailscaled process; is the Tailscale service running?";
            case "darwin" -> "failed to connect to local Tailscale service; is Tailscale running?";
            default -> "failed to connect to local tailscaled; it doesn't appear to be running (sudo systemctl start tailscaled ?)";
        };
    }
    private static final List<String> PREF_FLAGS = List.of("login-server", "accept-routes", "accept-dns", "hostname",
            "advertise-tags", "advertise-routes", "ssh", "advertise-exit-node", "exit-node", "exit-node-allow-lan-access",
            "shields-up", "advertise-connector", "report-posture", "operator", "snat-subnet-routes", "netfilter-mode",
            "unattended");
    private static final Set<String> BOOLEANS = Set.of("accept-routes", "accept-dns", "ssh", "advertise-exit-node",
            "exit-node-allow-lan-access", "shields-up", "advertise-connector", "report-posture", "snat-subnet-routes",
            "unattended", "reset", "force-reauth", "json");

    private final String goos;
    public volatile boolean daemonRunning = true;
    public volatile String version = "1.80.2";
    public volatile String backendState = "NeedsLogin";
    /** The node's addresses once Running. */
    public volatile List<String> addresses = List.of("100.64.0.7", "fd7a:115c:a1e0::7");
    public volatile String hostName = "web1";
    /** Subnet routes a peer offers the node (shown in status once Running). */
    public volatile List<String> offeredRoutes = List.of();
    /** Keys the control server accepts, unless {@link #anyKey}. */
    public final Set<String> validKeys = new CopyOnWriteArraySet<>();
    /** The control server accepts any non-empty key. */
    public volatile boolean anyKey = true;
    /** The preferences, by up flag name; the control URL under {@code login-server} ("" before the first up). */
    private final Map<String, String> prefs = new LinkedHashMap<>();
    /** Every {@code up} and {@code set}, as argument lists. */
    public final List<List<String>> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The key the last {@code up} read, and where from. */
    public volatile String keyRead;
    public volatile String keyPath;

    /** @param goos {@code linux}, {@code windows} or {@code darwin}: where the CLI runs */
    public TailscaleNode(String goos) {
        this.goos = goos;
        prefs.putAll(defaults());
        prefs.put("login-server", "");
    }

    /** The defaults of up's flags on this OS (up.go newUpFlagSet; Homebrew's tailscaled on darwin). */
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        for (String f : PREF_FLAGS) {
            d.put(f, BOOLEANS.contains(f) ? "false" : "");
        }
        d.remove("login-server");
        d.put("accept-routes", String.valueOf(goos.equals("windows")));
        d.put("accept-dns", "true");
        d.put("snat-subnet-routes", "true");
        d.put("netfilter-mode", "on");
        if (!goos.equals("linux")) {
            d.remove("snat-subnet-routes");
            d.remove("netfilter-mode");
        }
        if (!goos.equals("windows")) {
            d.remove("unattended");
        } else {
            d.remove("operator");
        }
        return d;
    }

    /** A preference's current value ({@code login-server} is the control URL). */
    public synchronized String pref(String flag) {
        return prefs.getOrDefault(flag, "");
    }

    /** Sets a preference as if someone had run {@code tailscale set --flag=value} on the host. */
    public synchronized TailscaleNode setPref(String flag, String value) {
        prefs.put(flag, value);
        return this;
    }

    /** The node logged in to {@code controlUrl} and Running. */
    public synchronized TailscaleNode joined(String controlUrl) {
        prefs.put("login-server", controlUrl);
        backendState = "Running";
        return this;
    }

    public boolean running() {
        return "Running".equals(backendState);
    }

    /**
     * Answers {@code tailscale ARGS}.
     *
     * @param stdin      the command's standard input
     * @param readFile   reads a path on the host (null when there is none); {@code /dev/stdin} is stdin
     */
    public synchronized CommandResult run(List<String> args, String stdin, Function<String, String> readFile) {
        String cmd = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        if (cmd.equals("version")) {
            return ScriptedHost.ok(version + "\n  tailscale commit: 0000000 (test double)\n  go version: go1.23.6\n");
        }
        if (!daemonRunning) {
            return ScriptedHost.result(1, "", daemonDown() + "\n");
        }
        return switch (cmd) {
            case "status" -> ScriptedHost.ok(statusJson());
            case "debug" -> rest.equals(List.of("prefs")) ? ScriptedHost.ok(prefsJson())
                    : ScriptedHost.result(2, "", "unknown debug subcommand\n");
            case "up" -> up(rest, stdin, readFile);
            case "set" -> set(rest);
            case "logout" -> logout(rest);
            default -> ScriptedHost.result(2, "", "tailscale: unknown subcommand: " + cmd + "\n");
        };
    }

    private CommandResult up(List<String> args, String stdin, Function<String, String> readFile) {
        Map<String, String> given = new LinkedHashMap<>();
        String problem = flags(args, given, false);
        if (problem != null) {
            return ScriptedHost.result(2, "", problem);
        }
        String timeout = given.getOrDefault("timeout", "0s");
        if (timeout.equals("0s") || timeout.equals("0")) {
            return CommandResult.timedOut("", "hangs forever without --timeout");
        }
        boolean reset = "true".equals(given.get("reset"));
        String server = given.getOrDefault("login-server", "https://controlplane.tailscale.com");
        Map<String, String> next = new LinkedHashMap<>(defaults());
        for (String f : PREF_FLAGS) {
            if (given.containsKey(f) && !f.equals("login-server")) {
                next.put(f, given.get(f));
            }
        }
        if (!reset && !prefs.get("login-server").isEmpty()) {
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, String> cur : prefs.entrySet()) {
                String f = cur.getKey();
                if (!f.equals("login-server") && !given.containsKey(f) && !same(f, cur.getValue(), next.get(f))) {
                    missing.add(cur.getValue().equals("true") ? "--" + f : "--" + f + "=" + cur.getValue());
                }
            }
            if (!missing.isEmpty()) {
                java.util.Collections.sort(missing);
                StringBuilder sb = new StringBuilder(UP_CHECKER);
                for (String a : args) {
                    if (!a.startsWith("--auth-key") && !a.startsWith("--timeout")) {
                        sb.append(' ').append(a);
                    }
                }
                missing.forEach(m -> sb.append(' ').append(m));
                return ScriptedHost.result(1, "", sb.append("\n\n").toString());
            }
        }
        if (running() && !server.equals(prefs.get("login-server")) && !"true".equals(given.get("force-reauth"))) {
            return ScriptedHost.result(1, "", "can't change --login-server without --force-reauth\n");
        }
        String key = given.getOrDefault("auth-key", "");
        if (key.startsWith("file:")) {
            String path = key.substring("file:".length());
            String content = path.equals("/dev/stdin") ? stdin : readFile == null ? null : readFile.apply(path);
            if (content == null) {
                return ScriptedHost.result(1, "", "invalid value \"" + key + "\" for flag -auth-key: open " + path
                        + ": no such file or directory\n");
            }
            keyPath = path;
            key = content.strip();
        }
        if (key.isBlank()) {
            return ScriptedHost.result(1, "", "backend error: invalid key: empty auth key\n");
        }
        keyRead = key;
        if (!anyKey && !validKeys.contains(key)) {
            return ScriptedHost.result(1, "", "backend error: invalid key: unable to validate API key\n");
        }
        next.put("login-server", server);
        prefs.clear();
        prefs.putAll(next);
        backendState = "Running";
        changes.add(List.copyOf(args));
        return ScriptedHost.ok("");
    }

    /**
     * {@code tailscale logout} (cmd/tailscale/cli/logout.go): no arguments; the node key expires and
     * tailscaled deletes the login profile, so the preferences are back to defaults and BackendState is NeedsLogin.
     */
    private CommandResult logout(List<String> args) {
        if (!args.isEmpty()) {
            return ScriptedHost.result(1, "", "too many non-flag arguments: " + args + "\n");
        }
        prefs.clear();
        prefs.putAll(defaults());
        prefs.put("login-server", "");
        backendState = "NeedsLogin";
        changes.add(List.of("logout"));
        return ScriptedHost.ok("");
    }

    private CommandResult set(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        String problem = flags(args, given, true);
        if (problem != null) {
            return ScriptedHost.result(2, "", problem);
        }
        if (given.isEmpty()) {
            return ScriptedHost.result(2, "", "USAGE\n  tailscale set [flags]\n");
        }
        prefs.putAll(given);
        changes.add(List.copyOf(args));
        return ScriptedHost.ok("");
    }

    /** Reads {@code --name=value} and boolean {@code --name}; a flag the command does not define is the CLI's usage error. */
    private String flags(List<String> args, Map<String, String> into, boolean set) {
        Set<String> known = new TreeSet<>(defaults().keySet());
        if (set) {
            known.remove("advertise-tags");
        } else {
            known.addAll(List.of("login-server", "auth-key", "timeout", "reset", "force-reauth", "json"));
        }
        for (String arg : args) {
            String a = arg.replaceFirst("^--?", "");
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : BOOLEANS.contains(name) ? "true" : null;
            if (!known.contains(name) || value == null) {
                return "flag provided but not defined: -" + name + "\n";
            }
            into.put(name, value);
        }
        return null;
    }

    private static boolean same(String flag, String a, String b) {
        if (flag.equals("advertise-tags") || flag.equals("advertise-routes")) {
            return new TreeSet<>(List.of(a.split(","))).equals(new TreeSet<>(List.of(b.split(","))));
        }
        return a.equals(b);
    }

    /** {@code tailscale status --json} (ipnstate.Status). */
    public synchronized String statusJson() {
        boolean up = running();
        String ips = up ? "[" + String.join(", ", addresses.stream().map(a -> "\"" + a + "\"").toList()) + "]" : "null";
        StringBuilder peer = new StringBuilder("{}");
        if (up && !offeredRoutes.isEmpty()) {
            String routes = String.join(", ", offeredRoutes.stream().map(r -> "\"" + r + "\"").toList());
            peer = new StringBuilder("{\"nodekey:router\": {\"HostName\": \"router\", \"TailscaleIPs\": [\"100.64.0.1\"],"
                    + " \"AllowedIPs\": [\"100.64.0.1/32\", " + routes + "], \"PrimaryRoutes\": [" + routes + "]}}");
        }
        return "{\n  \"Version\": \"" + version + "-t0000000\",\n  \"BackendState\": \"" + backendState + "\",\n"
                + "  \"TailscaleIPs\": " + ips + ",\n"
                + "  \"Self\": {\"HostName\": \"" + hostName + "\", \"DNSName\": \"" + hostName + ".mesh.\", \"Online\": " + up
                + ", \"TailscaleIPs\": " + ips + "},\n  \"Health\": [],\n  \"Peer\": " + peer + "\n}\n";
    }

    /** {@code tailscale debug prefs} (ipn.Prefs, json.MarshalIndent). */
    public synchronized String prefsJson() {
        List<String> routes = new ArrayList<>(list(pref("advertise-routes")));
        if ("true".equals(pref("advertise-exit-node"))) {
            routes.addAll(List.of("0.0.0.0/0", "::/0"));
        }
        String[] modes = {"off", "nodivert", "on"};
        int mode = java.util.Arrays.asList(modes).indexOf(prefs.getOrDefault("netfilter-mode", "on"));
        return "{\n\t\"ControlURL\": \"" + pref("login-server") + "\",\n"
                + "\t\"RouteAll\": " + bool("accept-routes") + ",\n"
                + "\t\"ExitNodeID\": \"\",\n\t\"ExitNodeIP\": \"" + pref("exit-node") + "\",\n"
                + "\t\"ExitNodeAllowLANAccess\": " + bool("exit-node-allow-lan-access") + ",\n"
                + "\t\"CorpDNS\": " + bool("accept-dns") + ",\n"
                + "\t\"RunSSH\": " + bool("ssh") + ",\n\t\"RunWebClient\": false,\n"
                + "\t\"WantRunning\": " + running() + ",\n\t\"LoggedOut\": false,\n"
                + "\t\"ShieldsUp\": " + bool("shields-up") + ",\n"
                + "\t\"AdvertiseTags\": " + array(list(pref("advertise-tags"))) + ",\n"
                + "\t\"Hostname\": \"" + pref("hostname") + "\",\n\t\"NotepadURLs\": false,\n"
                + (goos.equals("windows") && bool("unattended") ? "\t\"ForceDaemon\": true,\n" : "")
                + "\t\"AdvertiseRoutes\": " + array(routes) + ",\n"
                + "\t\"NoSNAT\": " + !"true".equals(prefs.getOrDefault("snat-subnet-routes", "true")) + ",\n"
                + "\t\"NoStatefulFiltering\": \"true\",\n\t\"NetfilterMode\": " + Math.max(mode, 0) + ",\n"
                + (pref("operator").isEmpty() ? "" : "\t\"OperatorUser\": \"" + pref("operator") + "\",\n")
                + "\t\"AutoUpdate\": {\"Check\": true, \"Apply\": null},\n"
                + "\t\"AppConnector\": {\"Advertise\": " + bool("advertise-connector") + "},\n"
                + "\t\"PostureChecking\": " + bool("report-posture") + ",\n\t\"NetfilterKind\": \"\",\n"
                + "\t\"Config\": {\"PrivateNodeKey\": \"privkey:0000\"}\n}\n";
    }

    private boolean bool(String flag) {
        return "true".equals(pref(flag));
    }

    private static List<String> list(String value) {
        return value.isBlank() ? List.of() : List.of(value.split(","));
    }

    private static String array(List<String> items) {
        return items.isEmpty() ? "null" : "[" + String.join(", ", items.stream().map(i -> "\"" + i + "\"").toList()) + "]";
    }

    /**
     * The words of a POSIX sh command line as sh splits them (single and double quotes, backslashes;
     * no expansion): how a model reads the argument vector mesh sends.
     */
    public static List<String> shWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' ) {
                int end = line.indexOf('\'', i + 1);
                w = w == null ? new StringBuilder() : w;
                w.append(line, i + 1, end < 0 ? line.length() : end);
                i = end < 0 ? line.length() : end;
            } else if (c == '"') {
                w = w == null ? new StringBuilder() : w;
                for (i++; i < line.length() && line.charAt(i) != '"'; i++) {
                    if (line.charAt(i) == '\\' && i + 1 < line.length() && "$`\"\\".indexOf(line.charAt(i + 1)) >= 0) {
                        i++;
                    }
                    w.append(line.charAt(i));
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                w = w == null ? new StringBuilder() : w;
                w.append(line.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (w != null) {
            words.add(w.toString());
        }
        return words;
    }
}
