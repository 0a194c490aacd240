package dev.mesh.api.tailscale;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument lists of the Tailscale CLI commands mesh runs, each element one argv entry (the
 * plugin quotes them for its shell). Facts from cmd/tailscale/cli/up.go: {@code --timeout} defaults
 * to 0, which waits forever, so it is always given; given flags must be the complete set unless
 * {@code --reset}; a Running node changes {@code --login-server} only with {@code --force-reauth};
 * {@code --auth-key=file:PATH} reads the key with {@code os.ReadFile(PATH)}, so {@code /dev/stdin}
 * hands it over on standard input and it is never in argv or a file.
 */
public final class TailscaleArguments {
    /** Reads the auth key from the command's standard input (Linux, macOS, BSDs: {@code /dev/stdin}). */
    public static final String AUTH_KEY_FROM_STDIN = "--auth-key=file:/dev/stdin";
    public static final List<String> STATUS = List.of("status", "--json");
    /** {@code ControlURL} and the preferences; not a stable interface, so read best effort. */
    public static final List<String> PREFS = List.of("debug", "prefs");
    public static final List<String> VERSION = List.of("version");
    /**
     * Brings the network down and expires the node key (cmd/tailscale/cli/logout.go: no arguments;
     * tailscaled deletes the login profile, so BackendState becomes NeedsLogin). Since SPI 2.1.
     */
    public static final List<String> LOGOUT = List.of("logout");

    private TailscaleArguments() {
    }

    /**
     * {@code up [osFlags] --reset --login-server=URL --auth-key=file:/dev/stdin [preferences]
     * --timeout=Ns [--force-reauth]}: SPI 2.0's form, which resets every preference it does not name.
     * mesh itself uses {@link #up(URI, Duration, List, boolean, boolean, List)} with a {@link PreferencePlan}.
     *
     * @param osFlags flags only one OS has, e.g. Windows' {@code --unattended}
     */
    public static List<String> up(URI loginServer, Duration timeout, TailscalePreferences preferences,
                                  boolean forceReauth, List<String> osFlags) {
        List<String> args = new ArrayList<>();
        args.add("up");
        args.addAll(osFlags);
        args.add("--reset");
        args.add("--login-server=" + loginServer);
        args.add(AUTH_KEY_FROM_STDIN);
        args.addAll(preferences.flags());
        args.add("--timeout=" + seconds(timeout));
        if (forceReauth) {
            args.add("--force-reauth");
        }
        return List.copyOf(args);
    }

    /**
     * {@code up [osFlags] [--reset] --login-server=URL --auth-key=file:/dev/stdin [preferenceFlags]
     * --timeout=Ns [--force-reauth]} (SPI 2.1).
     *
     * @param preferenceFlags each {@code --name=value}, e.g. {@link PreferencePlan#upFlags}
     * @param reset           {@code --reset}: every preference not named goes back to its default
     * @param osFlags         flags only one OS has, e.g. Windows' {@code --unattended}
     */
    public static List<String> up(URI loginServer, Duration timeout, List<String> preferenceFlags, boolean reset,
                                  boolean forceReauth, List<String> osFlags) {
        List<String> args = new ArrayList<>();
        args.add("up");
        args.addAll(osFlags);
        if (reset) {
            args.add("--reset");
        }
        args.add("--login-server=" + loginServer);
        args.add(AUTH_KEY_FROM_STDIN);
        args.addAll(preferenceFlags);
        args.add("--timeout=" + seconds(timeout));
        if (forceReauth) {
            args.add("--force-reauth");
        }
        return List.copyOf(args);
    }

    /** {@code set FLAGS} (SPI 2.1): changes a running node's preferences, each flag {@code --name=value}. */
    public static List<String> set(List<String> flags) {
        List<String> args = new ArrayList<>();
        args.add("set");
        args.addAll(flags);
        return List.copyOf(args);
    }

    /** {@code set [preferences]}: changes a running node's preferences without a new login. */
    public static List<String> set(TailscalePreferences preferences) {
        List<String> args = new ArrayList<>();
        args.add("set");
        args.addAll(preferences.flags());
        return List.copyOf(args);
    }

    /** A Go duration in whole seconds, at least 1: {@code 60s}. */
    static String seconds(Duration timeout) {
        return Math.max(1, timeout.toSeconds()) + "s";
    }
}
