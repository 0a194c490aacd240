// Stands in for a fresh Debian 12 host with Tailscale's install script and tailscale CLI (which cannot run here): sh, sudo (NOPASSWD), apt-get and systemctl answers as documented, over a real embedded SSH server.
package dev.mesh.cli;

import static dev.mesh.core.testing.SimulatedHost.ok;
import static dev.mesh.core.testing.SimulatedHost.result;

import dev.mesh.api.CommandResult;
import dev.mesh.core.testing.SimulatedHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful transcript on {@link SimulatedHost}: the install script makes {@code tailscale} exist,
 * {@code tailscale up} reads the uploaded key file and makes the node Running, apt-get installs
 * syncthing, {@code rm -f} deletes uploaded files.
 */
final class SimulatedDebianHost implements AutoCloseable {
    static final String TAILSCALE_IP = "100.64.0.7";
    private static final Pattern KEY_FILE = Pattern.compile("--auth-key='file:(/tmp/mesh-authkey-[0-9a-f]{32})'");
    private static final Pattern RM = Pattern.compile("^rm -f '(/tmp/[^']*)'$");

    final SimulatedHost host;
    boolean tailscaleInstalled;
    boolean running;
    boolean syncthingInstalled;
    String keyReadByUp;
    String loginServer = "";
    /** Called with the Tailscale IP when `tailscale up` succeeds: the control server now lists the node. */
    java.util.function.Consumer<String> onJoin = ip -> { };

    SimulatedDebianHost(Path workDir) throws Exception {
        host = SimulatedHost.start("steve", workDir);
        Files.createDirectories(host.file("/tmp"));
        String user = host.user();
        host.onExact("echo connected", "connected\n")
                .onExact("uname -s", "Linux\n")
                .onExact("hostname", "web1\n")
                .on(c -> c.startsWith("uname -m;"), (c, h) -> ok("""
                        x86_64
                        @@mesh:os-release
                        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                        NAME="Debian GNU/Linux"
                        VERSION_ID="12"
                        VERSION="12 (bookworm)"
                        VERSION_CODENAME=bookworm
                        ID=debian
                        @@mesh:proc-version
                        Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1
                        @@mesh:package-managers
                        /usr/bin/apt-get
                        """))
                .onExact("id -u", "1000\n")
                .onExact("sudo -n true", "")
                .on("command -v tailscale"::equals, (c, h) -> tailscaleInstalled ? ok("/usr/bin/tailscale\n") : result(1, "", ""))
                .onExact("sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120'",
                        "0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")
                .on("curl -fsSL 'https://tailscale.com/install.sh' | sudo -n sh"::equals, (c, h) -> {
                    tailscaleInstalled = true;
                    return ok("Installing Tailscale for debian bookworm, using method apt\nInstallation complete!\n");
                })
                .onExact("tailscale version", "1.80.2\n  tailscale commit: 1234abcd\n")
                .onExact("test -d /run/systemd/system", "")
                .onExact("sudo -n systemctl enable --now tailscaled", "")
                .on("tailscale status --json"::equals, (c, h) -> ok(status()))
                .on("sudo -n tailscale debug prefs"::equals, (c, h) -> ok("{\"ControlURL\": \"" + loginServer + "\"}\n"))
                .on(c -> c.startsWith("sudo -n tailscale up "), (c, h) -> up(c))
                .on(c -> RM.matcher(c).matches(), (c, h) -> {
                    Matcher m = RM.matcher(c);
                    m.matches();
                    Files.deleteIfExists(h.file(m.group(1)));
                    return ok("");
                })
                .on("tailscale ip -4"::equals, (c, h) -> running ? ok(TAILSCALE_IP + "\n")
                        : result(1, "", "no current Tailscale IPs; state: NeedsLogin\n"))
                .on("command -v syncthing"::equals, (c, h) -> syncthingInstalled ? ok("/usr/bin/syncthing\n") : result(1, "", ""))
                .onExact("sudo -n apt-get -o 'DPkg::Lock::Timeout=120' update", "Reading package lists...\n")
                .on("sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' syncthing"::equals,
                        (c, h) -> {
                            syncthingInstalled = true;
                            return ok("Setting up syncthing (1.19.2~ds1-1+b4) ...\n");
                        })
                .onExact("sudo -n systemctl enable --now 'syncthing@" + user + "'", "")
                .on(c -> c.startsWith("systemctl is-enabled --quiet 'syncthing@"), (c, h) -> syncthingInstalled ? ok("") : result(1, "", ""));
    }

    private String status() {
        if (!running) {
            return "{\"BackendState\": \"NeedsLogin\", \"TailscaleIPs\": null, \"Self\": {\"HostName\": \"web1\", \"Online\": false}}";
        }
        return "{\"BackendState\": \"Running\", \"TailscaleIPs\": [\"" + TAILSCALE_IP + "\", \"fd7a:115c:a1e0::7\"],"
                + " \"Self\": {\"HostName\": \"web1\", \"Online\": true, \"TailscaleIPs\": [\"" + TAILSCALE_IP + "\"]}}";
    }

    private CommandResult up(String command) throws Exception {
        if (!command.contains("--timeout=")) {
            return result(-1, "", "hangs forever without --timeout");
        }
        Matcher m = KEY_FILE.matcher(command);
        if (!m.find()) {
            return result(1, "", "unexpected flags\n");
        }
        Path file = host.file(m.group(1));
        if (!Files.exists(file)) {
            return result(1, "", "reading auth key file: open " + m.group(1) + ": no such file or directory\n");
        }
        keyReadByUp = Files.readString(file, StandardCharsets.UTF_8).strip();
        Matcher server = Pattern.compile("--login-server='([^']*)'").matcher(command);
        loginServer = server.find() ? server.group(1) : "";
        joined();
        return ok("");
    }

    /** What a successful {@code tailscale up} does: tailscaled Running, and Headscale lists the node. */
    void joined() {
        running = true;
        onJoin.accept(TAILSCALE_IP);
    }

    @Override
    public void close() {
        host.close();
    }
}
