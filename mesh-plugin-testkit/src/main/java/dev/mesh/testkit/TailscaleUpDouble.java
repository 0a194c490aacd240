// Stands in for what the Tailscale CLI's `up` does with its flags before it talks to tailscaled (cmd/tailscale/cli/up.go), for host models on POSIX shells.
package dev.mesh.testkit;

import dev.mesh.api.CommandResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code tailscale up} command line as the real CLI would: {@code --timeout} defaults to 0,
 * which waits forever (so a command without it times out); {@code --auth-key=file:PATH} is read with
 * {@code os.ReadFile(PATH)}, so {@code file:/dev/stdin} is the command's standard input and any other
 * path is a file on the host. Host models call it, then apply their own state (running, keys accepted).
 */
public final class TailscaleUpDouble {
    private static final Pattern KEY = Pattern.compile("--auth-key=file:([^' ]+)");
    private static final Pattern SERVER = Pattern.compile("--login-server=([^' ]+)");

    /**
     * What {@code up} was asked for.
     *
     * @param loginServer the {@code --login-server} value
     * @param keyPath     where the key was read from, e.g. {@code /dev/stdin}
     * @param key         the key read, stripped
     */
    public record Up(String loginServer, String keyPath, String key) {
    }

    /** {@code up} ends before it reaches tailscaled; {@link #result()} is what the CLI answers. */
    public static final class Failure extends Exception {
        private final transient CommandResult result;

        Failure(CommandResult result) {
            super(result.stderr().strip());
            this.result = result;
        }

        public CommandResult result() {
            return result;
        }
    }

    private TailscaleUpDouble() {
    }

    /**
     * @throws Failure without {@code --timeout} (timed out), without {@code --login-server} or
     *                 {@code --auth-key=file:}, or when the key cannot be read or is empty
     */
    public static Up read(ScriptedHost.Call call, ScriptedHost host) throws Failure {
        String command = call.command();
        if (!command.contains("--timeout=")) {
            throw new Failure(CommandResult.timedOut("", "hangs forever without --timeout"));
        }
        Matcher key = KEY.matcher(command);
        Matcher server = SERVER.matcher(command);
        if (!key.find() || !server.find()) {
            throw new Failure(ScriptedHost.result(1, "", "mesh test double: expected --auth-key=file: and --login-server=\n"));
        }
        String path = key.group(1);
        String content = path.equals("/dev/stdin") ? call.input() : host.read(path);
        if (content == null) {
            throw new Failure(ScriptedHost.result(1, "", "open " + path + ": no such file or directory\n"));
        }
        if (content.isBlank()) {
            throw new Failure(ScriptedHost.result(1, "", "backend error: invalid key: empty auth key\n"));
        }
        return new Up(server.group(1), path, content.strip());
    }
}
