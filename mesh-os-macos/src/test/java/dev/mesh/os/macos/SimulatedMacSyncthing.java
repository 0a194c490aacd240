// Stands in for Homebrew's Syncthing running as the login user on the simulated Mac: its config.xml under ~/Library/Application Support/Syncthing and its REST API on 127.0.0.1:8384, reached by the plugin's sh script with curl.
package dev.mesh.os.macos;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;

import dev.mesh.api.CommandResult;
import dev.mesh.api.syncthing.SyncthingRest;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SyncthingDouble;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syncthing on a {@link SimulatedMacHost}: the plugin's {@code sh -c SCRIPT mesh-syncthing METHOD PATH
 * 0|1} is decoded and done as sh would do it. The script must look in {@code "$HOME/Library/Application
 * Support/Syncthing"} ($HOME is {@value #HOME}) and hand the key to curl only through
 * {@code printf ... | curl ... -H @-}; any other way of sending it gets 403, as a request without the
 * key would. The body arrives on standard input. Nothing answers while {@link #running} is false.
 */
public final class SimulatedMacSyncthing {
    public static final String HOME = "/Users/steve";
    public static final String CONFIG = HOME + "/Library/Application Support/Syncthing/config.xml";
    private static final Pattern COMMAND = Pattern.compile(
            "(?s)^sh -c '(.*)' mesh-syncthing (GET|PUT|PATCH|DELETE) '([^']*)' ([01])$");
    private static final String KEY_TO_CURL = "printf 'X-API-Key: %s\\n' \"$key\" | curl \"$@\" \"$base$path\"";

    public final SyncthingDouble api;
    public volatile boolean running = true;
    /** Every REST script, as sh got it. */
    public final List<String> scripts = new CopyOnWriteArrayList<>();

    public SimulatedMacSyncthing(SimulatedMacHost<?> mac, SyncthingDouble api) {
        this.api = api;
        mac.host.write(CONFIG, api.configXml("127.0.0.1:8384").getBytes(StandardCharsets.UTF_8));
        mac.host.onCall(c -> COMMAND.matcher(c).matches(), (call, host) -> answer(call.command(), call.input(), host));
    }

    private CommandResult answer(String command, String stdin, ScriptedHost host) {
        Matcher m = COMMAND.matcher(command);
        m.matches();
        String script = m.group(1).replace("'\\''", "'");
        scripts.add(script);
        if (!script.contains("for dir in \"$HOME/Library/Application Support/Syncthing\"; do") || host.read(CONFIG) == null) {
            return result(SyncthingRest.NO_CONFIG, "", "mesh: no Syncthing config.xml in " + HOME
                    + "/Library/Application Support/Syncthing\n");
        }
        SyncthingDouble.Gui gui = SyncthingDouble.Gui.of(host.read(CONFIG));
        if (!running) {
            return result(7, "\n" + SyncthingRest.STATUS_PREFIX + "000\n",
                    "curl: (7) Failed to connect to 127.0.0.1 port 8384 after 0 ms: Couldn't connect to server\n");
        }
        String sent = script.contains(KEY_TO_CURL) && script.contains(" -H @- ") ? gui.apiKey() : "";
        SyncthingDouble.Answer a = api.handle(m.group(2), m.group(3), m.group(4).equals("1") ? stdin : "", sent);
        return ok(a.body() + "\n" + SyncthingRest.STATUS_PREFIX + a.status() + "\n");
    }
}
