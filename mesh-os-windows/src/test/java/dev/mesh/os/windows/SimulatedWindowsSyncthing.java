// Stands in for a running winget Syncthing on the simulated Windows host: its config.xml under %LOCALAPPDATA%\Syncthing and its REST API on 127.0.0.1:8384, reached from a PowerShell script as Windows PowerShell 5.1 runs it.
package dev.mesh.os.windows;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;

import dev.mesh.api.CommandResult;
import dev.mesh.api.Quoting;
import dev.mesh.api.syncthing.SyncthingRest;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SyncthingDouble;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syncthing on a {@link SimulatedWindowsHost}: the plugin's REST script is decoded and done as
 * PowerShell would do it. It finds {@code config.xml} only where the script looks
 * ({@code %LOCALAPPDATA%\Syncthing}, LOCALAPPDATA being {@code C:\Users\admin\AppData\Local}), reads
 * the key and GUI address from it, and sends the key to the API only as the script does: in
 * Invoke-WebRequest's {@code -Headers} from the parsed XML (any other way gets 403, as a request
 * without the key would). The body is base64 on standard input. Nothing answers while
 * {@link #running} is false (the scheduled task has not started Syncthing yet).
 */
public final class SimulatedWindowsSyncthing {
    public static final String CONFIG = "C:\\Users\\admin\\AppData\\Local\\Syncthing\\config.xml";
    private static final String ENCODED = "powershell -NoProfile -NonInteractive -EncodedCommand ";
    private static final Pattern METHOD = Pattern.compile("^\\$method = '([A-Z]+)'$", Pattern.MULTILINE);
    private static final Pattern PATH = Pattern.compile("^\\$path = '((?:[^']|'')*)'$", Pattern.MULTILINE);

    public final SyncthingDouble api;
    public volatile boolean running = true;
    /** Every REST script, decoded. */
    public final List<String> scripts = new CopyOnWriteArrayList<>();

    public SimulatedWindowsSyncthing(SimulatedWindowsHost<?> windows, SyncthingDouble api) {
        this.api = api;
        windows.host.write(SimulatedWindowsHost.remote(CONFIG), api.configXml("127.0.0.1:8384").getBytes(StandardCharsets.UTF_8));
        windows.host.onCall(c -> c.startsWith(ENCODED) && script(c).contains(SyncthingRest.STATUS_PREFIX),
                (call, host) -> answer(script(call.command()), call.input(), host));
    }

    private static String script(String command) {
        return Quoting.decodePowerShell(command.substring(ENCODED.length()));
    }

    private CommandResult answer(String script, String stdin, ScriptedHost host) {
        scripts.add(script);
        if (!script.contains("$base = if ($env:LOCALAPPDATA) { $env:LOCALAPPDATA } else { $env:APPDATA }")
                || !script.contains("$cfg = Join-Path $base 'Syncthing\\config.xml'")) {
            return result(SyncthingRest.NO_CONFIG, "", "mesh: no Syncthing config.xml where the script looked\r\n");
        }
        String xml = host.read(SimulatedWindowsHost.remote(CONFIG));
        if (xml == null) {
            return result(SyncthingRest.NO_CONFIG, "", "mesh: no Syncthing config.xml at " + CONFIG + "\r\n");
        }
        SyncthingDouble.Gui gui = SyncthingDouble.Gui.of(xml);
        if (!running || !gui.address().equals("127.0.0.1:8384")) {
            return result(SyncthingRest.NOT_ANSWERING, "", "mesh: Syncthing's REST API did not answer at http://127.0.0.1:8384:"
                    + " Unable to connect to the remote server\r\n");
        }
        String sent = script.contains("Headers = @{ 'X-API-Key' = [string]$gui.apikey }") ? gui.apiKey() : "";
        String body = script.contains("$hasBody = $true")
                ? new String(Base64.getDecoder().decode(stdin.strip()), StandardCharsets.UTF_8) : "";
        Matcher method = METHOD.matcher(script);
        Matcher path = PATH.matcher(script);
        if (!method.find() || !path.find()) {
            return result(1, "", "the script names no method or path\r\n");
        }
        SyncthingDouble.Answer a = api.handle(method.group(1), path.group(1).replace("''", "'"), body, sent);
        return ok(a.body() + "\n" + SyncthingRest.STATUS_PREFIX + a.status() + "\n");
    }
}
