package dev.mesh.api.syncthing;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.StepFailedException;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One Syncthing REST request as a remote command, and its answer read back. The command finds the
 * login user's {@code config.xml}, reads the GUI address and API key from it on the host, and makes
 * the request; the key reaches the HTTP client on a pipe, never a command line. Every script prints
 * the body, then a last line {@value #STATUS_PREFIX}{@code NNN}; its own failures are exits
 * {@value #NO_CONFIG} (no config.xml), {@value #NO_CLIENT} (no HTTP client), {@value #NO_API}
 * (GUI off, no API key) and {@value #NOT_ANSWERING} (nothing answered), each with a {@code mesh:}
 * line on standard error.
 *
 * <p>Where config.xml is, by Syncthing's {@code lib/locations} (read for 1.19.2, 1.27.0 and 2.0.0):
 * Linux 1.19 {@code $XDG_CONFIG_HOME/syncthing} else {@code ~/.config/syncthing}; Linux 1.27+ and
 * 2.x keep an existing {@code ~/.config/syncthing} (or {@code $XDG_CONFIG_HOME/syncthing}) and
 * otherwise use {@code $XDG_STATE_HOME/syncthing}, else {@code ~/.local/state/syncthing}; macOS
 * {@code ~/Library/Application Support/Syncthing}; Windows {@code %LOCALAPPDATA%\Syncthing}. The
 * first directory holding a config.xml wins, as in Syncthing itself.
 */
public final class SyncthingRest {
    /** The last line of every script's output, before the HTTP status. */
    public static final String STATUS_PREFIX = "mesh-http-status: ";
    public static final int NO_CONFIG = 90;
    public static final int NO_CLIENT = 91;
    public static final int NO_API = 93;
    public static final int NOT_ANSWERING = 94;
    /** How long one request may take on the host (curl {@code --max-time}, {@code -TimeoutSec}). */
    public static final int REQUEST_SECONDS = 30;

    /** Linux's config.xml directories, in Syncthing's order of preference (sh words, expanded on the host). */
    public static final List<String> LINUX_CONFIG_DIRS = List.of("${XDG_CONFIG_HOME:+\"$XDG_CONFIG_HOME/syncthing\"}",
            "\"$HOME/.config/syncthing\"", "${XDG_STATE_HOME:+\"$XDG_STATE_HOME/syncthing\"}",
            "\"$HOME/.local/state/syncthing\"");
    /** macOS's config.xml directory (sh word). */
    public static final List<String> MACOS_CONFIG_DIRS = List.of("\"$HOME/Library/Application Support/Syncthing\"");

    /** curl's exits for "nothing answered": couldn't connect, timed out, empty reply, receive error. */
    private static final Set<Integer> CURL_NO_ANSWER = Set.of(7, 28, 52, 56);

    private static final String POSIX_SCRIPT = String.join("\n",
            "exec 3<&0",
            "method=$1 path=$2 body=$3",
            "cfg=",
            "for dir in @DIRS@; do",
            "  if [ -f \"$dir/config.xml\" ]; then cfg=$dir/config.xml; break; fi",
            "done",
            "if [ -z \"$cfg\" ]; then echo 'mesh: no Syncthing config.xml in' @DIRS@ >&2; exit " + NO_CONFIG + "; fi",
            "if ! command -v curl >/dev/null 2>&1; then",
            "  echo 'mesh: curl is not installed; mesh reaches Syncthing'\"'\"'s REST API with it' >&2; exit " + NO_CLIENT,
            "fi",
            "gui=$(sed -n '/<gui[ >]/,/<\\/gui>/p' \"$cfg\")",
            "element() { printf '%s\\n' \"$gui\" | sed -n \"s:.*<$1>\\([^<]*\\)</$1>.*:\\1:p\" | head -n 1; }",
            "attribute() { printf '%s\\n' \"$gui\" | sed -n \"1s:.* $1=\\\"\\([^\\\"]*\\)\\\".*:\\1:p\"; }",
            "key=$(element apikey | sed \"s/&lt;/</g; s/&gt;/>/g; s/&quot;/\\\"/g; s/&apos;/'/g; s/&amp;/\\&/g\")",
            "addr=$(element address)",
            "if [ \"$(attribute enabled)\" = false ] || [ -z \"$key\" ]; then",
            "  echo \"mesh: Syncthing's GUI and REST API are turned off, or have no API key, in $cfg\" >&2; exit " + NO_API,
            "fi",
            "scheme=http; [ \"$(attribute tls)\" = true ] && scheme=https",
            "sock=",
            "case $addr in unix://*) sock=${addr#unix://} ;; /*) sock=$addr ;; esac",
            "if [ -n \"$sock\" ]; then base=http://localhost; else",
            "  host=${addr%:*}",
            "  case $host in ''|0.0.0.0) host=127.0.0.1 ;; '[::]') host='[::1]' ;; esac",
            "  base=$scheme://$host:${addr##*:}",
            "fi",
            "set -- -sS -g -k --max-time " + REQUEST_SECONDS + " -X \"$method\" -H @- -w '\\n" + STATUS_PREFIX + "%{http_code}\\n'",
            "if [ -n \"$sock\" ]; then set -- \"$@\" --unix-socket \"$sock\"; fi",
            "if [ \"$body\" = 1 ]; then set -- \"$@\" -H 'Content-Type: application/json' --data-binary @/dev/fd/3; fi",
            "printf 'X-API-Key: %s\\n' \"$key\" | curl \"$@\" \"$base$path\"",
            "");

    private SyncthingRest() {
    }

    /**
     * The sh command that sends {@code request} on a Unix host: {@code sh -c SCRIPT mesh-syncthing
     * METHOD PATH 0|1}, run by the login shell, whatever it is (zsh on macOS). The script reads
     * config.xml from the first of {@code configDirs} that has one, takes the key with sed into a
     * shell variable and gives it to {@code curl -H @-} through {@code printf} (a shell builtin, so
     * no process has it in its arguments); the body arrives on the command's standard input and
     * reaches curl as {@code --data-binary @/dev/fd/3}. TLS on the loopback GUI is not verified
     * ({@code -k}), as Syncthing's own CLI does not verify it.
     *
     * @param configDirs sh words naming the candidate directories, e.g. {@link #LINUX_CONFIG_DIRS}
     */
    public static String posixCommand(List<String> configDirs, SyncthingRequest request) {
        String script = POSIX_SCRIPT.replace("@DIRS@", String.join(" ", configDirs));
        return "sh -c " + Quoting.sh(script) + " mesh-syncthing " + request.method() + " "
                + Quoting.sh(request.path()) + " " + (request.hasBody() ? "1" : "0");
    }

    /**
     * Runs {@code command} (a script that keeps this class's protocol) with {@code stdin} on its standard
     * input (nothing when empty) under the run's command timeout, and reads the answer.
     */
    public static SyncthingResponse call(ProvisioningContext ctx, String command, byte[] stdin) {
        CommandResult result = stdin.length == 0 ? ctx.connection().run(command, ctx.timeouts().command())
                : ctx.connection().run(command, stdin, ctx.timeouts().command());
        return response(result, ctx);
    }

    /** {@link #posixCommand} run with the request's body on standard input: Linux's and macOS's whole transport. */
    public static SyncthingResponse callPosix(ProvisioningContext ctx, List<String> configDirs, SyncthingRequest request) {
        return call(ctx, posixCommand(configDirs, request), request.bodyBytes());
    }

    /** The scripts' protocol read back (see the class comment); host text passes through {@code ctx.redact}. */
    public static SyncthingResponse response(CommandResult result, ProvisioningContext ctx) {
        return response(result, ctx::redact);
    }

    /** As {@link #response(CommandResult, ProvisioningContext)}, host text passing through {@code redact}. */
    public static SyncthingResponse response(CommandResult result, UnaryOperator<String> redact) {
        String out = result.stdout().replace("\r", "");
        int at = out.lastIndexOf("\n" + STATUS_PREFIX);
        int start = out.startsWith(STATUS_PREFIX) ? 0 : at + 1;
        if (result.succeeded() && (at >= 0 || out.startsWith(STATUS_PREFIX))) {
            String status = out.substring(start + STATUS_PREFIX.length()).strip();
            if (status.matches("[1-5][0-9][0-9]")) {
                return SyncthingResponse.of(Integer.parseInt(status), out.substring(0, Math.max(0, at)));
            }
        }
        String why = redact.apply(result.stderr().replace("\r", "").strip());
        int exit = result.exitCode();
        if (!result.timedOut() && (exit == NO_CONFIG || exit == NO_API || exit == NOT_ANSWERING
                || CURL_NO_ANSWER.contains(exit))) {
            return SyncthingResponse.unavailable(why.isEmpty() ? "Syncthing's REST API did not answer (exit " + exit + ")" : why);
        }
        throw new StepFailedException(FailureReason.SYNCTHING_PAIRING_FAILED,
                "the request to Syncthing's REST API failed:\n" + redact.apply(result.tail()));
    }
}
