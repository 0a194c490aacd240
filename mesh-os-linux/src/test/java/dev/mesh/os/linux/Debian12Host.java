// Stands in for a fresh Debian 12 host reached over SSH as a sudo (NOPASSWD) user: a stateful transcript of what sh, sudo, apt-get, systemctl, Tailscale's install.sh and the tailscale CLI answer.
package dev.mesh.os.linux;

import static dev.mesh.os.linux.ScriptedLinuxHost.exit;
import static dev.mesh.os.linux.ScriptedLinuxHost.ok;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table a simulated Debian 12 host answers, written against the exact command strings the
 * plugin sends. State changes as the real programs would change it: the install script makes
 * {@code tailscale} exist, {@code tailscale up} (reading the key file) makes the node Running,
 * apt-get installs syncthing.
 */
final class Debian12Host {
    static final String KEY_FILE_FLAG = "--auth-key='file:";
    private static final Pattern KEY_FILE = Pattern.compile("--auth-key=(?:'file:|file:)(/tmp/mesh-authkey-[0-9a-f]{32})'");

    final ScriptedLinuxHost host;
    boolean systemd = true;
    boolean tailscaleInstalled;
    boolean running;
    boolean syncthingInstalled;
    /** What {@code tailscale up} read from the key file, to prove the file was there and right. */
    String keyReadByUp;

    Debian12Host(String user) {
        host = new ScriptedLinuxHost(user);
        host.onExact("id -u", "1000\n")
                .onExact("sudo -n true", "")
                .on("command -v tailscale"::equals, c -> tailscaleInstalled ? ok("/usr/bin/tailscale\n") : exit(1, "", ""))
                .onExact("sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120'",
                        "Reading package lists...\nBuilding dependency tree...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")
                .on("curl -fsSL 'https://tailscale.com/install.sh' | sudo -n sh"::equals, c -> {
                    tailscaleInstalled = true;
                    return ok("Installing Tailscale for debian bookworm, using method apt\n...\nInstallation complete! Log in to start using Tailscale by running:\n\ntailscale up\n");
                })
                .onExact("tailscale version", "1.80.2\n  tailscale commit: 1234abcd\n  go version: go1.23.4\n")
                .on(Systemd.CHECK::equals, c -> systemd ? ok("") : exit(1, "", ""))
                .onExact("sudo -n systemctl enable --now tailscaled", "")
                .on("tailscale status --json"::equals, c -> ok(TailscaleJson.status(running ? "Running" : "NeedsLogin")))
                .on(c -> c.startsWith("sudo -n tailscale up "), this::up)
                .on("tailscale ip -4"::equals, c -> running ? ok("100.64.0.7\n") : exit(1, "", "no current Tailscale IPs; state: NeedsLogin\n"))
                .on("command -v syncthing"::equals, c -> syncthingInstalled ? ok("/usr/bin/syncthing\n") : exit(1, "", ""))
                .onExact("sudo -n apt-get -o 'DPkg::Lock::Timeout=120' update", "Hit:1 http://deb.debian.org/debian bookworm InRelease\nReading package lists...\n")
                .on("sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' syncthing"::equals, c -> {
                    syncthingInstalled = true;
                    return ok("Setting up syncthing (1.19.2~ds1-1+b4) ...\n");
                })
                .onExact("sudo -n systemctl enable --now 'syncthing@" + user + "'",
                        "Created symlink /etc/systemd/system/multi-user.target.wants/syncthing@" + user + ".service.\n");
    }

    /**
     * The host after {@code mesh remote prepare}: sudo wants a password for everything except the
     * root helper, which answers its operations (each with the same effect as the sudo form).
     */
    Debian12Host prepared(String pin) {
        String helper = "sudo -n " + RootHelper.PATH + " ";
        String user = host.host().user();
        host.on(c -> c.startsWith("sudo -n "), c -> exit(1, "", "sudo: a password is required\n"))
                .onExact(helper + "'check'", "mesh-root " + pin + "\n")
                .onExact(helper + "'apt-wait-lock'", "0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")
                .on((helper + "'install-tailscale-script'")::equals, c -> {
                    tailscaleInstalled = true;
                    return ok("Installing Tailscale for debian bookworm, using method apt\nInstallation complete!\n");
                })
                .onExact(helper + "'enable-service' 'tailscaled'", "")
                .on(c -> c.startsWith(helper + "'tailscale-up' "), this::up)
                .onExact(helper + "'apt-update'", "Reading package lists...\n")
                .on((helper + "'install-syncthing' 'apt'")::equals, c -> {
                    syncthingInstalled = true;
                    return ok("Setting up syncthing (1.19.2~ds1-1+b4) ...\n");
                })
                .onExact(helper + "'enable-service' 'syncthing@" + user + "'", "");
        return this;
    }

    private dev.mesh.api.CommandResult up(String command) {
        Matcher m = KEY_FILE.matcher(command);
        if (!m.find()) {
            return exit(1, "", "unexpected flags\n");
        }
        ScriptedLinuxHost.Upload file = host.files().get(m.group(1));
        if (file == null) {
            return exit(1, "", "reading auth key file: open " + m.group(1) + ": no such file or directory\n");
        }
        keyReadByUp = new String(file.content(), StandardCharsets.UTF_8).strip();
        running = true;
        return ok("");
    }
}
